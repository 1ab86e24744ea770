// The resource types and schemas this service provider knows (RFC 7643 §6, §7), and attribute-path
// resolution for bodies, filters, PATCH paths, sortBy and attribute projections.
import { COMMON_ATTRIBUTES } from "./common";
import { coreUserSchema, USER_SCHEMA_URN } from "./core-user";
import { ENTERPRISE_USER_SCHEMA_URN, enterpriseUserSchema } from "./enterprise-user";
import { GROUP_SCHEMA_URN, groupSchema } from "./group";
import { ORGANIZATION_EXTENSION_URN, organizationExtensionSchema } from "./organization-extension";
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from "./types";

export const USER_SCHEMA = USER_SCHEMA_URN;
export const ENTERPRISE_USER_SCHEMA = ENTERPRISE_USER_SCHEMA_URN;
export const GROUP_SCHEMA = GROUP_SCHEMA_URN;
export const ORGANIZATION_EXTENSION_SCHEMA = ORGANIZATION_EXTENSION_URN;

export type ResourceTypeName = "User" | "Group";

export interface ResolvedAttribute {
  /** URN the attribute belongs to (core or extension); the core URN for the common attributes id, externalId, meta. */
  schema: string;
  /** The leaf attribute (the sub-attribute when the path names one). */
  definition: AttributeDefinition;
  /** The complex parent when the path names a sub-attribute. */
  parent?: AttributeDefinition;
  /** Canonical names: ["name","familyName"], ["emails","value"], ["manager","value"], ["id"]. */
  names: string[];
  /** True when schema is an extension (the value lives under resource[schema]). */
  extension: boolean;
}

interface TopLevel {
  schema: string;
  definition: AttributeDefinition;
  extension: boolean;
}

interface ResourceIndex {
  type: ResourceTypeDefinition;
  /** Core schema first, then extensions. */
  schemas: SchemaDefinition[];
  /** Lower-cased attribute name -> attribute, per lower-cased schema URN. */
  bySchema: Map<string, Map<string, TopLevel>>;
  /** Core and common attributes by lower-cased name. */
  core: Map<string, TopLevel>;
  /** Extension attributes by lower-cased name, when the name occurs in exactly one extension. */
  uniqueExtension: Map<string, TopLevel>;
}

const lower = (s: string) => s.toLowerCase();

function findSub(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const wanted = lower(name);
  return parent.subAttributes?.find((sub) => lower(sub.name) === wanted);
}

export class ScimRegistry {
  private readonly schemasByUrn = new Map<string, SchemaDefinition>();
  private readonly resources = new Map<string, ResourceIndex>();
  private readonly resourceTypeList: ResourceTypeDefinition[];

  constructor(
    resourceTypes: ResourceTypeDefinition[],
    schemas: SchemaDefinition[],
    /** The common attributes of RFC 7643 §3.1, resolved for every resource type. */
    readonly commonAttributes: AttributeDefinition[] = COMMON_ATTRIBUTES,
  ) {
    for (const schema of schemas) this.schemasByUrn.set(lower(schema.id), schema);
    this.resourceTypeList = [...resourceTypes];
    for (const type of resourceTypes) this.resources.set(type.name, this.index(type));
  }

  private index(type: ResourceTypeDefinition): ResourceIndex {
    const urns = [type.schema, ...type.schemaExtensions.map((e) => e.schema)];
    const schemas = urns.map((urn) => {
      const schema = this.schema(urn);
      if (!schema) throw new Error(`Resource type ${type.name} names unknown schema ${urn}`);
      return schema;
    });
    const bySchema = new Map<string, Map<string, TopLevel>>();
    const core = new Map<string, TopLevel>();
    const extensionCounts = new Map<string, TopLevel[]>();
    schemas.forEach((schema, i) => {
      const extension = i > 0;
      const attributes = new Map<string, TopLevel>();
      for (const definition of schema.attributes) {
        const entry = { schema: schema.id, definition, extension };
        attributes.set(lower(definition.name), entry);
        if (extension) extensionCounts.set(lower(definition.name), [...(extensionCounts.get(lower(definition.name)) ?? []), entry]);
        else core.set(lower(definition.name), entry);
      }
      bySchema.set(lower(schema.id), attributes);
    });
    for (const definition of this.commonAttributes) {
      const entry = { schema: type.schema, definition, extension: false };
      core.set(lower(definition.name), entry);
      // "urn:...:core:2.0:User:id" is accepted too.
      bySchema.get(lower(type.schema))?.set(lower(definition.name), entry);
    }
    const uniqueExtension = new Map<string, TopLevel>();
    for (const [name, entries] of extensionCounts) if (entries.length === 1 && entries[0]) uniqueExtension.set(name, entries[0]);
    return { type, schemas, bySchema, core, uniqueExtension };
  }

  private indexOf(name: string): ResourceIndex {
    const index = this.resources.get(name);
    if (!index) throw new Error(`Unknown resource type ${name}`);
    return index;
  }

  resourceType(name: ResourceTypeName): ResourceTypeDefinition {
    return this.indexOf(name).type;
  }

  /** Every resource type, in the order given to the constructor (for /ResourceTypes). */
  resourceTypes(): ResourceTypeDefinition[] {
    return [...this.resourceTypeList];
  }

  /** Every schema, in the order given to the constructor (for /Schemas). */
  schemas(): SchemaDefinition[] {
    return [...this.schemasByUrn.values()];
  }

  /** Case-insensitive URN match. */
  schema(urn: string): SchemaDefinition | undefined {
    return this.schemasByUrn.get(lower(urn));
  }

  /** Core first, then extensions. */
  schemasOf(name: ResourceTypeName): SchemaDefinition[] {
    return [...this.indexOf(name).schemas];
  }

  /** The schema of `name` whose URN equals `urn` (case-insensitively), if the resource type uses it. */
  schemaOf(name: ResourceTypeName, urn: string): SchemaDefinition | undefined {
    return this.indexOf(name).schemas.find((s) => lower(s.id) === lower(urn));
  }

  /**
   * Resolve "userName", "name.FamilyName", "emails.value", "meta.lastModified",
   * "urn:...:enterprise:2.0:User:manager.value", "urn:...:core:2.0:User:userName", case-insensitively
   * (RFC 7643 §2.1). Returns undefined when unknown.
   *
   * RFC 7644 §3.10: clients MAY omit the core schema URN and SHOULD qualify extension attributes; an
   * unqualified name that is not a core attribute resolves to an extension attribute when exactly one
   * extension of the resource type defines it.
   */
  resolve(resourceType: ResourceTypeName, path: string): ResolvedAttribute | undefined {
    const index = this.indexOf(resourceType);
    let top: TopLevel | undefined;
    let rest: string;
    const qualified = this.splitUrn(index, path);
    if (qualified) {
      const [urn, attributePath] = qualified;
      const [name, ...subs] = attributePath.split(".");
      if (!name) return undefined;
      top = index.bySchema.get(lower(urn))?.get(lower(name));
      rest = subs.join(".");
      if (subs.length > 1) return undefined;
    } else {
      const [name, ...subs] = path.split(".");
      if (!name || subs.length > 1) return undefined;
      top = index.core.get(lower(name)) ?? index.uniqueExtension.get(lower(name));
      rest = subs.join(".");
    }
    if (!top) return undefined;
    const resolved: ResolvedAttribute = {
      schema: top.schema,
      definition: top.definition,
      names: [top.definition.name],
      extension: top.extension,
    };
    return rest === "" ? resolved : this.resolveSub(resolved, rest);
  }

  /** Resolve a sub-attribute of an already resolved complex attribute (for value paths such as emails[type eq "work"]). */
  resolveSub(parent: ResolvedAttribute, subName: string): ResolvedAttribute | undefined {
    if (parent.parent || parent.definition.type !== "complex") return undefined;
    const sub = findSub(parent.definition, subName);
    if (!sub) return undefined;
    return { schema: parent.schema, definition: sub, parent: parent.definition, names: [...parent.names, sub.name], extension: parent.extension };
  }

  /**
   * Split "urn:...:User:name.givenName" into the schema URN the resource type uses and the attribute path.
   * The longest matching URN wins, so that a URN that prefixes another cannot capture its attributes.
   */
  private splitUrn(index: ResourceIndex, path: string): [string, string] | undefined {
    if (!lower(path).startsWith("urn:")) return undefined;
    let best: string | undefined;
    for (const schema of index.schemas) {
      if (lower(path).startsWith(lower(schema.id) + ":") && (!best || schema.id.length > best.length)) best = schema.id;
    }
    return best ? [best, path.slice(best.length + 1)] : ["", path];
  }
}

export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: "User",
  endpoint: "/Users",
  description: "User Account",
  schema: USER_SCHEMA,
  schemaExtensions: [
    { schema: ENTERPRISE_USER_SCHEMA, required: false },
    { schema: ORGANIZATION_EXTENSION_SCHEMA, required: false },
  ],
};

export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  name: "Group",
  endpoint: "/Groups",
  description: "Group",
  schema: GROUP_SCHEMA,
  schemaExtensions: [{ schema: ORGANIZATION_EXTENSION_SCHEMA, required: false }],
};

/** Default instance: User (with the Enterprise User and our organization extensions) and Group (with the latter). */
export const registry = new ScimRegistry(
  [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE],
  [coreUserSchema, enterpriseUserSchema, groupSchema, organizationExtensionSchema],
);
