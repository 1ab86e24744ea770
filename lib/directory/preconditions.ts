import { etagOf, matchesIfMatch } from "@/lib/scim/etag";
import { preconditionFailed } from "@/lib/scim/errors";

/** RFC 7644 §3.14: a write with If-Match proceeds only when the resource is still at that version. */
export function assertIfMatch(ifMatch: string | null | undefined, version: number): void {
  if (ifMatch && !matchesIfMatch(ifMatch, version)) {
    throw preconditionFailed(`The resource was modified (its version is now ${etagOf(version)}); read it again and retry.`);
  }
}
