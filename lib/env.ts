import { z } from "zod";

// Every setting the server reads, parsed once. The README lists them with their defaults.
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (npm start sets it for the embedded PostgreSQL)"),
  /** Public base URL of the portal (sign-in redirects, the SCIM endpoint shown to administrators). */
  APP_URL: z.url().default("http://localhost:3000"),
  /** Root secret: session signing, encryption of stored IdP client secrets and SCIM token hashing derive from it. */
  APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters"),
  /** Allow http:// OIDC issuers on hosts other than localhost (never in production). */
  ALLOW_INSECURE_ISSUERS: z.stringbool().default(false),
  /** Connections of this process's main pool (the portal server gives each of several workers a share). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  /** "off": SCIM requests are not written to the activity log (for measuring its cost; the health figures stay empty). */
  SCIM_ACTIVITY_LOG: z.enum(["on", "off"]).default("on"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** The validated environment; throws a readable error listing what is wrong. */
export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(result.error)}`);
  }
  parsed = result.data;
  return parsed;
}
