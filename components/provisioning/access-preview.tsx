import type { AccessPreview } from "@/lib/provisioning/access-preview";
import { cn } from "@/components/ui/cn";

const n = (value: number) => value.toLocaleString("en-GB");

function PreviewColumn({
  title,
  tone,
  part,
  emptyText,
}: {
  title: string;
  tone: "gain" | "lose";
  part: AccessPreview["gain"];
  emptyText: string;
}) {
  const more = part.count - part.sample.length;
  return (
    <div className={cn("rounded-md border p-3", tone === "lose" && part.count > 0 ? "border-danger-200 bg-danger-50" : "border-line bg-surface-muted")}>
      <p className={cn("text-sm font-semibold", tone === "lose" && part.count > 0 ? "text-danger-800" : "text-fg")}>
        {title}: <span className="tabular-nums">{n(part.count)}</span>
      </p>
      {part.count === 0 ? (
        <p className="mt-1 text-[0.8125rem] text-fg-muted">{emptyText}</p>
      ) : (
        <ul aria-label={title} className="mt-2 max-h-44 space-y-1 overflow-y-auto text-[0.8125rem]">
          {part.sample.map((user) => (
            <li key={user.userName} className="min-w-0 truncate">
              {user.name ? <span className="font-medium text-fg">{user.name} </span> : null}
              <span className="text-fg-muted">{user.userName}</span>
            </li>
          ))}
          {more > 0 ? <li className="text-fg-subtle">and {n(more)} more</li> : null}
        </ul>
      )}
    </div>
  );
}

/** Who gains and who loses portal access if a change is applied (a dry run: nothing changed yet). */
export function AccessPreviewView({ preview, label = "Preview of access changes" }: { preview: AccessPreview; label?: string }) {
  return (
    <section aria-label={label} className="space-y-2">
      <p className="text-[0.8125rem] text-fg-muted">
        {preview.gain.count === 0 && preview.lose.count === 0
          ? "Nobody gains or loses access."
          : `${n(preview.gain.count)} ${preview.gain.count === 1 ? "person gains" : "people gain"} access and ${n(preview.lose.count)} ${preview.lose.count === 1 ? "person loses" : "people lose"} it.`}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <PreviewColumn title="Gain access" tone="gain" part={preview.gain} emptyText="Nobody new gets access." />
        <PreviewColumn title="Lose access" tone="lose" part={preview.lose} emptyText="Nobody loses access." />
      </div>
    </section>
  );
}
