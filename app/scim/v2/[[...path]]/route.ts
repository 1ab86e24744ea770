import { handleScimRequest } from "@/lib/scim-endpoint/handle-request";

// The SCIM 2.0 API (RFC 7644). Everything happens in lib/scim-endpoint; this file only binds the methods. It serves
// /scim/v2 under `next dev` and `next start`; the production server (scripts/portal-server.mjs) hands those requests
// to the same handler directly (lib/scim-endpoint/node-http.ts), without the Next.js request pipeline.
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleScimRequest(request);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
