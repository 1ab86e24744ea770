// What the activity log keeps of a SCIM request and its response: the JSON bodies with every secret removed, cut to
// a size a page can show. Runs when the log is written (after the response), never on the request's path.
// Headers are never kept, so neither is the Authorization header.

import type { Prisma } from "@/lib/generated/prisma/client";

export const REDACTED = "[redacted]";
/** Per body, in UTF-16 code units of the redacted JSON text (~64 KiB for ASCII). */
export const MAX_STORED_BODY = 64 * 1024;

const SECRET_KEY = /password/i;
// A bearer token anywhere in a text (our own tokens by their prefix, or any "Bearer …" credentials).
const TOKEN_TEXT = /fpscim_[0-9A-Za-z]{8,}|Bearer\s+[\w.~+/-]+=*/gi;
const HAS_TOKEN_TEXT = new RegExp(TOKEN_TEXT.source, "i");

type Json = Prisma.InputJsonValue | null;

function redactString(text: string): string {
  return text.replace(TOKEN_TEXT, (match) => (match.toLowerCase().startsWith("bearer") ? `Bearer ${REDACTED}` : `fpscim_${REDACTED}`));
}

/** A PATCH operation (RFC 7644 §3.5.2) whose path names the password, in any letter case or with its schema URN. */
function isPasswordOperation(value: Record<string, unknown>): boolean {
  return typeof value.op === "string" && typeof value.path === "string" && SECRET_KEY.test(value.path);
}

/**
 * A deep copy of a JSON value with secrets replaced by "[redacted]": every attribute whose name contains "password"
 * (case-insensitively, at any depth: core and extension attributes, path-less PATCH values, bulk operation data),
 * the value of a PATCH operation whose path is the password, a filter that mentions the password, and anything that
 * looks like a bearer token.
 */
export function redactScimJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return redactString(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(redactScimJson);
  if (typeof value !== "object") return null;
  const source = value as Record<string, unknown>;
  const passwordOperation = isPasswordOperation(source);
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(source)) {
    if (SECRET_KEY.test(key) || (passwordOperation && key.toLowerCase() === "value")) out[key] = REDACTED;
    else if (key.toLowerCase() === "filter" && typeof item === "string" && SECRET_KEY.test(item)) out[key] = REDACTED;
    else out[key] = redactScimJson(item);
  }
  return out;
}

/** The path and query of a request, with any query parameter that mentions the password (a filter) blanked. */
export function redactScimPath(path: string): string {
  const question = path.indexOf("?");
  if (question < 0) return redactString(path);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.slice(question + 1).replaceAll("+", " "));
  } catch {
    decoded = path;
  }
  if (!SECRET_KEY.test(decoded) && !HAS_TOKEN_TEXT.test(decoded)) return path;
  const params = new URLSearchParams(path.slice(question + 1));
  for (const [name, value] of [...params]) {
    if (SECRET_KEY.test(value) || SECRET_KEY.test(name)) params.set(name, REDACTED);
    else params.set(name, redactString(value));
  }
  return `${path.slice(0, question)}?${params.toString()}`;
}

/** A body that was too large to keep whole. */
export interface TruncatedBody {
  $truncated: true;
  /** Length of the whole redacted JSON text. */
  length: number;
  /** Its beginning (not valid JSON on its own). */
  preview: string;
}

/** A body that was not JSON (the request was refused for it). */
export interface UnparsedBody {
  $unparsed: true;
  length: number;
  /** The text, unless it may hold a secret that could not be located. */
  text?: string;
  omitted?: string;
}

/**
 * What to store for a body's raw text: undefined when there was none, else the redacted JSON value, or a marker
 * object when it was not JSON or too large.
 */
export function storedScimBody(text: string | null | undefined): Prisma.InputJsonValue | undefined {
  if (text === null || text === undefined || text === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Unparseable text: a secret in it cannot be located reliably, so text that might hold one is not kept at all.
    const unparsed: UnparsedBody = SECRET_KEY.test(text)
      ? { $unparsed: true, length: text.length, omitted: "The body was not valid JSON and mentions a password, so it was not kept." }
      : { $unparsed: true, length: text.length, text: redactString(text.slice(0, MAX_STORED_BODY)) };
    return unparsed as unknown as Prisma.InputJsonObject;
  }
  const redacted = redactScimJson(parsed);
  if (redacted === null) return undefined;
  if (text.length <= MAX_STORED_BODY) return redacted;
  const serialized = JSON.stringify(redacted);
  if (serialized.length <= MAX_STORED_BODY) return redacted;
  const truncated: TruncatedBody = { $truncated: true, length: serialized.length, preview: serialized.slice(0, MAX_STORED_BODY) };
  return truncated as unknown as Prisma.InputJsonObject;
}

/**
 * Text that may hold a secret somewhere: a password attribute or path, a token, bearer credentials, or a \u escape
 * (which could spell any of them). Text without any of these needs no redaction.
 */
const MAY_HOLD_SECRET = /passw|fpscim_|bearer|\\u/i;

/**
 * storedScimBody as JSON text, for the log writer. Most bodies take the fast path: valid JSON, small enough, and
 * nothing in them that could be a secret, so the text is stored as it is (PostgreSQL parses it into jsonb) without
 * being parsed and serialized again here. Null when there is nothing to store.
 */
export function storedScimBodyText(text: string | null | undefined, json: boolean): string | null {
  if (text === null || text === undefined || text === "") return null;
  if (json && text.length <= MAX_STORED_BODY && !MAY_HOLD_SECRET.test(text)) return text;
  const stored = storedScimBody(text);
  return stored === undefined ? null : JSON.stringify(stored);
}

export function isTruncatedBody(value: unknown): value is TruncatedBody {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>).$truncated === true;
}

export function isUnparsedBody(value: unknown): value is UnparsedBody {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>).$unparsed === true;
}
