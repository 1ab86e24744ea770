import { db } from "@/lib/db";
import { isReadOnly } from "./state-machine";

export class AccountReadOnlyError extends Error {
  constructor(readonly state: "ENABLING" | "RESETTING") {
    super(
      state === "ENABLING"
        ? "SCIM provisioning is being turned on for this account. Changes are paused until it finishes; try again in a moment."
        : "SCIM provisioning is being turned off for this account. Changes are paused until the reset finishes; try again in a moment.",
    );
  }
}

/** Every mutating action and route calls this first: the account is read-only while a provisioning job rewrites it. */
export async function assertAccountWritable(accountId: string): Promise<void> {
  const provisioning = await db.provisioning.findUnique({ where: { accountId }, select: { state: true } });
  if (provisioning && isReadOnly(provisioning.state)) throw new AccountReadOnlyError(provisioning.state as "ENABLING" | "RESETTING");
}
