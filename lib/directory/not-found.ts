import { notFound } from "@/lib/scim/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are UUIDs: anything else cannot name a resource (and must not reach a uuid column as a cast error). */
export function isResourceId(id: string): boolean {
  return UUID.test(id);
}

export function resourceNotFound(type: "User" | "Group", id: string) {
  return notFound(`${type} "${id}" not found.`);
}
