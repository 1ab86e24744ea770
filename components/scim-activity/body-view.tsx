import { Alert } from "@/components/ui/alert";
import { CodeBlock } from "@/components/ui/code-block";
import { isTruncatedBody, isUnparsedBody } from "@/lib/scim-activity/redact";

/** A stored request or response body: pretty JSON, or what was kept of a large or malformed one. */
export function BodyView({ body, label, empty }: { body: unknown; label: string; empty: string }) {
  if (body === null || body === undefined) return <p className="text-sm text-fg-muted">{empty}</p>;
  if (isTruncatedBody(body)) {
    return (
      <div className="space-y-2">
        <Alert tone="info">
          This body was {body.length.toLocaleString("en-GB")} characters long; its first {body.preview.length.toLocaleString("en-GB")} are kept.
        </Alert>
        <CodeBlock label={label} code={body.preview} />
      </div>
    );
  }
  if (isUnparsedBody(body)) {
    return (
      <div className="space-y-2">
        <Alert tone="warning">This body was not valid JSON ({body.length.toLocaleString("en-GB")} characters).{body.omitted ? ` ${body.omitted}` : ""}</Alert>
        {body.text !== undefined ? <CodeBlock label={label} code={body.text} /> : null}
      </div>
    );
  }
  return <CodeBlock label={label} code={JSON.stringify(body, null, 2)} />;
}
