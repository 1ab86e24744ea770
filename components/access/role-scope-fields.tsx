"use client";

import { Radio } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Fieldset } from "@/components/ui/fieldset";
import { Select } from "@/components/ui/select";
import { ROLE_CATALOGUE, ROLES } from "@/lib/access/roles";
import type { Role, RoleScope } from "@/lib/generated/prisma/enums";

export interface ScopeOption {
  id: string;
  /** "Acme Global › Acme Europe" (organizations) or "Acme Global › Acme Europe › EU Data Platform" (projects). */
  label: string;
}

export interface RoleAtScope {
  scopeType: RoleScope;
  scopeId: string;
  role: Role | "";
}

export const EMPTY_ROLE_AT_SCOPE: RoleAtScope = { scopeType: "ORGANIZATION", scopeId: "", role: "" };

const SCOPE_CHOICES: { value: RoleScope; label: string; description: string }[] = [
  { value: "ACCOUNT", label: "Whole account", description: "Every organization and project, now and later." },
  { value: "ORGANIZATION", label: "One organization", description: "The organization, its sub-organizations and all their projects." },
  { value: "PROJECT", label: "One project", description: "Only that project." },
];

/** Where a role applies (account, an organization or a project) and which role: only roles assignable there are offered. */
export function RoleScopeFields({
  value,
  onChange,
  organizations,
  projects,
  errors = {},
  idPrefix,
}: {
  value: RoleAtScope;
  onChange: (next: RoleAtScope) => void;
  organizations: ScopeOption[];
  projects: ScopeOption[];
  errors?: Record<string, string>;
  idPrefix: string;
}) {
  const roles = ROLES.filter((role) => ROLE_CATALOGUE[role].assignableAt.includes(value.scopeType));
  const options = value.scopeType === "ORGANIZATION" ? organizations : value.scopeType === "PROJECT" ? projects : [];
  const chosenRole = value.role === "" ? null : ROLE_CATALOGUE[value.role];

  return (
    <div className="space-y-4">
      <Fieldset legend="Where the role applies" error={errors.scopeType}>
        {SCOPE_CHOICES.map((choice) => (
          <Radio
            key={choice.value}
            id={`${idPrefix}-scope-${choice.value}`}
            name={`${idPrefix}-scope`}
            label={choice.label}
            description={choice.description}
            checked={value.scopeType === choice.value}
            onChange={() =>
              onChange({
                scopeType: choice.value,
                scopeId: "",
                role: value.role !== "" && ROLE_CATALOGUE[value.role].assignableAt.includes(choice.value) ? value.role : "",
              })
            }
          />
        ))}
      </Fieldset>
      {value.scopeType !== "ACCOUNT" ? (
        <Field label={value.scopeType === "ORGANIZATION" ? "Organization" : "Project"} error={errors.scopeId} required id={`${idPrefix}-scope-id`}>
          {(control) => (
            <Select
              {...control}
              value={value.scopeId}
              onChange={(e) => onChange({ ...value, scopeId: e.target.value })}
              placeholder={value.scopeType === "ORGANIZATION" ? "Choose an organization…" : "Choose a project…"}
            >
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <Field label="Role" error={errors.role} required id={`${idPrefix}-role`} description={chosenRole?.description ?? "Only the roles that can be given here are listed."}>
        {(control) => (
          <Select {...control} value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value as Role | "" })} placeholder="Choose a role…">
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_CATALOGUE[role].label}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </div>
  );
}
