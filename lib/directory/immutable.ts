import { isDeepStrictEqual } from "node:util";
import { mutability } from "@/lib/scim/errors";
import { registry, type ResourceTypeName } from "@/lib/scim/schema/registry";

/**
 * RFC 7643 §2.2: an immutable attribute may be set once; a replace (PUT) may repeat its value but not change it.
 * Checked on top-level attributes of the core schema and of each extension.
 */
export function assertImmutableUnchanged(type: ResourceTypeName, current: Record<string, unknown>, next: Record<string, unknown>): void {
  const [core, ...extensions] = registry.schemasOf(type);
  const check = (schemaAttributes: { name: string; mutability: string }[], before: Record<string, unknown>, after: Record<string, unknown>) => {
    for (const attribute of schemaAttributes) {
      if (attribute.mutability !== "immutable") continue;
      const was = before[attribute.name];
      if (was !== undefined && !isDeepStrictEqual(was, after[attribute.name])) {
        throw mutability(`The attribute "${attribute.name}" is immutable and cannot be changed.`);
      }
    }
  };
  check(core?.attributes ?? [], current, next);
  for (const extension of extensions) {
    const before = current[extension.id];
    const after = next[extension.id];
    if (before && typeof before === "object") check(extension.attributes, before as Record<string, unknown>, (after ?? {}) as Record<string, unknown>);
  }
}
