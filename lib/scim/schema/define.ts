import type { AttributeDefinition, AttributeType } from "./types";

type Characteristics = Partial<Omit<AttributeDefinition, "name" | "type" | "description">>;

/**
 * An attribute definition with the defaults of RFC 7643 §2.2 (required false, caseExact false, mutability
 * readWrite, returned default, uniqueness none) and §7 (multiValued false), so that each definition spells
 * out only where it differs from them.
 */
export function attribute(name: string, type: AttributeType, description: string, characteristics: Characteristics = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...characteristics,
  };
}
