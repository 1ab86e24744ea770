import type { ServiceProviderConfigInput } from "@/lib/scim/discovery";
import { DEFAULT_MAX_RESULTS } from "@/lib/scim/list-query";
import { MAX_PAYLOAD_BYTES } from "./request-body";

export const BULK_MAX_OPERATIONS = 1000;

/** What /ServiceProviderConfig advertises; the handlers enforce exactly these limits. */
export const SERVICE_PROVIDER_CONFIG: ServiceProviderConfigInput = {
  patch: true,
  bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: MAX_PAYLOAD_BYTES },
  filter: { supported: true, maxResults: DEFAULT_MAX_RESULTS },
  changePassword: false,
  sort: true,
  etag: true,
};

/** Requests per token per minute before 429 (RFC 6585); both big IdPs honour Retry-After. */
export const REQUESTS_PER_MINUTE = Number(process.env.SCIM_RATE_LIMIT_PER_MINUTE || 6000);
