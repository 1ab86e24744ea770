// SCIM error responses, RFC 7644 §3.12. Every failure in the protocol core is a ScimError; the route
// adapter turns it into a response with `toBody()` and `status`.

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_CONTENT_TYPE = "application/scim+json";

/** The scimType keywords of RFC 7644 §3.12, Table 9. */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  /** The HTTP status as a string (RFC 7644 §3.12: "status ... a string"). */
  status: string;
  scimType?: ScimType;
  detail: string;
}

export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: ScimType;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = "ScimError";
    this.status = status;
    if (scimType !== undefined) this.scimType = scimType;
  }

  get detail(): string {
    return this.message;
  }

  toBody(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [SCIM_ERROR_SCHEMA], status: String(this.status), detail: this.message };
    if (this.scimType !== undefined) body.scimType = this.scimType;
    return body;
  }
}

export function isScimError(error: unknown): error is ScimError {
  return error instanceof ScimError;
}

export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const invalidPath = (detail: string) => new ScimError(400, detail, "invalidPath");
export const noTarget = (detail: string) => new ScimError(400, detail, "noTarget");
export const mutability = (detail: string) => new ScimError(400, detail, "mutability");
export const tooMany = (detail: string) => new ScimError(400, detail, "tooMany");
export const invalidVers = (detail: string) => new ScimError(400, detail, "invalidVers");
export const sensitive = (detail: string) => new ScimError(403, detail, "sensitive");
export const uniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
export const notFound = (detail: string) => new ScimError(404, detail);
/** If-Match did not match the current version (RFC 7644 §3.14). */
export const preconditionFailed = (detail: string) => new ScimError(412, detail);
/** Bulk request above maxPayloadSize (RFC 7644 §3.7.4). */
export const payloadTooLarge = (detail: string) => new ScimError(413, detail);
