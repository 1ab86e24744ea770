import { z } from "zod";

// OpenID Connect Discovery 1.0 §4: the issuer must publish its configuration, and the document's `issuer`
// must be exactly the issuer we asked about.

const metadataSchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});

export type IssuerCheck = { ok: true; issuer: string } | { ok: false; message: string };

const TIMEOUT_MS = 5_000;

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

/** Fetches the issuer's discovery document and says, in words an administrator understands, what is wrong. */
export async function checkIssuer(issuer: string, fetchImpl: typeof fetch = fetch): Promise<IssuerCheck> {
  const url = discoveryUrl(issuer);
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error", headers: { accept: "application/json" } });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return {
      ok: false,
      message: timedOut
        ? `The issuer did not answer within ${TIMEOUT_MS / 1000} seconds (${url}).`
        : `The issuer could not be reached (${url}). Check the address and that the server is online.`,
    };
  }
  if (!response.ok) {
    return { ok: false, message: `The issuer answered HTTP ${response.status} for its discovery document (${url}).` };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, message: `The issuer's discovery document at ${url} is not JSON.` };
  }
  const parsed = metadataSchema.safeParse(body);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    return { ok: false, message: `The document at ${url} is not an OpenID Connect configuration (missing or invalid: ${missing}).` };
  }
  const normalise = (s: string) => s.replace(/\/+$/, "");
  if (normalise(parsed.data.issuer) !== normalise(issuer)) {
    return { ok: false, message: `The discovery document names a different issuer ("${parsed.data.issuer}"). Use exactly that value.` };
  }
  return { ok: true, issuer: parsed.data.issuer };
}
