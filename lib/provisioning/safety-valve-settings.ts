import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";

export const safetyValveInput = z.object({
  percent: z.coerce.number().int("Enter a whole number.").min(1, "At least 1%.").max(100, "At most 100%."),
  windowMinutes: z.coerce.number().int("Enter a whole number.").min(1, "At least 1 minute.").max(10_080, "At most a week (10,080 minutes)."),
  minimum: z.coerce.number().int("Enter a whole number.").min(1, "At least 1 user.").max(1_000_000, "That is too many."),
});

export type SafetyValveInput = z.infer<typeof safetyValveInput>;

export async function updateSafetyValve(accountId: string, actor: AuditActor, input: SafetyValveInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.provisioning.findUniqueOrThrow({ where: { accountId } });
    await tx.provisioning.update({
      where: { accountId },
      data: { safetyValvePercent: input.percent, safetyValveWindowMinutes: input.windowMinutes, safetyValveMinimum: input.minimum },
    });
    await recordAuditEvent(tx, accountId, {
      action: "provisioning.safety_valve_changed",
      actor,
      target: { type: "provisioning", id: accountId },
      before: { percent: before.safetyValvePercent, windowMinutes: before.safetyValveWindowMinutes, minimum: before.safetyValveMinimum },
      after: input,
    });
  });
}
