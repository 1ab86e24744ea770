"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { DirectoryGroupMatch } from "@/lib/provisioning/search-groups";

type SearchGroups = (input: { query: string }) => Promise<{ ok: true; data: DirectoryGroupMatch[] } | { ok: false; error: string }>;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * The text of a directory-group search box and its results: searched 250 ms after the last keystroke through the
 * page's own server action, keeping the previous results on screen while the next ones load.
 */
export function useDirectoryGroupSearch(cacheKey: string, searchGroups: SearchGroups, enabled: boolean) {
  const [search, setSearch] = useState("");
  const query = useDebounced(search, 250);
  const results = useQuery({
    queryKey: [cacheKey, "directory-groups", query],
    queryFn: async () => {
      const result = await searchGroups({ query });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    enabled,
    placeholderData: (previous) => previous,
  });
  return { search, setSearch, query, results };
}
