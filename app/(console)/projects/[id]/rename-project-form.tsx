"use client";

import { useState } from "react";
import { useServerAction } from "@/components/provisioning/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { MAX_NAME_LENGTH } from "@/lib/organizations/names";
import { renameThisProjectAction } from "./actions";

export function RenameProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const [value, setValue] = useState(name);
  const [saved, setSaved] = useState(false);
  const rename = useServerAction(renameThisProjectAction);

  async function submit() {
    setSaved(false);
    const result = await rename.run({ projectId, name: value });
    if (result.ok) setSaved(true);
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {saved ? <Alert tone="success">Project renamed.</Alert> : null}
      {rename.error && !rename.fieldErrors.name ? (
        <Alert tone="danger" title="The project was not renamed">
          {rename.error}
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Project name" error={rename.fieldErrors.name} className="min-w-64 flex-1">
          {(control) => <Input {...control} name="name" value={value} onChange={(e) => setValue(e.target.value)} maxLength={MAX_NAME_LENGTH} autoComplete="off" />}
        </Field>
        <Button type="submit" variant="secondary" loading={rename.pending}>
          Rename project
        </Button>
      </div>
    </form>
  );
}
