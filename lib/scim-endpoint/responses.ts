import { SCIM_CONTENT_TYPE, ScimError } from "@/lib/scim/errors";

// Every SCIM response is application/scim+json (RFC 7644 §3.1), errors included (§3.12).

export function scimJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers } });
}

export function scimNoContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}

export function scimErrorResponse(error: ScimError, headers: Record<string, string> = {}): Response {
  return scimJson(error.status, error.toBody(), headers);
}

export function scimErrorOf(status: number, detail: string, headers: Record<string, string> = {}): Response {
  return scimErrorResponse(new ScimError(status, detail), headers);
}
