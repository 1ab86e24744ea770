import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatDiffValue, type DiffEntry } from "@/lib/audit/diff";

const KIND: Record<DiffEntry["kind"], { label: string; tone: "success" | "danger" | "info" }> = {
  added: { label: "Added", tone: "success" },
  removed: { label: "Removed", tone: "danger" },
  changed: { label: "Changed", tone: "info" },
};

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="text-fg-subtle">—</span>;
  return <code className="font-mono text-[0.8125rem] break-all whitespace-pre-wrap">{formatDiffValue(value)}</code>;
}

/** The changed fields of an event, one row each: before on the left, after on the right. */
export function DiffTable({ entries }: { entries: DiffEntry[] }) {
  return (
    <Table caption="What changed, field by field" bare>
      <THead>
        <TR>
          <TH>Field</TH>
          <TH>Change</TH>
          <TH>Before</TH>
          <TH>After</TH>
        </TR>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <TR key={`${entry.kind}:${entry.path}`}>
            <TH scope="row" className="font-mono text-[0.8125rem] font-normal break-all">
              {entry.path || "(value)"}
            </TH>
            <TD>
              <Badge tone={KIND[entry.kind].tone}>{KIND[entry.kind].label}</Badge>
            </TD>
            <TD className="max-w-80 align-top">
              <Value value={entry.before} />
            </TD>
            <TD className="max-w-80 align-top">
              <Value value={entry.after} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
