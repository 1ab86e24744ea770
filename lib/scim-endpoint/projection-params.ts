import type { Projection } from "@/lib/scim/resource-output";

/** attributes / excludedAttributes query parameters of a single-resource request (RFC 7644 §3.9). */
export function projectionFrom(params: URLSearchParams): Projection | undefined {
  const list = (name: string) => {
    const values = [...params.entries()]
      .filter(([key]) => key.toLowerCase() === name.toLowerCase())
      .flatMap(([, value]) => value.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
    return values.length ? values : undefined;
  };
  const attributes = list("attributes");
  const excludedAttributes = list("excludedAttributes");
  return attributes || excludedAttributes ? { attributes, excludedAttributes } : undefined;
}
