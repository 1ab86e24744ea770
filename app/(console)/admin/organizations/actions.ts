"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/app/(console)/run-action";
import { createOrganization } from "@/lib/organizations/create-organization";
import { createProject } from "@/lib/organizations/create-project";
import { deleteOrganization } from "@/lib/organizations/delete-organization";
import { deleteProject } from "@/lib/organizations/delete-project";
import { moveOrganization } from "@/lib/organizations/move-organization";
import { moveProject } from "@/lib/organizations/move-project";
import { MAX_KEY_LENGTH, MAX_NAME_LENGTH } from "@/lib/organizations/names";
import { renameOrganization } from "@/lib/organizations/rename-organization";
import { renameProject } from "@/lib/organizations/rename-project";
import { setOrganizationKey } from "@/lib/organizations/set-organization-key";

// Thin adapters: the rules (names, keys, cycles, what a delete removes) live in lib/organizations.

const id = (what: string) => z.uuid(`That ${what} does not exist.`);
const name = z.string().max(MAX_NAME_LENGTH, `Use at most ${MAX_NAME_LENGTH} characters.`);
const key = z.string().max(MAX_KEY_LENGTH, `Use at most ${MAX_KEY_LENGTH} characters.`);

const createOrganizationInput = z.object({ parentId: id("organization").nullable(), name, key });

export async function createOrganizationAction(input: z.input<typeof createOrganizationInput>): Promise<ActionResult<{ id: string }>> {
  return runAction({ schema: createOrganizationInput, input }, async ({ accountId, actor }, values) => {
    const organization = await createOrganization({ accountId, actor, ...values });
    return { id: organization.id };
  });
}

const renameOrganizationInput = z.object({ organizationId: id("organization"), name });

export async function renameOrganizationAction(input: z.input<typeof renameOrganizationInput>): Promise<ActionResult> {
  return runAction({ schema: renameOrganizationInput, input }, async ({ accountId, actor }, values) => {
    await renameOrganization({ accountId, actor, ...values });
    return null;
  });
}

const setKeyInput = z.object({ organizationId: id("organization"), key });

export async function setOrganizationKeyAction(input: z.input<typeof setKeyInput>): Promise<ActionResult<{ key: string | null }>> {
  return runAction({ schema: setKeyInput, input }, async ({ accountId, actor }, values) => {
    const organization = await setOrganizationKey({ accountId, actor, ...values });
    return { key: organization.key };
  });
}

const moveOrganizationInput = z.object({ organizationId: id("organization"), parentId: id("organization").nullable() });

export async function moveOrganizationAction(input: z.input<typeof moveOrganizationInput>): Promise<ActionResult> {
  return runAction({ schema: moveOrganizationInput, input }, async ({ accountId, actor }, values) => {
    await moveOrganization({ accountId, actor, ...values });
    return null;
  });
}

const deleteOrganizationInput = z.object({ organizationId: id("organization"), cascade: z.boolean() });

export interface DeleteSummary {
  name: string;
  organizations: number;
  projects: number;
  roleAssignments: number;
}

export async function deleteOrganizationAction(input: z.input<typeof deleteOrganizationInput>): Promise<ActionResult<DeleteSummary>> {
  return runAction({ schema: deleteOrganizationInput, input }, async ({ accountId, actor }, values) => {
    const deleted = await deleteOrganization({ accountId, actor, ...values });
    return { name: deleted.name, organizations: deleted.organizations.length, projects: deleted.projects.length, roleAssignments: deleted.roleAssignments.length };
  });
}

const createProjectInput = z.object({ organizationId: id("organization"), name });

export async function createProjectAction(input: z.input<typeof createProjectInput>): Promise<ActionResult<{ id: string }>> {
  return runAction({ schema: createProjectInput, input }, async ({ accountId, actor }, values) => {
    const project = await createProject({ accountId, actor, ...values });
    return { id: project.id };
  });
}

const renameProjectInput = z.object({ projectId: id("project"), name });

export async function renameProjectAction(input: z.input<typeof renameProjectInput>): Promise<ActionResult> {
  return runAction({ schema: renameProjectInput, input }, async ({ accountId, actor }, values) => {
    await renameProject({ accountId, actor, ...values });
    return null;
  });
}

const moveProjectInput = z.object({ projectId: id("project"), organizationId: id("organization") });

export async function moveProjectAction(input: z.input<typeof moveProjectInput>): Promise<ActionResult> {
  return runAction({ schema: moveProjectInput, input }, async ({ accountId, actor }, values) => {
    await moveProject({ accountId, actor, ...values });
    return null;
  });
}

const deleteProjectInput = z.object({ projectId: id("project") });

export async function deleteProjectAction(input: z.input<typeof deleteProjectInput>): Promise<ActionResult<DeleteSummary>> {
  return runAction({ schema: deleteProjectInput, input }, async ({ accountId, actor }, values) => {
    const deleted = await deleteProject({ accountId, actor, ...values });
    return { name: deleted.name, organizations: 0, projects: 1, roleAssignments: deleted.roleAssignments.length };
  });
}
