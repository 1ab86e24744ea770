"use server";

import { withAuditRequest } from "@/lib/audit/request-context";
import { revalidatePath } from "next/cache";
import { actorOf, requireAdministrator } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { textField } from "@/lib/form-data";
import { connectionInputSchema, type ConnectionInput } from "@/lib/federation/connection-input";
import { getFederationConnection } from "@/lib/federation/get-connection";
import { saveFederationConnection } from "@/lib/federation/save-connection";
import { AccountReadOnlyError, assertAccountWritable } from "@/lib/provisioning/read-only";

export type ConnectionFormState =
  | { status: "idle" }
  | { status: "saved" }
  | { status: "refused"; message: string; values: Record<string, string> }
  | { status: "invalid"; fieldErrors: Partial<Record<keyof ConnectionInput, string>>; values: Record<string, string> };

export async function saveConnectionAction(_previous: ConnectionFormState, form: FormData): Promise<ConnectionFormState> {
  const viewer = await requireAdministrator();
  const values = {
    issuer: textField(form, "issuer"),
    clientId: textField(form, "clientId"),
    clientSecret: textField(form, "clientSecret"),
    emailDomains: textField(form, "emailDomains"),
  };
  try {
    await assertAccountWritable(viewer.account.id);
  } catch (error) {
    if (error instanceof AccountReadOnlyError) return { status: "refused", message: error.message, values: { ...values, clientSecret: "" } };
    throw error;
  }
  const existing = await getFederationConnection(viewer.account.id);
  const parsed = connectionInputSchema({ allowInsecureIssuers: env().ALLOW_INSECURE_ISSUERS, secretRequired: !existing }).safeParse(values);
  const echo = { ...values, clientSecret: "" }; // never send a secret back to the browser
  if (!parsed.success) {
    const fieldErrors: Partial<Record<keyof ConnectionInput, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof ConnectionInput;
      fieldErrors[field] ??= issue.message;
    }
    return { status: "invalid", fieldErrors, values: echo };
  }
  const result = await withAuditRequest(() => saveFederationConnection(viewer.account.id, actorOf(viewer), parsed.data));
  if (!result.ok) return { status: "invalid", fieldErrors: result.fieldErrors, values: echo };
  revalidatePath("/admin/federation");
  return { status: "saved" };
}
