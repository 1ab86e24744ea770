"use client";

import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";

const TABS = [
  { id: "entra", label: "Microsoft Entra ID" },
  { id: "okta", label: "Okta" },
] as const;

type TabId = (typeof TABS)[number]["id"];

function Value({ children }: { children: ReactNode }) {
  return <code className="rounded bg-surface-hover px-1 py-0.5 font-mono text-[0.8125rem] text-fg">{children}</code>;
}

function Ui({ children }: { children: ReactNode }) {
  return <span className="font-medium text-fg">{children}</span>;
}

function Endpoint({ url, idp }: { url: string; idp: string }) {
  return (
    <span className="mt-1 flex flex-wrap items-center gap-2">
      <Value>{url}</Value>
      <CopyButton value={url} label="Copy" accessibleLabel={`Copy endpoint URL for ${idp}`} />
    </span>
  );
}

function Steps({ children }: { children: ReactNode }) {
  return <ol className="list-decimal space-y-3 pl-5 text-sm text-fg-muted marker:font-medium marker:text-fg-subtle">{children}</ol>;
}

function EntraSteps({ endpointUrl }: { endpointUrl: string }) {
  return (
    <Steps>
      <li>
        In the Microsoft Entra admin center, go to <Ui>Enterprise applications</Ui> and open the application your people use to sign in to this
        portal (or add a non-gallery application for it).
      </li>
      <li>
        Open <Ui>Provisioning</Ui>, and set <Ui>Provisioning Mode</Ui> to <Ui>Automatic</Ui>.
      </li>
      <li>
        Under <Ui>Admin Credentials</Ui>, set <Ui>Tenant URL</Ui> to this portal&apos;s endpoint:
        <Endpoint url={endpointUrl} idp="Microsoft Entra ID" />
        Paste a token generated above into <Ui>Secret Token</Ui>, then select <Ui>Test Connection</Ui>. It should report success.
      </li>
      <li>
        Under <Ui>Mappings</Ui>, open the user mapping. The matching attribute must be <Value>userName</Value>, mapped from{" "}
        <Value>userPrincipalName</Value> (or from <Value>mail</Value> if your people&apos;s sign-in names differ from their email addresses). Keep
        Create, Update and Delete enabled as target object actions. Keep the group mapping enabled if you want to restrict provisioning by group.
      </li>
      <li>
        Under <Ui>Settings</Ui>, set <Ui>Scope</Ui> to <Ui>Sync only assigned users and groups</Ui>, and assign the people and groups under{" "}
        <Ui>Users and groups</Ui>.
      </li>
      <li>
        PATCH behaviour: by default Entra sends capitalised operations and booleans as text (<Value>&quot;False&quot;</Value>); this portal accepts
        both. For standard RFC 7644 PATCH requests, add the feature flag to the Tenant URL: <Value>{`${endpointUrl}?aadOptscim062020`}</Value>.
      </li>
      <li>
        Set <Ui>Provisioning Status</Ui> to <Ui>On</Ui> and save. Entra then syncs in cycles (roughly every 40 minutes); use{" "}
        <Ui>Provision on demand</Ui> to try one person right away. The last contact shown on this page updates with each request.
      </li>
    </Steps>
  );
}

function OktaSteps({ endpointUrl }: { endpointUrl: string }) {
  return (
    <Steps>
      <li>
        In the Okta Admin Console, open <Ui>Applications</Ui> and the app integration for this portal. On its <Ui>General</Ui> tab, edit{" "}
        <Ui>App Settings</Ui>, choose <Ui>SCIM</Ui> as the provisioning method and save. A <Ui>Provisioning</Ui> tab appears.
      </li>
      <li>
        Under <Ui>Provisioning</Ui> → <Ui>Integration</Ui>, select <Ui>Edit</Ui> and set <Ui>SCIM connector base URL</Ui> to:
        <Endpoint url={endpointUrl} idp="Okta" />
      </li>
      <li>
        Set <Ui>Unique identifier field for users</Ui> to <Value>userName</Value>.
      </li>
      <li>
        Under <Ui>Supported provisioning actions</Ui>, select <Ui>Push New Users</Ui>, <Ui>Push Profile Updates</Ui> and <Ui>Push Groups</Ui>, and{" "}
        <Ui>Import New Users and Profile Updates</Ui> if you want Okta to read existing users.
      </li>
      <li>
        Set <Ui>Authentication Mode</Ui> to <Ui>HTTP Header</Ui> and paste a token generated above as the <Ui>Bearer</Ui> token. Select{" "}
        <Ui>Test Connector Configuration</Ui>, then save.
      </li>
      <li>
        Under <Ui>Provisioning</Ui> → <Ui>To App</Ui>, select <Ui>Edit</Ui> and enable <Ui>Create Users</Ui>, <Ui>Update User Attributes</Ui>{" "}
        and <Ui>Deactivate Users</Ui>. Save.
      </li>
      <li>
        Assign people and groups on the <Ui>Assignments</Ui> tab. To restrict provisioning by group, also push those groups on the{" "}
        <Ui>Push Groups</Ui> tab: only pushed groups reach this portal.
      </li>
    </Steps>
  );
}

/** Optional: the IdP says which organizations a user or group belongs to, through our schema extension. */
function OrganizationsHint({ children }: { children: ReactNode }) {
  return (
    <details className="mt-4 rounded-md border border-line p-3 text-sm text-fg-muted">
      <summary className="cursor-pointer font-medium text-fg">Optional: several organizations on one connection</summary>
      <div className="mt-2 space-y-2">
        <p>
          Give each organization a key on the Organizations page, then have your identity provider send the keys in the attribute{" "}
          <Value>{`${ORGANIZATION_EXTENSION_URN}:organizations`}</Value>. A group that carries keys can only be given roles inside those
          organizations; a key this account does not know binds nothing.
        </p>
        {children}
      </div>
    </details>
  );
}

/** Step-by-step set-up for Microsoft Entra ID and Okta, as keyboard-accessible tabs. */
export function SetupHelp({ endpointUrl }: { endpointUrl: string }) {
  const [active, setActive] = useState<TabId>("entra");
  const baseId = useId();
  const tabRefs = useRef<Record<TabId, HTMLButtonElement | null>>({ entra: null, okta: null });

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (index + 1) % TABS.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const tab = TABS[next];
    if (!tab) return;
    setActive(tab.id);
    tabRefs.current[tab.id]?.focus();
  }

  return (
    <Card aria-labelledby="setup-help-title">
      <CardHeader
        titleId="setup-help-title"
        title="Set up your identity provider"
        description="Step by step, with this account's endpoint filled in. You need a token from the section above."
      />
      <CardBody className="space-y-4">
        <div role="tablist" aria-label="Identity provider" className="flex gap-5 border-b border-line">
          {TABS.map((tab, index) => {
            const selected = tab.id === active;
            return (
              <button
                key={tab.id}
                ref={(el) => {
                  tabRefs.current[tab.id] = el;
                }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${tab.id}`}
                aria-selected={selected}
                aria-controls={`${baseId}-panel-${tab.id}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => setActive(tab.id)}
                onKeyDown={(e) => onKeyDown(e, index)}
                className={cn(
                  "-mb-px border-b-2 px-0.5 pt-1 pb-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                  "rounded-t-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus",
                  selected ? "border-brand-600 text-fg" : "border-transparent text-fg-muted hover:border-line-strong hover:text-fg",
                )}
              >
                {tab.label}
              </button>
            );
          })}
        </div>
        {TABS.map((tab) => (
          <div
            key={tab.id}
            role="tabpanel"
            id={`${baseId}-panel-${tab.id}`}
            aria-labelledby={`${baseId}-tab-${tab.id}`}
            hidden={tab.id !== active}
            tabIndex={0}
            className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-focus"
          >
            {tab.id === "entra" ? <EntraSteps endpointUrl={endpointUrl} /> : <OktaSteps endpointUrl={endpointUrl} />}
            {tab.id === "entra" ? (
              <OrganizationsHint>
                <p>
                  In the user mapping, open <Ui>Show advanced options</Ui> → <Ui>Edit attribute list</Ui>, add that attribute as a single String
                  (Entra cannot send a list here: separate several keys with commas), then add a mapping into it from the source that holds the key,
                  for example <Value>extensionAttribute1</Value> or an expression on <Value>companyName</Value>. Do the same in the group mapping to
                  bind groups.
                </p>
              </OrganizationsHint>
            ) : (
              <OrganizationsHint>
                <p>
                  In the Profile Editor of this app, add an attribute with external name <Value>organizations</Value>, external namespace{" "}
                  <Value>{ORGANIZATION_EXTENSION_URN}</Value> and type string array, then map a user profile attribute into it (or set it per group
                  assignment). Okta&apos;s Push Groups sends no custom attributes, so pushed groups stay unbound: give them roles at the
                  organization they serve.
                </p>
              </OrganizationsHint>
            )}
          </div>
        ))}
      </CardBody>
    </Card>
  );
}
