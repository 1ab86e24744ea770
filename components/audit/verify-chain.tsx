"use client";

import Link from "next/link";
import { useState } from "react";
import { verifyAuditChainAction } from "@/app/(console)/admin/audit/actions";
import type { ChainVerification } from "@/lib/audit/verify-chain";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ShieldIcon } from "@/components/ui/icons";
import { useServerAction } from "@/components/provisioning/use-action";

/** Recomputes the account's hash chain on the server and says whether it holds, or where it breaks. */
export function VerifyChain() {
  const verify = useServerAction(verifyAuditChainAction);
  const [result, setResult] = useState<ChainVerification | null>(null);
  return (
    <div className="space-y-3">
      <Button
        type="button"
        variant="secondary"
        icon={<ShieldIcon />}
        loading={verify.pending}
        onClick={() => {
          setResult(null);
          void verify.run(undefined).then((answer) => setResult(answer.ok ? answer.data : null));
        }}
      >
        Verify the chain
      </Button>
      <div aria-live="polite">
        {verify.error ? <Alert tone="danger">{verify.error}</Alert> : null}
        {result?.ok ? (
          <Alert tone="success" title={`Verified ${result.events.toLocaleString("en-GB")} ${result.events === 1 ? "event" : "events"}`}>
            Every event still matches its hash and follows the one before it{result.lastSeq ? `, up to event #${result.lastSeq}` : ""}. Nothing was altered or removed.
          </Alert>
        ) : null}
        {result && !result.ok ? (
          <Alert tone="danger" title={`Broken at event #${result.brokenAtSeq}`}>
            <p>{result.reason.charAt(0).toUpperCase() + result.reason.slice(1)}.</p>
            {result.eventId ? (
              <p>
                <Link href={`/admin/audit/${result.eventId}`}>Open event #{result.brokenAtSeq}</Link>
              </p>
            ) : null}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
