import { handleScimRequest } from "@/lib/scim-endpoint/handle-request";

// The SCIM 2.0 API (RFC 7644). Everything happens in lib/scim-endpoint; this file only binds the methods.
export const dynamic = "force-dynamic";

const handle = (request: Request) => handleScimRequest(request);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
