import { describe, expect, it } from "vitest";
import { pendingSchemaChanges } from "./migrations.mjs";

describe("prisma/migrations", () => {
  it("builds exactly the schema declared in schema.prisma (no drift)", async () => {
    // The engine replays every migration in a shadow database and diffs it against schema.prisma.
    const missing = await pendingSchemaChanges(process.env.DATABASE_URL!);
    expect(missing, "run `npm run db:new-migration -- <name>` to capture the change").toBe("");
  });
});
