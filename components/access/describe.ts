// Plain-words text for roles, scopes and the reasons a user holds a role (shared by the access pages).
import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_CATALOGUE } from "@/lib/access/roles";
import type { GrantVia, InheritedFrom } from "@/lib/access/types";

export function roleLabel(role: Role): string {
  return ROLE_CATALOGUE[role].label;
}

/**
 * Why a grant reaches the user: "Direct", "Group Engineering", or for nesting the chain from the group that holds the
 * role down to the user's own group: "Group Engineering › Platform › Berlin team".
 */
export function viaLabel(via: GrantVia): string {
  if (via.kind === "direct") return "Direct";
  return `Group ${[...via.chain].reverse().map((g) => g.displayName).join(" › ")}`;
}

/** A longer explanation of a nested chain, for a tooltip or screen readers. */
export function viaExplanation(via: GrantVia): string | null {
  if (via.kind === "direct" || via.chain.length < 2) return null;
  const [own, ...above] = via.chain;
  return `Member of ${own!.displayName}, which is inside ${above.map((g) => g.displayName).join(", inside ")}; the role is given to ${above.at(-1)!.displayName}.`;
}

export function inheritedLabel(from: InheritedFrom): string {
  return from.type === "ACCOUNT" ? "Inherited from the whole account" : `Inherited from organization ${from.name}`;
}
