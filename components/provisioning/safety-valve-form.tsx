"use client";

import { type ChangeEvent, useState } from "react";
import { updateSafetyValveAction } from "@/app/(console)/admin/federation/provisioning/actions/safety-valve";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "./use-action";

/** The thresholds at which provisioning pauses itself when the IdP removes many users at once. */
export function SafetyValveForm({ percent, windowMinutes, minimum }: { percent: number; windowMinutes: number; minimum: number }) {
  const [values, setValues] = useState({ percent: String(percent), windowMinutes: String(windowMinutes), minimum: String(minimum) });
  const [saved, setSaved] = useState(false);
  const save = useServerAction(updateSafetyValveAction);
  const set = (field: keyof typeof values) => (event: ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setValues((v) => ({ ...v, [field]: event.target.value }));
  };

  return (
    <Card aria-labelledby="safety-valve-title">
      <CardHeader
        titleId="safety-valve-title"
        title="Safety valve"
        description="If your identity provider deactivates or removes many users in a short time (a mistaken assignment, a deleted group), provisioning pauses itself before applying the rest, and you decide with a preview in front of you."
      />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void save.run(values).then((result) => setSaved(result.ok));
        }}
      >
        <CardBody className="space-y-4">
          {saved ? <Alert tone="success">Safety valve saved.</Alert> : null}
          {save.error && Object.keys(save.fieldErrors).length === 0 ? <Alert tone="danger">{save.error}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Share of users (%)" description="Pause when more than this share of active users lose access…" error={save.fieldErrors.percent}>
              {(control) => <Input {...control} name="percent" type="number" inputMode="numeric" min={1} max={100} value={values.percent} onChange={set("percent")} />}
            </Field>
            <Field label="Time window (minutes)" description="…within this many minutes…" error={save.fieldErrors.windowMinutes}>
              {(control) => <Input {...control} name="windowMinutes" type="number" inputMode="numeric" min={1} value={values.windowMinutes} onChange={set("windowMinutes")} />}
            </Field>
            <Field label="Minimum number of users" description="…and at least this many users." error={save.fieldErrors.minimum}>
              {(control) => <Input {...control} name="minimum" type="number" inputMode="numeric" min={1} value={values.minimum} onChange={set("minimum")} />}
            </Field>
          </div>
        </CardBody>
        <CardFooter>
          <Button type="submit" variant="secondary" loading={save.pending}>
            Save safety valve
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
