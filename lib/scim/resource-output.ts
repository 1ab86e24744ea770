// Stored resource -> SCIM response representation (RFC 7643 §3, §8), with attribute projection.
import { isJsonObject } from "./json";
import { ProjectionPlan, type Projection } from "./projection";
import { registry as defaultRegistry, type ResourceTypeName, type ScimRegistry } from "./schema/registry";
import type { AttributeDefinition } from "./schema/types";

export { wantsAttribute, type Projection } from "./projection";

export interface StoredResource {
  id: string;
  /** The stored form produced by parseResource, plus server-computed attributes such as groups or members. */
  attributes: Record<string, unknown>;
  meta: { created: Date; lastModified: Date; /** The ETag, e.g. W/"3". */ version: string; location: string };
}

export interface RenderOptions {
  registry?: ScimRegistry;
}

/**
 * Build the response object: schemas, id, externalId, the core attributes, each extension under its URN, meta.
 * "schemas" lists the core schema and the extensions whose attributes appear in this representation
 * (RFC 7643 §3). Attributes with returned "never" (password) are never rendered.
 */
export function renderResource(
  type: ResourceTypeName,
  stored: StoredResource,
  projection?: Projection,
  opts: RenderOptions = {},
): Record<string, unknown> {
  const registry = opts.registry ?? defaultRegistry;
  const plan = new ProjectionPlan(registry, type, projection);
  const resourceType = registry.resourceType(type);
  const [core, ...extensions] = registry.schemasOf(type);
  const commonByName = new Map(registry.commonAttributes.map((a) => [a.name, a]));
  const out: Record<string, unknown> = { schemas: [resourceType.schema] };
  const schemas: string[] = [resourceType.schema];

  const id = commonByName.get("id");
  if (id && plan.includes(resourceType.schema, id)) out.id = stored.id;
  const externalId = commonByName.get("externalId");
  if (externalId) put(out, plan, resourceType.schema, externalId, stored.attributes.externalId);

  for (const definition of core?.attributes ?? []) put(out, plan, resourceType.schema, definition, stored.attributes[definition.name]);

  for (const extension of extensions) {
    const container = stored.attributes[extension.id];
    if (!isJsonObject(container)) continue;
    const rendered: Record<string, unknown> = {};
    for (const definition of extension.attributes) put(rendered, plan, extension.id, definition, container[definition.name]);
    if (Object.keys(rendered).length > 0) {
      out[extension.id] = rendered;
      schemas.push(extension.id);
    }
  }

  const meta = commonByName.get("meta");
  if (meta) {
    const value = {
      resourceType: resourceType.name,
      created: stored.meta.created.toISOString(),
      lastModified: stored.meta.lastModified.toISOString(),
      location: stored.meta.location,
      version: stored.meta.version,
    };
    put(out, plan, resourceType.schema, meta, value);
  }
  out.schemas = schemas;
  return out;
}

function put(target: Record<string, unknown>, plan: ProjectionPlan, schema: string, definition: AttributeDefinition, value: unknown): void {
  if (value === undefined || value === null) return;
  if (definition.type !== "complex") {
    if (plan.includes(schema, definition)) target[definition.name] = value;
    return;
  }
  if (!plan.includesAny(schema, definition)) return;
  const project = (item: unknown): Record<string, unknown> | undefined => {
    if (!isJsonObject(item)) return undefined;
    const projected: Record<string, unknown> = {};
    for (const sub of definition.subAttributes ?? []) {
      const subValue = item[sub.name];
      if (subValue !== undefined && subValue !== null && plan.includes(schema, definition, sub)) projected[sub.name] = subValue;
    }
    return Object.keys(projected).length > 0 ? projected : undefined;
  };
  if (definition.multiValued) {
    const items = (Array.isArray(value) ? value : [value]).map(project).filter((item) => item !== undefined);
    if (items.length > 0) target[definition.name] = items;
  } else {
    const projected = project(value);
    if (projected) target[definition.name] = projected;
  }
}
