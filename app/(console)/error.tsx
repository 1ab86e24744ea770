"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert tone="danger" title="This page could not be loaded" actions={<Button variant="secondary" size="sm" onClick={reset}>Try again</Button>}>
      Something went wrong on our side. Try again in a moment{error.digest ? ` (reference ${error.digest})` : ""}.
    </Alert>
  );
}
