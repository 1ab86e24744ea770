"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { saveConnectionAction, type ConnectionFormState } from "./actions";

export interface ConnectionFormDefaults {
  issuer: string;
  clientId: string;
  emailDomains: string;
  hasClientSecret: boolean;
}

export function ConnectionForm({ defaults }: { defaults: ConnectionFormDefaults }) {
  const [state, action, pending] = useActionState<ConnectionFormState, FormData>(saveConnectionAction, { status: "idle" });
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "refused" ? state.values : defaults;
  // Re-mount the fields after each answer so they show what was submitted (or what was saved).
  const key = state.status === "invalid" || state.status === "refused" ? JSON.stringify(state.values) : state.status;
  return (
    <form action={action} className="space-y-5" noValidate aria-describedby="connection-form-status">
      <div id="connection-form-status" aria-live="polite">
        {state.status === "invalid" ? (
          <Alert tone="danger" title="The connection was not saved">
            Fix the fields marked below and save again. Nothing has changed.
          </Alert>
        ) : state.status === "refused" ? (
          <Alert tone="warning" title="The connection was not saved">
            {state.message}
          </Alert>
        ) : state.status === "saved" ? (
          <Alert tone="success" title="Connection saved">
            The issuer answered discovery and your changes are in effect.
          </Alert>
        ) : null}
      </div>
      <div key={key} className="space-y-5">
        <Field label="Issuer URL" required error={errors.issuer} description="The OpenID Connect issuer, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0. We check it answers discovery before saving.">
          {(control) => <Input {...control} name="issuer" type="url" defaultValue={values.issuer} autoComplete="off" placeholder="https://idp.example.com" />}
        </Field>
        <Field label="Client ID" required error={errors.clientId}>
          {(control) => <Input {...control} name="clientId" defaultValue={values.clientId} autoComplete="off" />}
        </Field>
        <Field
          label="Client secret"
          required={!defaults.hasClientSecret}
          error={errors.clientSecret}
          description={defaults.hasClientSecret ? "Stored encrypted and never shown. Leave empty to keep the current secret." : "Stored encrypted and never shown again."}
        >
          {(control) => <Input {...control} name="clientSecret" type="password" autoComplete="new-password" />}
        </Field>
        <Field label="Email domains" required error={errors.emailDomains} description="People whose email ends in one of these domains sign in through this provider. Separate domains with commas or new lines.">
          {(control) => <Textarea {...control} name="emailDomains" rows={2} defaultValue={values.emailDomains} placeholder="example.com" />}
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          Save connection
        </Button>
      </div>
    </form>
  );
}
