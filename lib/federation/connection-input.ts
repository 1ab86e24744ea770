import { z } from "zod";

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** What an administrator submits to create or change the account's federation connection. */
export function connectionInputSchema(options: { allowInsecureIssuers: boolean; secretRequired: boolean }) {
  return z.object({
    issuer: z
      .string()
      .trim()
      .min(1, "Enter the issuer URL of your identity provider.")
      .refine((value) => parseUrl(value) !== null, { message: "The issuer must be a URL, such as https://login.example.com/tenant/v2.0.", abort: true })
      .refine((value) => {
        const url = parseUrl(value)!;
        if (url.protocol === "https:") return true;
        return url.protocol === "http:" && (options.allowInsecureIssuers || LOCAL_HOSTS.has(url.hostname));
      }, { message: "The issuer must use https:// (plain http is accepted only for localhost).", abort: true })
      .refine((value) => !parseUrl(value)!.search && !parseUrl(value)!.hash, "The issuer must not contain a query or a fragment."),
    clientId: z.string().trim().min(1, "Enter the client ID that your identity provider issued.").max(512, "The client ID is too long."),
    clientSecret: options.secretRequired
      ? z.string().min(1, "Enter the client secret.").max(4096, "The client secret is too long.")
      : z.string().max(4096, "The client secret is too long.").optional().transform((s) => (s ? s : undefined)),
    emailDomains: z
      .string()
      .transform((text) => [...new Set(text.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))])
      .pipe(
        z
          .array(z.string().regex(DOMAIN, "Each email domain must look like example.com."))
          .min(1, "Enter at least one email domain, such as example.com.")
          .max(50, "At most 50 email domains."),
      ),
  });
}

export type ConnectionInput = z.infer<ReturnType<typeof connectionInputSchema>>;
