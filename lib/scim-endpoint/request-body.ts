import { invalidSyntax, payloadTooLarge, ScimError } from "@/lib/scim/errors";

export const MAX_PAYLOAD_BYTES = 1_048_576;

const JSON_TYPES = new Set(["application/scim+json", "application/json"]);

// The text of each request's body, for the activity log (lib/scim-activity): kept by reference, so logging costs the
// request no copy and no parsing; it goes away with the request.
const bodyTexts = new WeakMap<Request, { text: string; json: boolean }>();

/** The body text that readJsonBody read from `request`, if it read one, and whether it was valid JSON. */
export function capturedRequestBody(request: Request): { text: string; json: boolean } | undefined {
  return bodyTexts.get(request);
}

/**
 * Reads and parses a JSON request body, refusing it before it is fully read when it is too large.
 * Accepts application/scim+json and application/json (Okta sends the latter), and no Content-Type at all.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_PAYLOAD_BYTES): Promise<{ body: unknown; bytes: number }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type && !JSON_TYPES.has(type)) {
    throw new ScimError(415, `Unsupported Content-Type "${type}": send application/scim+json or application/json.`);
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(`The request body is larger than the maximum of ${maxBytes} bytes.`);

  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw payloadTooLarge(`The request body is larger than the maximum of ${maxBytes} bytes.`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw invalidSyntax("The request has no body; a JSON object is expected.");
  try {
    const body = JSON.parse(text) as unknown;
    bodyTexts.set(request, { text, json: true });
    return { body, bytes };
  } catch (e) {
    bodyTexts.set(request, { text, json: false });
    throw invalidSyntax(`The request body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`);
  }
}
