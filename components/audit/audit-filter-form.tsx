import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SearchIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { AuditFilterParams } from "@/lib/audit/audit-filters";

/**
 * The audit log's filters as a plain GET form: they live in the URL, so a filtered view can be shared, reloaded and
 * exported as it is. Dates are UTC, like every time the portal shows.
 */
export function AuditFilterForm({ values, errors, actions }: { values: AuditFilterParams; errors: Partial<Record<keyof AuditFilterParams, string>>; actions: string[] }) {
  const local = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? value.slice(0, 16) : (value ?? ""));
  return (
    <form role="search" aria-label="Filter the audit log" action="/admin/audit" className="rounded-lg border border-line bg-surface p-4 shadow-card">
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Event type" description='One type, or all of a kind: "provisioning.*"' error={errors.action}>
          {(control) => <Input {...control} name="action" list="audit-actions" defaultValue={values.action ?? ""} placeholder="e.g. federation.*" autoComplete="off" />}
        </Field>
        <Field label="Actor" description='Email, token name, or "system"' error={errors.actor}>
          {(control) => <Input {...control} name="actor" defaultValue={values.actor ?? ""} autoComplete="off" />}
        </Field>
        <Field label="Target" description="What changed: an email, a group or token name, or an id" error={errors.target}>
          {(control) => <Input {...control} name="target" defaultValue={values.target ?? ""} autoComplete="off" />}
        </Field>
        <Field label="Text" description="Any part of the actor, the target or the event type" error={errors.q}>
          {(control) => <Input {...control} name="q" type="search" defaultValue={values.q ?? ""} autoComplete="off" />}
        </Field>
        <Field label="From (UTC)" error={errors.from}>
          {(control) => <Input {...control} name="from" type="datetime-local" defaultValue={local(values.from)} />}
        </Field>
        <Field label="Until (UTC)" error={errors.to}>
          {(control) => <Input {...control} name="to" type="datetime-local" defaultValue={local(values.to)} />}
        </Field>
      </div>
      <datalist id="audit-actions">
        {[...new Set(actions.map((a) => `${a.split(".")[0]}.*`)), ...actions].map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button type="submit" icon={<SearchIcon />}>
          Apply filters
        </Button>
        <ButtonLink href="/admin/audit" variant="ghost">
          Clear filters
        </ButtonLink>
      </div>
    </form>
  );
}
