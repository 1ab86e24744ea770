// POST and PUT bodies (RFC 7644 §3.3, §3.5.1) -> the canonical stored form of a resource.
import { attributePath, normalizeAttributeValue } from "./attribute-value";
import { invalidSyntax, invalidValue } from "./errors";
import { excerpt, isJsonObject } from "./json";
import { registry as defaultRegistry, type ResolvedAttribute, type ResourceTypeName, type ScimRegistry } from "./schema/registry";

export { checkMultiValuedPrimary, normalizeAttributeValue } from "./attribute-value";

export interface ParsedResource {
  /**
   * Canonical stored form: core attributes under their canonical names, extension attributes in an object under
   * their schema URN. Never id, meta, groups (readOnly, RFC 7643 §2.2) nor the password.
   */
  attributes: Record<string, unknown>;
  /** The cleartext password (writeOnly, RFC 7643 §4.1.1), for the caller to hash; never stored in clear. */
  password?: string;
}

export interface ParseResourceOptions {
  registry?: ScimRegistry;
  /** Foreign schema URNs accepted in "schemas" and ignored (default: IGNORED_FOREIGN_SCHEMAS). */
  ignoredSchemas?: readonly string[];
}

/**
 * Schema URNs that IdPs list in "schemas" without sending any attribute of them. Entra ID lists the first when
 * it creates a group (its documented POST /Groups request); refusing it would make every group push fail.
 */
export const IGNORED_FOREIGN_SCHEMAS: readonly string[] = ["http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"];

/**
 * Validate a POST or PUT body and turn it into the stored form. Attribute names are case-insensitive
 * (RFC 7643 §2.1); extension attributes may come nested under their schema URN (§3.3) or URN-qualified at the
 * top level (RFC 7644 §3.10). Extension attributes are accepted even when the client forgot to list the
 * extension in "schemas": the URN key already says which schema they belong to. Every failure is 400.
 */
export function parseResource(type: ResourceTypeName, body: unknown, opts: ParseResourceOptions = {}): ParsedResource {
  const registry = opts.registry ?? defaultRegistry;
  if (!isJsonObject(body)) throw invalidSyntax("The request body must be a JSON object");
  const listed = checkSchemas(registry, type, body, opts.ignoredSchemas ?? IGNORED_FOREIGN_SCHEMAS);

  const attributes: Record<string, unknown> = {};
  const assigned = new Set<string>();
  let password: string | undefined;

  const assign = (resolved: ResolvedAttribute, raw: unknown, key: string) => {
    if (resolved.parent) {
      throw invalidValue(`${excerpt(key)} is a sub-attribute path; a resource body gives "${resolved.names[0]}" as a whole`);
    }
    const identity = attributePath(resolved).toLowerCase();
    if (assigned.has(identity)) throw invalidValue(`Attribute "${attributePath(resolved)}" is given more than once`);
    assigned.add(identity);
    const { definition } = resolved;
    if (definition.mutability === "readOnly") return; // RFC 7643 §2.2: "any values provided SHALL be ignored"
    const value = normalizeAttributeValue(resolved, raw);
    if (value === undefined) return;
    if (!resolved.extension && definition.name === "password" && definition.mutability === "writeOnly") {
      password = value as string;
      return;
    }
    if (resolved.extension) {
      const container = (attributes[resolved.schema] ??= {}) as Record<string, unknown>;
      container[definition.name] = value;
    } else {
      attributes[definition.name] = value;
    }
  };

  for (const [key, raw] of Object.entries(body)) {
    if (key.toLowerCase() === "schemas") continue;
    const schema = registry.schemaOf(type, key);
    if (schema) {
      // { "urn:...:enterprise:2.0:User": { ... } } (RFC 7643 §3.3)
      if (raw === null) continue;
      if (!isJsonObject(raw)) throw invalidValue(`"${schema.id}" must be an object of that schema's attributes`);
      for (const [name, value] of Object.entries(raw)) {
        const resolved = registry.resolve(type, `${schema.id}:${name}`);
        if (!resolved) throw invalidValue(`Unknown attribute ${excerpt(name)} in schema "${schema.id}"`);
        assign(resolved, value, `${schema.id}:${name}`);
      }
      continue;
    }
    const resolved = registry.resolve(type, key);
    if (!resolved) throw invalidValue(`Unknown attribute ${excerpt(key)} for resource type ${type}`);
    assign(resolved, raw, key);
  }

  checkRequired(registry, type, attributes, listed);
  return password === undefined ? { attributes } : { attributes, password };
}

/** RFC 7643 §3: "schemas" is REQUIRED and lists the core schema and the extensions used. Returns the URNs. */
function checkSchemas(registry: ScimRegistry, type: ResourceTypeName, body: Record<string, unknown>, ignored: readonly string[]): Set<string> {
  const key = Object.keys(body).find((k) => k.toLowerCase() === "schemas");
  const schemas = key === undefined ? undefined : body[key];
  if (!Array.isArray(schemas) || !schemas.every((s): s is string => typeof s === "string")) {
    throw invalidSyntax(`The body must have "schemas", an array of schema URNs`);
  }
  const listed = new Set<string>();
  for (const urn of schemas) {
    const schema = registry.schemaOf(type, urn);
    if (!schema && ignored.some((i) => i.toLowerCase() === urn.toLowerCase())) continue;
    if (!schema) throw invalidValue(`Unknown schema ${excerpt(urn)} for resource type ${type}`);
    listed.add(schema.id);
  }
  const core = registry.resourceType(type).schema;
  if (!listed.has(core)) throw invalidValue(`"schemas" must contain "${core}"`);
  return listed;
}

/** Required attributes (RFC 7643 §2.2) of the core schema, and of each extension that is required or in use. */
function checkRequired(registry: ScimRegistry, type: ResourceTypeName, attributes: Record<string, unknown>, listed: Set<string>): void {
  const resourceType = registry.resourceType(type);
  for (const schema of registry.schemasOf(type)) {
    const isCore = schema.id === resourceType.schema;
    const extension = resourceType.schemaExtensions.find((e) => e.schema.toLowerCase() === schema.id.toLowerCase());
    const container = isCore ? attributes : (attributes[schema.id] as Record<string, unknown> | undefined);
    if (!isCore && !extension?.required && !container && !listed.has(schema.id)) continue;
    if (!isCore && extension?.required && !container) throw invalidValue(`The extension "${schema.id}" is required`);
    for (const definition of schema.attributes) {
      if (definition.required && definition.mutability !== "readOnly" && !(container && definition.name in container)) {
        const path = isCore ? definition.name : `${schema.id}:${definition.name}`;
        throw invalidValue(`Attribute "${path}" is required`);
      }
    }
  }
}
