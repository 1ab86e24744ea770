import crypto from "node:crypto";
import type { ScimContext } from "@/lib/directory/scim-context";
import { isDatabaseUnavailable, isRetryableConflict, isUniqueViolation } from "@/lib/db-errors";
import { env } from "@/lib/env";
import { createLeasedLimiter } from "@/lib/rate-limit/leased-limit";
import { isScimError, ScimError, uniqueness } from "@/lib/scim/errors";
import { authenticateScimRequest, type ScimAuthFailure } from "@/lib/tokens/authenticate";
import { capturedResponseText, scimErrorOf, scimErrorResponse } from "./responses";
import { capturedRequestBody } from "./request-body";
import { route } from "./routes";
import { logScimRequest, scimActivityLogEnabled } from "@/lib/scim-activity/request-log-writer";
import { REQUESTS_PER_MINUTE } from "./service-provider";

export const SCIM_BASE_PATH = "/scim/v2";

const limiter = createLeasedLimiter({ limit: REQUESTS_PER_MINUTE, windowSeconds: 60 });

const AUTH_DETAIL: Record<ScimAuthFailure, string> = {
  missing: "Authentication required: send Authorization: Bearer <token>.",
  malformed: "The bearer token is malformed.",
  unknown: "The bearer token is not valid.",
  expired: "The bearer token has expired; generate a new one in the portal.",
  revoked: "The bearer token has been deleted; generate a new one in the portal.",
};

/** The SCIM base URL as clients see it (from APP_URL, so it is the same behind any proxy). */
export function scimBaseUrl(): string {
  return `${env().APP_URL.replace(/\/+$/, "")}${SCIM_BASE_PATH}`;
}

function segmentsOf(url: URL): string[] {
  const path = url.pathname.slice(url.pathname.indexOf(SCIM_BASE_PATH) + SCIM_BASE_PATH.length);
  return path.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
}

/**
 * The SCIM API behind /scim/v2: authenticate the bearer token, apply the account's state and the rate limit,
 * route, and turn every failure into a SCIM error body (RFC 7644 §3.12). Client mistakes are 4xx; an unreachable
 * database is 503 with Retry-After; nothing a client sends produces a 500.
 */
export async function handleScimRequest(request: Request): Promise<Response> {
  const requestId = crypto.randomUUID();
  const occurredAt = new Date();
  const started = performance.now();
  let caller: { accountId: string; tokenId: string } | null = null;
  let response: Response;
  try {
    response = await serve(request, requestId, (c) => (caller = c));
  } catch (e) {
    response = errorResponse(e, requestId);
  }
  response.headers.set("X-Request-Id", requestId);
  const known = caller as { accountId: string; tokenId: string } | null;
  if (known && scimActivityLogEnabled()) {
    // Written in batches after the response (lib/scim-activity): the activity log and the Provisioning tab's health.
    // Only references are handed over here; bodies are parsed, redacted and cut to size when the batch is written.
    const url = new URL(request.url);
    logScimRequest({
      accountId: known.accountId,
      tokenId: known.tokenId,
      occurredAt,
      method: request.method.toUpperCase(),
      path: `${url.pathname.slice(url.pathname.indexOf(SCIM_BASE_PATH) + SCIM_BASE_PATH.length) || "/"}${url.search}`.slice(0, 2000),
      status: response.status,
      durationMs: Math.round(performance.now() - started),
      userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null,
      requestId,
      requestBody: capturedRequestBody(request) ?? null,
      responseText: capturedResponseText(response) ?? null,
      location: response.headers.get("location"),
    });
  }
  return response;
}

async function serve(request: Request, requestId: string, identify: (caller: { accountId: string; tokenId: string }) => void): Promise<Response> {
  const auth = await authenticateScimRequest(request.headers.get("authorization"));
  if (!auth.ok) {
    const challenge = auth.reason === "missing" ? 'Bearer realm="scim"' : 'Bearer realm="scim", error="invalid_token"';
    return scimErrorOf(401, AUTH_DETAIL[auth.reason], { "WWW-Authenticate": challenge });
  }
  identify({ accountId: auth.token.accountId, tokenId: auth.token.id });
  if (auth.provisioningState === "ENABLING" || auth.provisioningState === "RESETTING") {
    return scimErrorOf(503, "Provisioning is being reconfigured for this account; retry shortly.", { "Retry-After": "30" });
  }
  if (auth.provisioningState === "OFF") {
    return scimErrorOf(403, "SCIM provisioning is turned off for this account; an administrator can turn it on in the portal.");
  }
  const limit = await limiter.hit(`scim:${auth.token.id}`);
  if (!limit.allowed) {
    return scimErrorOf(429, "Too many requests for this token; retry after the indicated delay.", { "Retry-After": String(limit.retryAfterSeconds) });
  }
  const ctx: ScimContext = {
    accountId: auth.token.accountId,
    actor: { type: "SCIM_TOKEN", id: auth.token.id, label: auth.token.name },
    requestId,
    baseUrl: scimBaseUrl(),
  };
  let segments: string[];
  const url = new URL(request.url);
  try {
    segments = segmentsOf(url);
  } catch {
    throw new ScimError(400, "The request path is not valid percent-encoding.", "invalidPath");
  }
  return await route({ ctx, request, url, segments });
}

/**
 * Prisma's P2028: a transaction could not start within maxWait (every pooled connection busy) or outran its
 * timeout; either way it was rolled back. That is overload, not a fault: 503 with Retry-After, which Entra and
 * Okta honour (RFC 7231 §6.6.4), instead of a 500 that counts towards Entra's quarantine.
 */
function isTransactionTimeout(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2028";
}

function errorResponse(e: unknown, requestId: string): Response {
  if (isScimError(e)) return scimErrorResponse(e);
  if (isUniqueViolation(e)) return scimErrorResponse(uniqueness("The resource conflicts with an existing one."));
  if (isDatabaseUnavailable(e)) return scimErrorOf(503, "The service is temporarily unavailable; retry shortly.", { "Retry-After": "10" });
  if (isTransactionTimeout(e)) return scimErrorOf(503, "The service is busy; retry shortly.", { "Retry-After": "5" });
  // A deadlock or serialization failure rolled the transaction back: the same request will succeed when retried.
  if (isRetryableConflict(e)) return scimErrorOf(503, "The request conflicted with a concurrent one; retry it.", { "Retry-After": "1" });
  console.error(`SCIM request ${requestId} failed`, e);
  return scimErrorOf(500, `An internal error occurred (request ${requestId}).`);
}
