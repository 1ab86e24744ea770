import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// The request an audit event came from, for changes that do not pass a request id themselves: an administrator's
// server action, an export, a sign-in. The adapter in app/ opens the scope; every event recorded inside it carries
// the same id, so the events of one action can be found together.
const scope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` as one request: audit events recorded inside it carry `requestId` (a new id by default). */
export function withAuditRequest<T>(fn: () => Promise<T>, requestId: string = randomUUID()): Promise<T> {
  return scope.run({ requestId }, fn);
}

/** The id of the request being served, inside withAuditRequest. */
export function currentAuditRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
