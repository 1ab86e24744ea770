"use client";

import { useRef, useState } from "react";
import { deleteTokenAction, generateTokenAction } from "@/app/(console)/admin/federation/provisioning/actions/tokens";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { KeyIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { ScimTokenSummary } from "@/lib/tokens/list-tokens";
import { useServerAction } from "./use-action";

function GenerateTokenDialog({ open, onClose, onGenerated }: { open: boolean; onClose: () => void; onGenerated: (secret: string, name: string) => void }) {
  const generate = useServerAction(generateTokenAction);
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [days, setDays] = useState("");

  function close() {
    generate.reset();
    onClose();
  }

  async function submit() {
    const result = await generate.run({ name, expiresInDays: days.trim() });
    if (result.ok) {
      setName("");
      setDays("");
      onGenerated(result.data.secret, result.data.token.name);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!generate.pending}
      size="md"
      title="Generate a new token"
      description="Your identity provider sends this token with every SCIM request. You will see the secret only once."
      initialFocusRef={nameRef}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={close} disabled={generate.pending}>
            Cancel
          </Button>
          <Button type="submit" form="generate-token-form" loading={generate.pending}>
            Generate token
          </Button>
        </>
      }
    >
      <form
        id="generate-token-form"
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {generate.error && Object.keys(generate.fieldErrors).length === 0 ? <Alert tone="danger" title="No token was generated">{generate.error}</Alert> : null}
        <Field label="Name" description="Optional. Helps you tell tokens apart, e.g. “Entra ID production”." error={generate.fieldErrors.name}>
          {(control) => <Input {...control} ref={nameRef} name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" />}
        </Field>
        <Field
          label="Expires after (days)"
          description="Optional. Leave empty for a token that does not expire; rotate it by generating a second token, then deleting the first."
          error={generate.fieldErrors.expiresInDays}
        >
          {(control) => (
            <Input {...control} name="expiresInDays" type="number" inputMode="numeric" min={1} max={730} value={days} onChange={(e) => setDays(e.target.value)} className="w-40" />
          )}
        </Field>
      </form>
    </Dialog>
  );
}

/** The endpoint URL and the account's SCIM tokens: generate (secret shown once), list, delete. */
export function TokensCard({ endpointUrl, tokens, maxTokens }: { endpointUrl: string; tokens: ScimTokenSummary[]; maxTokens: number }) {
  const [generating, setGenerating] = useState(false);
  const [secret, setSecret] = useState<{ value: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<ScimTokenSummary | null>(null);
  const remove = useServerAction(deleteTokenAction);
  const [removed, setRemoved] = useState<string | null>(null);
  const atLimit = tokens.length >= maxTokens;

  async function confirmDelete() {
    if (!deleting) return;
    const result = await remove.run({ tokenId: deleting.id });
    if (result.ok) {
      setRemoved(result.data.name);
      setDeleting(null);
    }
  }

  return (
    <Card aria-labelledby="scim-tokens-title">
      <CardHeader
        titleId="scim-tokens-title"
        title="Endpoint and tokens"
        description="Give your identity provider the endpoint URL and a token. Each account can have two tokens, so you can rotate one while the other keeps working."
      />
      <CardBody className="space-y-5">
        <CopyField label="SCIM endpoint URL" value={endpointUrl} description="Called “Tenant URL” in Microsoft Entra ID and “SCIM connector base URL” in Okta." />

        {secret ? (
          <section aria-label="New token" className="space-y-3">
            <Alert tone="warning" title="Copy this token now. It will not be shown again.">
              We keep only a fingerprint of “{secret.name}”, so nobody, us included, can show it to you later. If you lose it, generate a new token
              and delete this one.
            </Alert>
            <CopyField label="Token secret" value={secret.value} copyLabel="Copy token secret" />
            <div className="flex justify-end">
              <Button type="button" variant="secondary" size="sm" onClick={() => setSecret(null)}>
                I have stored the token safely
              </Button>
            </div>
          </section>
        ) : null}

        <div className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-fg">Tokens</h3>
            <div className="flex items-center gap-3">
              {atLimit ? (
                <p id="token-limit-reason" className="text-[0.8125rem] text-fg-muted">
                  You have {maxTokens} tokens, the most allowed. Delete one to generate another.
                </p>
              ) : null}
              <Button
                type="button"
                size="sm"
                icon={<PlusIcon />}
                disabled={atLimit}
                aria-describedby={atLimit ? "token-limit-reason" : undefined}
                onClick={() => {
                  setRemoved(null);
                  setGenerating(true);
                }}
              >
                Generate new token
              </Button>
            </div>
          </div>
          {removed ? <Alert tone="success">Token “{removed}” was deleted. Requests that use it are refused from now on.</Alert> : null}
          {tokens.length === 0 ? (
            <EmptyState
              as="p"
              icon={<KeyIcon />}
              title="No tokens yet"
              description="Generate a token and paste it into your identity provider's provisioning settings, together with the endpoint URL."
            />
          ) : (
            <Table caption="SCIM tokens">
              <THead>
                <TR>
                  <TH>Name</TH>
                  <TH>Identifier</TH>
                  <TH>Created</TH>
                  <TH>Expires</TH>
                  <TH>Last used</TH>
                  <TH align="right">
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {tokens.map((token) => (
                  <TR key={token.id}>
                    <TD className="font-medium">{token.name}</TD>
                    <TD>
                      <code className="rounded bg-surface-hover px-1.5 py-0.5 font-mono text-xs text-fg-muted">{token.displayHint}…</code>
                    </TD>
                    <TD className="text-fg-muted">{formatDateTime(token.createdAt)}</TD>
                    <TD className="text-fg-muted">{token.expiresAt ? formatDateTime(token.expiresAt) : "Never"}</TD>
                    <TD className="text-fg-muted">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Not used yet"}</TD>
                    <TD align="right">
                      <Button type="button" variant="ghost" size="sm" icon={<TrashIcon />} aria-label={`Delete token ${token.name}`} onClick={() => setDeleting(token)}>
                        Delete
                      </Button>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </div>
      </CardBody>

      <GenerateTokenDialog
        open={generating}
        onClose={() => setGenerating(false)}
        onGenerated={(value, name) => {
          setGenerating(false);
          setSecret({ value, name });
        }}
      />

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => void confirmDelete()}
        loading={remove.pending}
        tone="danger"
        title={`Delete token “${deleting?.name ?? ""}”?`}
        description="Your identity provider's next request with this token is refused. If it still uses this token, provisioning stops until you give it another one."
        confirmLabel="Delete token"
      >
        {remove.error ? <Alert tone="danger">{remove.error}</Alert> : null}
      </ConfirmDialog>
    </Card>
  );
}
