"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A hidden marker that gains `data-hydrated` once React has hydrated the part of the page it sits in. The root
 * layout has one, and so does every PageHeader, because pages under a loading boundary stream and hydrate after
 * the shell. Browser tests wait until no marker lacks it before typing: text typed into a field before hydration
 * can be overwritten when React takes the field over.
 */
export function HydrationMarker() {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <span hidden data-hydration-marker="" data-hydrated={hydrated ? "true" : undefined} />;
}
