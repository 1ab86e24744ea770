// Builders for the access model's integration tests: an organization tree, and an IdP talking real SCIM.
import { expect } from "vitest";
import { db } from "@/lib/db";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";
import { createAccountWithToken, idOf, scimClient } from "@/lib/testing/scim-http-server";

export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export const ADMIN_ACTOR = { type: "USER" as const, label: "admin@example.test" };

/** Creates organizations (parents first) and their projects; returns targets by name. */
export async function createTree(accountId: string, spec: { name: string; parent?: string; key?: string; projects?: string[] }[]) {
  const organizations = new Map<string, string>();
  const projects = new Map<string, string>();
  for (const o of spec) {
    const parentId = o.parent ? organizations.get(o.parent) : undefined;
    if (o.parent && !parentId) throw new Error(`parent ${o.parent} not created yet`);
    const row = await db.organization.create({ data: { accountId, name: o.name, parentId: parentId ?? null, key: o.key?.toLowerCase() ?? null } });
    organizations.set(o.name, row.id);
    for (const p of o.projects ?? []) {
      const project = await db.project.create({ data: { accountId, organizationId: row.id, name: p } });
      projects.set(p, project.id);
    }
  }
  const org = (name: string) => {
    const id = organizations.get(name);
    if (!id) throw new Error(`no organization ${name}`);
    return { type: "ORGANIZATION" as const, id };
  };
  const project = (name: string) => {
    const id = projects.get(name);
    if (!id) throw new Error(`no project ${name}`);
    return { type: "PROJECT" as const, id };
  };
  return { org, project, organizations, projects };
}

/** An account whose IdP provisions over real SCIM, with helpers that speak it. */
export async function idpAccount(baseUrl: string) {
  const { account, token } = await createAccountWithToken();
  const scim = scimClient(baseUrl, token);
  const users = new Map<string, { directoryId: string; portalId: string }>();

  const createUser = async (name: string, organizations?: string[]) => {
    const userName = `${name}@${account.domain}`;
    const r = await scim.post("/Users", {
      schemas: [CORE_USER, ...(organizations ? [ORGANIZATION_EXTENSION_URN] : [])],
      userName,
      active: true,
      emails: [{ value: userName, type: "work", primary: true }],
      ...(organizations ? { [ORGANIZATION_EXTENSION_URN]: { organizations } } : {}),
    });
    expect(r.status, r.text).toBe(201);
    const directoryId = idOf(r);
    const portal = await db.user.findFirstOrThrow({ where: { accountId: account.id, userNameKey: userName.toLowerCase() } });
    users.set(name, { directoryId, portalId: portal.id });
    return { directoryId, portalId: portal.id };
  };
  const user = (name: string) => {
    const u = users.get(name);
    if (!u) throw new Error(`no user ${name}`);
    return u;
  };
  const createGroup = async (displayName: string, members: { value: string; type?: "User" | "Group" }[] = [], organizations?: string[]) => {
    const r = await scim.post("/Groups", {
      schemas: [CORE_GROUP],
      displayName,
      members,
      ...(organizations ? { [ORGANIZATION_EXTENSION_URN]: { organizations } } : {}),
    });
    expect(r.status, r.text).toBe(201);
    return idOf(r);
  };
  const patchGroup = async (groupId: string, operations: unknown[]) => {
    const r = await scim.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: operations });
    expect(r.status, r.text).toBe(204);
  };
  const addMembers = (groupId: string, ...ids: string[]) => patchGroup(groupId, [{ op: "add", path: "members", value: ids.map((value) => ({ value })) }]);
  // Entra's dialect: capitalised op and the member in the value.
  const removeMember = (groupId: string, id: string) => patchGroup(groupId, [{ op: "Remove", path: "members", value: [{ value: id }] }]);
  const deleteGroup = async (groupId: string) => {
    const r = await scim.delete(`/Groups/${groupId}`);
    expect(r.status, r.text).toBe(204);
  };
  return { account, scim, createUser, user, createGroup, patchGroup, addMembers, removeMember, deleteGroup };
}

export type IdpAccount = Awaited<ReturnType<typeof idpAccount>>;
