// The attributes / excludedAttributes parameters, RFC 7644 §3.4.2.5 and §3.9, against the "returned"
// characteristic of RFC 7643 §2.2 / §7.
import { registry as defaultRegistry, type ResourceTypeName, type ScimRegistry } from "./schema/registry";
import type { AttributeDefinition } from "./schema/types";

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

interface Selection {
  /** Top-level attributes named whole, as "schema|name" (lower case). */
  whole: Set<string>;
  /** Sub-attributes named, by top-level key, as lower-case names. */
  subs: Map<string, Set<string>>;
  /** Schema URNs named bare ("urn:...:enterprise:2.0:User" selects its every attribute), lower case. */
  schemas: Set<string>;
}

const key = (schema: string, name: string) => `${schema.toLowerCase()}|${name.toLowerCase()}`;

function select(registry: ScimRegistry, type: ResourceTypeName, names: string[]): Selection {
  const selection: Selection = { whole: new Set(), subs: new Map(), schemas: new Set() };
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const schema = registry.schemaOf(type, name);
    if (schema) {
      selection.schemas.add(schema.id.toLowerCase());
      continue;
    }
    // Unknown names select nothing: RFC 7644 §3.9 defines no error for them, and a stricter answer would fail
    // a client that asks for an attribute we simply do not have.
    const resolved = registry.resolve(type, name);
    if (!resolved) continue;
    const top = key(resolved.schema, resolved.names[0] ?? "");
    if (resolved.parent) {
      const subs = selection.subs.get(top) ?? new Set<string>();
      subs.add(resolved.definition.name.toLowerCase());
      selection.subs.set(top, subs);
    } else {
      selection.whole.add(top);
    }
  }
  return selection;
}

/**
 * Decides, for each attribute and sub-attribute of a resource type, whether a response includes it.
 * - returned "never" is never included; "always" always (excludedAttributes "SHALL have no effect" on it);
 * - with `attributes`, only the named attributes (a complex one named whole brings its sub-attributes; a bare
 *   schema URN brings all of that schema's attributes), including "request" ones;
 * - without it, the "default" set (§3.4): "always" and "default";
 * - `excludedAttributes` then removes what it names. RFC 7644 does not forbid giving both parameters, so both
 *   apply: the attributes selection first, then the exclusions.
 */
export class ProjectionPlan {
  private readonly attributes?: Selection;
  private readonly excluded: Selection;

  constructor(
    private readonly registry: ScimRegistry,
    private readonly type: ResourceTypeName,
    projection: Projection = {},
  ) {
    if (projection.attributes && projection.attributes.some((a) => a.trim() !== "")) {
      this.attributes = select(registry, type, projection.attributes);
    }
    this.excluded = select(registry, type, projection.excludedAttributes ?? []);
  }

  /** Whether `attribute` (top-level, of `schema`) or its sub-attribute `sub` is included. */
  includes(schema: string, attribute: AttributeDefinition, sub?: AttributeDefinition): boolean {
    const leaf = sub ?? attribute;
    if (attribute.returned === "never" || leaf.returned === "never") return false;
    if (leaf.returned === "always" || (!sub && attribute.returned === "always")) return true;
    const top = key(schema, attribute.name);
    const named = (selection: Selection) =>
      selection.whole.has(top) || selection.schemas.has(schema.toLowerCase()) || (sub !== undefined && selection.subs.get(top)?.has(sub.name.toLowerCase()) === true);
    if (this.excluded && named(this.excluded)) return false;
    if (this.attributes) return attribute.returned === "always" || named(this.attributes);
    return attribute.returned !== "request" && leaf.returned !== "request";
  }

  /** Whether any part of a top-level attribute is included (for a complex one: any of its sub-attributes). */
  includesAny(schema: string, attribute: AttributeDefinition): boolean {
    if (attribute.type === "complex" && attribute.subAttributes?.length) {
      return attribute.subAttributes.some((sub) => this.includes(schema, attribute, sub));
    }
    return this.includes(schema, attribute);
  }

  /** Whether a response would include anything at `path` ("members", "emails.value", "urn:...:manager"). */
  wants(path: string): boolean {
    const schema = this.registry.schemaOf(this.type, path);
    if (schema) return schema.attributes.some((a) => this.includesAny(schema.id, a));
    const resolved = this.registry.resolve(this.type, path);
    if (!resolved) return false;
    if (resolved.parent) return this.includes(resolved.schema, resolved.parent, resolved.definition);
    return this.includesAny(resolved.schema, resolved.definition);
  }
}

/** Whether a response to `projection` includes anything at `path`, so the caller can skip loading, e.g., members. */
export function wantsAttribute(type: ResourceTypeName, projection: Projection | undefined, path: string, registry: ScimRegistry = defaultRegistry): boolean {
  return new ProjectionPlan(registry, type, projection).wants(path);
}
