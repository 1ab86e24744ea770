import { createGroup, deleteGroup, getGroup, patchGroup, replaceGroup } from "@/lib/directory/group-operations";
import { listResources } from "@/lib/directory/list-operations";
import type { ScimContext } from "@/lib/directory/scim-context";
import { createUser, deleteUser, getUser, patchUser, replaceUser } from "@/lib/directory/user-operations";
import { buildResourceTypeById, buildResourceTypes, buildSchemaById, buildSchemas, buildServiceProviderConfig } from "@/lib/scim/discovery";
import { matchesIfNoneMatch, etagOf } from "@/lib/scim/etag";
import { notFound, ScimError } from "@/lib/scim/errors";
import { parseListQuery, parseSearchRequest } from "@/lib/scim/list-query";
import type { ResourceTypeName } from "@/lib/scim/schema/registry";
import { runBulkRequest } from "./bulk";
import { projectionFrom } from "./projection-params";
import { readJsonBody } from "./request-body";
import { scimJson, scimNoContent } from "./responses";
import { SERVICE_PROVIDER_CONFIG } from "./service-provider";
import { searchAll } from "./search-all";

export interface RouteInput {
  ctx: ScimContext;
  request: Request;
  url: URL;
  /** Path segments after /scim/v2, already decoded. */
  segments: string[];
}

const RESOURCE_SEGMENTS: Record<string, ResourceTypeName> = { users: "User", groups: "Group" };

function methodNotAllowed(allowed: string): Response {
  return scimJson(405, new ScimError(405, `Method not allowed here; use ${allowed}.`).toBody(), { Allow: allowed });
}

function resourceResponse(status: number, result: { body: Record<string, unknown>; version: number }, headers: Record<string, string> = {}) {
  return scimJson(status, result.body, { ETag: etagOf(result.version), ...headers });
}

/** Dispatches a SCIM request to its operation (RFC 7644 §3.2 endpoints). */
export async function route({ ctx, request, url, segments }: RouteInput): Promise<Response> {
  const method = request.method.toUpperCase();
  const [first, second, ...rest] = segments;
  const head = first?.toLowerCase();
  const ifMatch = request.headers.get("if-match");

  if (head === undefined) throw notFound("Unknown SCIM endpoint; see /ServiceProviderConfig.");
  if (head === "serviceproviderconfig" && second === undefined) {
    return method === "GET" ? scimJson(200, buildServiceProviderConfig(SERVICE_PROVIDER_CONFIG, ctx.baseUrl)) : methodNotAllowed("GET");
  }
  if (head === "resourcetypes" && rest.length === 0) {
    if (method !== "GET") return methodNotAllowed("GET");
    return scimJson(200, second === undefined ? buildResourceTypes(ctx.baseUrl) : buildResourceTypeById(second, ctx.baseUrl));
  }
  if (head === "schemas" && rest.length === 0) {
    if (method !== "GET") return methodNotAllowed("GET");
    return scimJson(200, second === undefined ? buildSchemas(ctx.baseUrl) : buildSchemaById(second, ctx.baseUrl));
  }
  if (head === "bulk" && second === undefined) {
    if (method !== "POST") return methodNotAllowed("POST");
    return runBulkRequest(ctx, request);
  }
  if (head === ".search" && second === undefined) {
    if (method !== "POST") return methodNotAllowed("POST");
    return scimJson(200, await searchAll(ctx, (await readJsonBody(request)).body));
  }
  if (head === "me") throw new ScimError(501, "The /Me endpoint is not supported: tokens identify an identity provider, not a user.");

  const type = RESOURCE_SEGMENTS[head];
  if (!type || rest.length > 0) throw notFound(`Unknown SCIM endpoint "/${segments.join("/")}".`);
  const projection = projectionFrom(url.searchParams);

  if (second === undefined) {
    if (method === "GET") return scimJson(200, await listResources(ctx, type, parseListQuery(type, url.searchParams)));
    if (method === "POST") {
      const { body } = await readJsonBody(request);
      const created = type === "User" ? await createUser(ctx, body, projection) : await createGroup(ctx, body, projection);
      // RFC 7644 §3.3: the Location header is set whatever the body holds. Built from the id ("returned" always),
      // not from meta.location, which ?attributes= or ?excludedAttributes=meta leave out of the body.
      const location = `${ctx.baseUrl}/${type === "User" ? "Users" : "Groups"}/${String(created.body.id)}`;
      return resourceResponse(201, created, { Location: location });
    }
    return methodNotAllowed("GET, POST");
  }
  if (second === ".search") {
    if (method !== "POST") return methodNotAllowed("POST");
    return scimJson(200, await listResources(ctx, type, parseSearchRequest(type, (await readJsonBody(request)).body)));
  }

  const id = second;
  switch (method) {
    case "GET": {
      const found = type === "User" ? await getUser(ctx, id, projection) : await getGroup(ctx, id, projection);
      const ifNoneMatch = request.headers.get("if-none-match");
      if (ifNoneMatch && matchesIfNoneMatch(ifNoneMatch, found.version)) return new Response(null, { status: 304, headers: { ETag: etagOf(found.version) } });
      return resourceResponse(200, found);
    }
    case "PUT": {
      const { body } = await readJsonBody(request);
      return resourceResponse(200, type === "User" ? await replaceUser(ctx, id, body, ifMatch, projection) : await replaceGroup(ctx, id, body, ifMatch, projection));
    }
    case "PATCH": {
      const { body } = await readJsonBody(request);
      if (type === "User") return resourceResponse(200, await patchUser(ctx, id, body, ifMatch, projection));
      // A 204 has no body: never read the members (a group may have 100,000) only to discard them.
      const patched = await patchGroup(ctx, id, body, ifMatch, projection ?? { excludedAttributes: ["members"] });
      // Groups answer 204 (what Entra expects; RFC 7644 §3.5.2 allows it) unless attributes were asked for.
      return projection ? resourceResponse(200, patched) : scimNoContent({ ETag: etagOf(patched.version) });
    }
    case "DELETE":
      if (type === "User") await deleteUser(ctx, id, ifMatch);
      else await deleteGroup(ctx, id, ifMatch);
      return scimNoContent();
    default:
      return methodNotAllowed("GET, PUT, PATCH, DELETE");
  }
}
