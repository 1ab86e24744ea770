// "Copy as curl" for a logged SCIM request: the same method, URL and body, with the token left to a shell variable
// (never the real one: it is not stored). Single-quoted for POSIX shells, except the header that must expand it.

/** A word for a POSIX shell, single-quoted ('it'\''s'). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export interface CurlInput {
  method: string;
  /** The SCIM base URL, e.g. https://portal.example.com/scim/v2 */
  baseUrl: string;
  /** Path and query below the base URL, as logged. */
  path: string;
  /** The request body as stored (already redacted), or null. */
  body: unknown;
}

export function curlCommand({ method, baseUrl, path, body }: CurlInput): string {
  const url = `${baseUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
  const lines = [
    `curl -X ${method.toUpperCase().replace(/[^A-Z]/g, "")} ${shellQuote(url)}`,
    `  -H "Authorization: Bearer $SCIM_TOKEN"`,
    `  -H 'Accept: application/scim+json'`,
  ];
  if (body !== null && body !== undefined) {
    lines.push(`  -H 'Content-Type: application/scim+json'`);
    lines.push(`  --data ${shellQuote(JSON.stringify(body, null, 2))}`);
  }
  return lines.join(" \\\n");
}
