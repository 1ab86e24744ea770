import { invalidSyntax, payloadTooLarge, ScimError } from "@/lib/scim/errors";

export const MAX_PAYLOAD_BYTES = 1_048_576;

const JSON_TYPES = new Set(["application/scim+json", "application/json"]);

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
    return { body: JSON.parse(text) as unknown, bytes };
  } catch (e) {
    throw invalidSyntax(`The request body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`);
  }
}
