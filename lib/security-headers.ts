// Response headers every answer of the portal carries: the console's through next.config.ts, the SCIM API's
// through its node:http adapter (lib/scim-endpoint/node-http.ts), which does not pass through Next.js.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};
