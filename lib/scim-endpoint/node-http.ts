// The SCIM API on a node:http server, without the Next.js request pipeline in between: the production server
// (scripts/portal-server.mjs) hands /scim/v2 requests here, and the integration tests run the same adapter.
// SCIM is machine traffic on a hot path; Next.js costs more CPU per request than the whole SCIM lookup, and adds
// nothing a bearer-token JSON API needs. The admin console stays on Next.js.
import type http from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { ScimError, SCIM_CONTENT_TYPE } from "@/lib/scim/errors";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { handleScimRequest, SCIM_BASE_PATH } from "./handle-request";
import { capturedResponseText } from "./responses";

const gzip = promisify(zlib.gzip);

const INTERNAL_ERROR_BODY = JSON.stringify(new ScimError(500, "The response could not be written.").toBody());

/** Bodies smaller than this are sent as they are (as Next.js does): compressing them costs more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

// Any URL parsing needs an origin; handleScimRequest reads only the path and query (links come from APP_URL), so
// the Host header, which a client controls, never reaches a URL parser.
const ORIGIN = "http://scim.invalid";

/** Whether a request path belongs to the SCIM API (/scim/v2 and everything under it). */
export function isScimPath(url: string | undefined): boolean {
  if (!url?.startsWith(SCIM_BASE_PATH)) return false;
  const next = url.charAt(SCIM_BASE_PATH.length);
  return next === "" || next === "/" || next === "?";
}

/**
 * The request body as a web stream with backpressure. Cancelling it (the handler refusing an oversized body)
 * discards the rest instead of destroying the socket, so that the response can still be written.
 */
function bodyStream(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => controller.close());
      req.on("error", (error) => controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.removeAllListeners("data");
      req.resume();
    },
  });
}

function toRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  // HEAD is GET without the body (RFC 9110 §9.3.2), as Next.js serves it for a route that exports GET only.
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (method !== "GET") {
    init.body = bodyStream(req);
    init.duplex = "half"; // a streamed request body (fetch spec)
  }
  return new Request(ORIGIN + (req.url ?? "/"), init);
}

/** Whether Accept-Encoding allows gzip: listed (or, if not listed, `*`) with a non-zero quality (RFC 9110 §12.5.3). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  const qualities = new Map<string, number>();
  for (const entry of acceptEncoding.split(",")) {
    const [coding, ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    if (!coding) continue;
    const quality = params.find((param) => param.startsWith("q="));
    qualities.set(coding, quality === undefined ? 1 : Number(quality.slice(2)) || 0);
  }
  return (qualities.get("gzip") ?? qualities.get("*") ?? 0) > 0;
}

async function writeResponse(response: Response, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  response.headers.forEach((value, name) => (headers[name] = value));
  // Answered before the body was read (413): do not reuse a connection that still carries its rest.
  if (!req.complete) headers.connection = "close";
  const text = capturedResponseText(response);
  let body: Buffer | null = text !== undefined ? Buffer.from(text, "utf8") : response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body && body.byteLength >= COMPRESS_FROM_BYTES && req.method !== "HEAD" && acceptsGzip(req.headers["accept-encoding"])) {
    body = await gzip(body, { level: 6 });
    headers["content-encoding"] = "gzip";
    headers.vary = "Accept-Encoding";
  }
  if (body) headers["content-length"] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(req.method === "HEAD" ? undefined : body ?? undefined);
}

/** Serves one SCIM request; never rejects (a failure to write is the connection's problem, not the caller's). */
export async function serveScimRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const response = await handleScimRequest(toRequest(req));
    await writeResponse(response, req, res);
  } catch (error) {
    // handleScimRequest turns every failure into a response; reaching this means the connection broke.
    console.error("SCIM: could not answer a request:", error instanceof Error ? error.message : error);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(500, { "content-type": SCIM_CONTENT_TYPE, connection: "close" });
    res.end(INTERNAL_ERROR_BODY);
  }
}
