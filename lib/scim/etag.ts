// Resource versions as ETags (RFC 7644 §3.14) and the If-Match / If-None-Match preconditions (RFC 9110 §13.1).

/** The weak ETag of a resource version: W/"<n>". */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

export interface EtagList {
  /** The header was "*". */
  any: boolean;
  /** The entity-tags as sent ("W/\"3\"", "\"3\""). */
  tags: string[];
}

/**
 * Parse an If-Match / If-None-Match value: "*" or a comma-separated list of entity-tags (RFC 9110 §8.8.3).
 * Commas inside a quoted tag belong to it. An unquoted token is taken as that strong tag, since some clients
 * forget the quotes.
 */
export function parseEtagList(header: string | null): EtagList {
  const result: EtagList = { any: false, tags: [] };
  if (header === null) return result;
  const text = header.trim();
  if (text === "*") return { any: true, tags: [] };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "," || c === " " || c === "\t") {
      i++;
      continue;
    }
    const weak = text.startsWith("W/", i);
    const start = weak ? i + 2 : i;
    if (text[start] === '"') {
      const end = text.indexOf('"', start + 1);
      if (end < 0) {
        result.tags.push(`${weak ? "W/" : ""}${text.slice(start)}"`);
        break;
      }
      result.tags.push(text.slice(i, end + 1));
      i = end + 1;
    } else {
      let end = text.indexOf(",", start);
      if (end < 0) end = text.length;
      const token = text.slice(start, end).trim();
      if (token === "*") result.any = true;
      else if (token !== "") result.tags.push(`${weak ? "W/" : ""}"${token}"`);
      i = end;
    }
  }
  return result;
}

/** The opaque-tag of an entity-tag, without the weak indicator. */
function opaque(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

/** Weak comparison (RFC 9110 §8.8.3.2): equal opaque-tags, whether or not either is weak. */
function weakMatch(a: string, b: string): boolean {
  return opaque(a) === opaque(b);
}

function currentTag(current: string | number): string {
  return typeof current === "number" ? etagOf(current) : current;
}

/**
 * Whether the If-Match precondition holds for the resource's current ETag; true without the header. RFC 9110
 * asks for strong comparison, but SCIM versions are weak ETags and RFC 7644 §3.14 sends them in If-Match, under
 * which strong comparison could never succeed: we compare weakly.
 */
export function matchesIfMatch(header: string | null, current: string | number): boolean {
  if (header === null || header.trim() === "") return true;
  const list = parseEtagList(header);
  return list.any || list.tags.some((tag) => weakMatch(tag, currentTag(current)));
}

/**
 * Whether If-None-Match names the current ETag (weak comparison, RFC 9110 §13.1.2), i.e. whether the
 * condition fails: the caller answers 304 to a GET and 412 otherwise. False without the header.
 */
export function matchesIfNoneMatch(header: string | null, current: string | number): boolean {
  if (header === null || header.trim() === "") return false;
  const list = parseEtagList(header);
  return list.any || list.tags.some((tag) => weakMatch(tag, currentTag(current)));
}
