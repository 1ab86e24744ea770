// Keyset pagination over (time DESC, id DESC): a page continues strictly after the last row of the one before, so
// deep pages cost what the first one costs and rows written meanwhile cause neither duplicates nor gaps. The cursor
// is opaque to clients (base64url of the last row's position).

export interface KeysetPosition {
  at: Date;
  id: bigint;
}

export function encodeKeysetCursor(position: { at: Date; id: string | bigint }): string {
  return Buffer.from(`${position.at.toISOString()}|${String(position.id)}`, "utf8").toString("base64url");
}

/** The position a cursor points after, or null when it is not one of ours (callers then show the first page). */
export function decodeKeysetCursor(cursor: string | undefined | null): KeysetPosition | null {
  if (!cursor || cursor.length > 100) return null;
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (rest.length || !at || !id || !/^\d{1,19}$/.test(id)) return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : { at: date, id: BigInt(id) };
}

/** LIKE pattern matching `text` anywhere (lower-cased), with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
