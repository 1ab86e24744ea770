"use client";

import { type ChangeEvent, useState } from "react";
import { updateRetentionAction } from "@/app/(console)/admin/audit/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/provisioning/use-action";

/** How long audit events and SCIM requests are kept; older ones are removed by the retention job. */
export function RetentionForm({ auditRetentionDays, scimLogRetentionDays }: { auditRetentionDays: number; scimLogRetentionDays: number }) {
  const [values, setValues] = useState({ auditRetentionDays: String(auditRetentionDays), scimLogRetentionDays: String(scimLogRetentionDays) });
  const [saved, setSaved] = useState<null | boolean>(null);
  const save = useServerAction(updateRetentionAction);
  const set = (field: keyof typeof values) => (event: ChangeEvent<HTMLInputElement>) => {
    setSaved(null);
    setValues((v) => ({ ...v, [field]: event.target.value }));
  };
  return (
    <Card aria-labelledby="retention-title">
      <CardHeader
        titleId="retention-title"
        title="Retention"
        description="Older entries are removed automatically twice a day. Removing old audit events keeps the chain verifiable: the newest removed event's hash stays as the starting point."
      />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(null);
          void save.run(values).then((result) => setSaved(result.ok ? result.data.changed : null));
        }}
      >
        <CardBody className="space-y-4">
          <div aria-live="polite">
            {saved === true ? <Alert tone="success">Retention saved.</Alert> : null}
            {saved === false ? <Alert tone="info">Nothing changed.</Alert> : null}
            {save.error && Object.keys(save.fieldErrors).length === 0 ? <Alert tone="danger">{save.error}</Alert> : null}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Keep audit events (days)" description="From 30 days to 10 years (3,650 days)." error={save.fieldErrors.auditRetentionDays}>
              {(control) => (
                <Input {...control} name="auditRetentionDays" type="number" inputMode="numeric" min={30} max={3650} value={values.auditRetentionDays} onChange={set("auditRetentionDays")} />
              )}
            </Field>
            <Field label="Keep SCIM requests (days)" description="From 1 to 365 days." error={save.fieldErrors.scimLogRetentionDays}>
              {(control) => (
                <Input {...control} name="scimLogRetentionDays" type="number" inputMode="numeric" min={1} max={365} value={values.scimLogRetentionDays} onChange={set("scimLogRetentionDays")} />
              )}
            </Field>
          </div>
        </CardBody>
        <CardFooter>
          <Button type="submit" variant="secondary" loading={save.pending}>
            Save retention
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
