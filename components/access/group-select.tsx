"use client";

import { useId } from "react";
import { searchGroupsAction } from "@/app/(console)/admin/roles/actions";
import { useDirectoryGroupSearch } from "@/components/directory/use-group-search";
import { Alert } from "@/components/ui/alert";
import { Radio } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { UsersIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/format";

export interface ChosenGroup {
  id: string;
  displayName: string;
}

/** Search the directory's groups and choose one. Member counts include people in nested groups. */
export function GroupSelect({ value, onChange, directoryGroupCount, error }: { value: ChosenGroup | null; onChange: (group: ChosenGroup) => void; directoryGroupCount: number; error?: string }) {
  const id = useId();
  const { search, setSearch, query, results } = useDirectoryGroupSearch("access", searchGroupsAction, directoryGroupCount > 0);

  if (directoryGroupCount === 0) {
    return (
      <EmptyState
        as="p"
        icon={<UsersIcon />}
        title="No groups in your directory yet"
        description="Groups appear here once your identity provider sends them over SCIM (Administration › Single sign-on › Provisioning)."
      />
    );
  }

  const list = results.data ?? [];
  // Keep the chosen group visible even when the search no longer matches it.
  const shown = value && !list.some((g) => g.id === value.id) ? [{ ...value, memberCount: null }, ...list] : list;

  return (
    <div className="space-y-3">
      <Field label="Search groups" description="Type part of a group's name." id={`${id}-search`}>
        {(control) => <Input {...control} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" placeholder="e.g. Engineering" aria-controls={`${id}-results`} />}
      </Field>
      <div id={`${id}-results`} aria-live="polite" aria-busy={results.isFetching || undefined}>
        {results.isError ? (
          <Alert tone="danger">{results.error.message}</Alert>
        ) : results.data === undefined ? (
          <Spinner label="Loading groups…" />
        ) : shown.length === 0 ? (
          <p className="text-[0.8125rem] text-fg-muted">No group matches “{query}”.</p>
        ) : (
          <fieldset className="max-h-72 space-y-2 overflow-y-auto rounded-md border border-line p-3" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
            <legend className="px-1 text-[0.8125rem] font-medium text-fg-muted">
              Group{list.length === 20 ? " (first 20 matches: search to narrow down)" : ""}
            </legend>
            {shown.map((group) => (
              <Radio
                key={group.id}
                name={`${id}-group`}
                label={group.displayName}
                description={group.memberCount === null ? "Chosen" : `${formatCount(group.memberCount, "member")}, counting nested groups`}
                checked={value?.id === group.id}
                onChange={() => onChange({ id: group.id, displayName: group.displayName })}
              />
            ))}
          </fieldset>
        )}
        {error ? (
          <p id={`${id}-error`} className="mt-1.5 text-[0.8125rem] font-medium text-danger-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
