import { describe, expect, it } from "vitest";
import { buildForest } from "./organization-tree";

describe("buildForest", () => {
  it("nests organizations under their parents and projects under their organization", () => {
    const forest = buildForest(
      [
        { id: "root", name: "Root", parentId: null },
        { id: "child", name: "Child", parentId: "root" },
        { id: "grandchild", name: "Grandchild", parentId: "child" },
        { id: "other", name: "Other root", parentId: null },
      ],
      [{ id: "p1", name: "Project", organizationId: "grandchild" }],
    );
    expect(forest.map((n) => n.name)).toEqual(["Root", "Other root"]);
    expect(forest[0]!.children[0]!.children[0]).toMatchObject({ id: "grandchild", key: null, projects: [{ id: "p1", name: "Project" }] });
  });

  it("treats an organization whose parent is missing as a root rather than dropping it", () => {
    expect(buildForest([{ id: "x", name: "Orphan", parentId: "gone" }], []).map((n) => n.id)).toEqual(["x"]);
  });
});
