"use client";

import { useId } from "react";
import { searchGroupsAction } from "@/app/(console)/admin/federation/provisioning/actions/setup";
import { useDirectoryGroupSearch } from "@/components/directory/use-group-search";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { UsersIcon, XIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { count } from "./format";

export interface PickedGroup {
  id: string;
  displayName: string;
}

/** Search the directory's groups and pick some. Member counts include members of nested groups. */
export function GroupPicker({ selected, onChange, directoryGroupCount }: { selected: PickedGroup[]; onChange: (next: PickedGroup[]) => void; directoryGroupCount: number }) {
  const resultsId = useId();
  const { search, setSearch, query, results } = useDirectoryGroupSearch("provisioning", searchGroupsAction, directoryGroupCount > 0);
  const selectedIds = new Set(selected.map((g) => g.id));

  function toggle(group: PickedGroup, checked: boolean) {
    onChange(checked ? [...selected.filter((g) => g.id !== group.id), group] : selected.filter((g) => g.id !== group.id));
  }

  if (directoryGroupCount === 0) {
    return (
      <EmptyState
        as="p"
        icon={<UsersIcon />}
        title="No groups in your directory yet"
        description="Groups appear here after your identity provider pushes them over SCIM: in Microsoft Entra ID, assign the groups to the application; in Okta, add them under Push Groups."
      />
    );
  }

  return (
    <div className="space-y-4">
      {selected.length > 0 ? (
        <div className="space-y-1.5">
          <p className="text-sm font-medium text-fg" id={`${resultsId}-chosen`}>
            Chosen groups
          </p>
          <ul aria-labelledby={`${resultsId}-chosen`} className="flex flex-wrap gap-2">
            {selected.map((group) => (
              <li key={group.id} className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pr-1 pl-2 text-[0.8125rem] font-medium text-brand-700 ring-1 ring-brand-600/20 ring-inset">
                {group.displayName}
                <button
                  type="button"
                  aria-label={`Remove ${group.displayName}`}
                  onClick={() => toggle(group, false)}
                  className="rounded p-0.5 text-brand-700 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus"
                >
                  <XIcon className="size-3.5" />
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-[0.8125rem] text-fg-muted">No group chosen yet.</p>
      )}
      <Field label="Search groups" description="Type part of a group's name. Member counts include people in nested groups.">
        {(control) => (
          <Input {...control} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" placeholder="e.g. Engineering" aria-controls={resultsId} />
        )}
      </Field>
      <div id={resultsId} aria-live="polite" aria-busy={results.isFetching || undefined}>
        {results.isError ? (
          <Alert tone="danger">{results.error.message}</Alert>
        ) : results.data === undefined ? (
          <Spinner label="Loading groups…" />
        ) : results.data.length === 0 ? (
          <p className="text-[0.8125rem] text-fg-muted">No group matches “{query}”.</p>
        ) : (
          <fieldset className="space-y-2 rounded-md border border-line p-3">
            <legend className="px-1 text-[0.8125rem] font-medium text-fg-muted">
              {query ? `Groups matching “${query}”` : "Groups in your directory"}
              {results.data.length === 20 ? " (first 20: search to narrow down)" : ""}
            </legend>
            {results.data.map((group) => (
              <Checkbox
                key={group.id}
                label={group.displayName}
                description={count(group.memberCount, "member")}
                checked={selectedIds.has(group.id)}
                onChange={(e) => toggle({ id: group.id, displayName: group.displayName }, e.target.checked)}
              />
            ))}
          </fieldset>
        )}
      </div>
    </div>
  );
}
