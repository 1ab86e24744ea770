import { Badge, type BadgeTone } from "@/components/ui/badge";

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

export function statusTone(status: number): BadgeTone {
  if (status >= 500) return "danger";
  if (status >= 400) return "warning";
  if (status >= 300) return "info";
  return "success";
}

/** "404 Not Found", coloured by class (the text carries the meaning; colour only repeats it). */
export function StatusBadge({ status }: { status: number }) {
  return (
    <Badge tone={statusTone(status)} dot>
      {status}
      {REASONS[status] ? ` ${REASONS[status]}` : ""}
    </Badge>
  );
}
