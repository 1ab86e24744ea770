import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import type { ScopeRef } from "@/lib/access/types";

/** A role and where it applies, as the role and scope fields submit them. */
export const roleAtScopeInput = z
  .object({
    role: z.enum(Role, "Choose a role."),
    scopeType: z.enum(["ACCOUNT", "ORGANIZATION", "PROJECT"], "Choose where the role applies."),
    scopeId: z.string(),
  })
  .superRefine((value, ctx) => {
    if (value.scopeType !== "ACCOUNT" && !z.uuid().safeParse(value.scopeId).success) {
      ctx.addIssue({ code: "custom", path: ["scopeId"], message: value.scopeType === "ORGANIZATION" ? "Choose an organization." : "Choose a project." });
    }
  });

export function scopeOf(value: z.infer<typeof roleAtScopeInput>): ScopeRef {
  return value.scopeType === "ACCOUNT" ? { type: "ACCOUNT" } : { type: value.scopeType, id: value.scopeId };
}

