import { SCIM_CONTENT_TYPE, ScimError } from "@/lib/scim/errors";

// Every SCIM response is application/scim+json (RFC 7644 §3.1), errors included (§3.12).

// The serialized body of each response, for the activity log: the string already made for the response, kept by
// reference (no clone of the Response, no second serialization).
const bodyTexts = new WeakMap<Response, string>();

/** The JSON text `response` was made from, when scimJson made it. */
export function capturedResponseText(response: Response): string | undefined {
  return bodyTexts.get(response);
}

export function scimJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, ...headers } });
  bodyTexts.set(response, text);
  return response;
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
