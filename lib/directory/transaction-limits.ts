/**
 * Limits of the interactive transaction of each SCIM write. Prisma's defaults (2 s to obtain a pooled connection,
 * 5 s to run) made bursts fail: 50 concurrent creates (an Okta import, Entra's parallel first cycle) on a busy
 * 2-core machine waited more than 2 s for a connection and were answered 503, which Entra counts towards
 * quarantine. The IdPs wait far longer for an answer (Okta times out after 60 s), so waiting beats failing; a
 * transaction that still runs out of time is rolled back and answered 503 with Retry-After (handle-request.ts).
 */
export const SCIM_WRITE_TRANSACTION = { maxWait: 15_000, timeout: 30_000 } as const;
