// Attribute and schema definitions as in RFC 7643 §7 ("Schema Definition"). The registry built from these
// drives validation, serialisation, filtering, PATCH and the /Schemas discovery documents.

export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "binary" | "reference" | "complex";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
  /**
   * Not an RFC 7643 characteristic (never published in /Schemas): reject values outside canonicalValues
   * (compared case-insensitively, stored in canonical case). Off by default, since §2.3.1 lets clients send others.
   */
  enforceCanonicalValues?: boolean;
}

export interface SchemaDefinition {
  /** The schema URN, e.g. "urn:ietf:params:scim:schemas:core:2.0:User". */
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

export interface ResourceTypeDefinition {
  /** "User", "Group". */
  name: string;
  /** Endpoint relative to the base URL, e.g. "/Users". */
  endpoint: string;
  description: string;
  /** Core schema URN. */
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
}
