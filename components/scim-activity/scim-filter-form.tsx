import { Button, ButtonLink } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { SearchIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ScimFilterParams } from "@/lib/scim-activity/request-filters";

/** The activity log's filters as a GET form (in the URL: shareable, and the back button works). Times are UTC. */
export function ScimFilterForm({ values, errors }: { values: ScimFilterParams; errors: Partial<Record<keyof ScimFilterParams, string>> }) {
  const local = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? value.slice(0, 16) : (value ?? ""));
  const errorsOnly = values.errors === "1" || values.errors === "on" || values.errors === "true";
  return (
    <form role="search" aria-label="Filter SCIM requests" action="/admin/scim-activity" className="rounded-lg border border-line bg-surface p-4 shadow-card">
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Status" error={errors.status}>
          {(control) => (
            <Select {...control} name="status" defaultValue={values.status ?? ""}>
              <option value="">Any status</option>
              <option value="2xx">2xx: succeeded</option>
              <option value="3xx">3xx: not modified</option>
              <option value="4xx">4xx: refused (client error)</option>
              <option value="5xx">5xx: failed (server error)</option>
            </Select>
          )}
        </Field>
        <Field label="Resource type" error={errors.type}>
          {(control) => (
            <Select {...control} name="type" defaultValue={values.type ?? ""}>
              <option value="">Any</option>
              <option value="User">Users</option>
              <option value="Group">Groups</option>
            </Select>
          )}
        </Field>
        <Field label="User" description="A userName: every request about that user" error={errors.user}>
          {(control) => <Input {...control} name="user" type="search" defaultValue={values.user ?? ""} autoComplete="off" />}
        </Field>
        <Field label="Resource id" error={errors.resource}>
          {(control) => <Input {...control} name="resource" defaultValue={values.resource ?? ""} autoComplete="off" />}
        </Field>
        <Field label="From (UTC)" error={errors.from}>
          {(control) => <Input {...control} name="from" type="datetime-local" defaultValue={local(values.from)} />}
        </Field>
        <Field label="Until (UTC)" error={errors.to}>
          {(control) => <Input {...control} name="to" type="datetime-local" defaultValue={local(values.to)} />}
        </Field>
        <div className="flex items-end pb-2 md:col-span-2">
          <Checkbox name="errors" value="1" defaultChecked={errorsOnly} label="Errors only" description="Requests answered with status 400 or above" />
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button type="submit" icon={<SearchIcon />}>
          Apply filters
        </Button>
        <ButtonLink href="/admin/scim-activity" variant="ghost">
          Clear filters
        </ButtonLink>
      </div>
    </form>
  );
}
