import { useEffect, useState } from "react";
import { fetchRegion } from "../regions/regions-api";

// Region names hardly change during a round; one lookup per id per page load is plenty.
const cache = new Map<string, Promise<string>>();

function nameOf(id: string): Promise<string> {
  let pending = cache.get(id);
  if (!pending) {
    pending = fetchRegion(id).then(
      (r) => r.name,
      () => {
        // Above the user's area (a grid worker looking at a community-wide round): no name to show.
        cache.delete(id);
        return "";
      },
    );
    cache.set(id, pending);
  }
  return pending;
}

/**
 * Names for region ids (a round's scope, the places a point serves), filled in as they load;
 * "" for a region the user may not open.
 */
export function useRegionNames(ids: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(",");
  useEffect(() => {
    let cancelled = false;
    const unique = key ? key.split(",") : [];
    void Promise.all(unique.map(async (id) => [id, await nameOf(id)] as const)).then((pairs) => {
      if (!cancelled) setNames(Object.fromEntries(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}
