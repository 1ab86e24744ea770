import { createGroup, deleteGroup, patchGroup, replaceGroup } from "@/lib/directory/group-operations";
import type { ScimContext } from "@/lib/directory/scim-context";
import { createUser, deleteUser, patchUser, replaceUser } from "@/lib/directory/user-operations";
import { parseBulkRequest, runBulk } from "@/lib/scim/bulk";
import type { BulkExecutor } from "@/lib/scim/bulk/types";
import { etagOf } from "@/lib/scim/etag";
import { invalidValue } from "@/lib/scim/errors";
import { readJsonBody } from "./request-body";
import { scimJson } from "./responses";
import { SERVICE_PROVIDER_CONFIG } from "./service-provider";

// A bulk response carries no resource bodies (only status, location, version): never read a group's members for one.
const WITHOUT_MEMBERS = { excludedAttributes: ["members"] };

/** POST /Bulk (RFC 7644 §3.7): each operation commits on its own, as the RFC allows; failOnErrors stops the run. */
export async function runBulkRequest(ctx: ScimContext, request: Request): Promise<Response> {
  const limits = { maxOperations: SERVICE_PROVIDER_CONFIG.bulk.maxOperations, maxPayloadSize: SERVICE_PROVIDER_CONFIG.bulk.maxPayloadSize };
  const { body, bytes } = await readJsonBody(request, limits.maxPayloadSize);
  const bulk = parseBulkRequest(body, limits, bytes);

  const execute: BulkExecutor = async (op, target, data) => {
    const user = target.resourceType === "User";
    const ifMatch = op.version ?? null;
    if (op.method === "POST") {
      const created = user ? await createUser(ctx, data) : await createGroup(ctx, data, WITHOUT_MEMBERS);
      const id = String(created.body.id);
      return { status: 201, id, location: `${ctx.baseUrl}${user ? "/Users" : "/Groups"}/${id}`, version: etagOf(created.version) };
    }
    if (!target.id) throw invalidValue(`${op.method} needs a resource id in its path.`);
    const location = `${ctx.baseUrl}${user ? "/Users" : "/Groups"}/${target.id}`;
    if (op.method === "DELETE") {
      if (user) await deleteUser(ctx, target.id, ifMatch);
      else await deleteGroup(ctx, target.id, ifMatch);
      return { status: 204, location, id: target.id };
    }
    const result =
      op.method === "PUT"
        ? user ? await replaceUser(ctx, target.id, data, ifMatch) : await replaceGroup(ctx, target.id, data, ifMatch, WITHOUT_MEMBERS)
        : user ? await patchUser(ctx, target.id, data, ifMatch) : await patchGroup(ctx, target.id, data, ifMatch, WITHOUT_MEMBERS);
    return { status: 200, location, id: target.id, version: etagOf(result.version) };
  };

  return scimJson(200, await runBulk(bulk, execute, { baseUrl: ctx.baseUrl }));
}
