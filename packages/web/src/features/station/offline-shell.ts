const CACHE = "shequ-station-v1";
const SHELL = "/station/__shell";

/**
 * Makes a reload work without the network: registers the station's service worker (public/
 * station-sw.js, scope /station) and puts the files this page already loaded into its cache, since
 * those were fetched before the worker took over. Needs a secure context (https or localhost);
 * on a plain-http LAN address the browser offers no service worker, and a reload then needs the
 * server reachable again — nothing stored is lost either way.
 */
export async function keepPageOffline(): Promise<void> {
  if (!window.isSecureContext || !("serviceWorker" in navigator) || !("caches" in window)) return;
  try {
    await navigator.serviceWorker.register("/station-sw.js", { scope: "/station" });
    const cache = await caches.open(CACHE);
    const assets = performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith("/assets/"))
      .map((url) => url.pathname);
    await Promise.all([
      ...[...new Set(assets)].map(async (path) => {
        if (!(await cache.match(path))) await cache.add(path);
      }),
      fetch("/station").then((response) => (response.ok ? cache.put(SHELL, response) : undefined)),
    ]);
  } catch {
    // Offline already, or storage refused: the page still works until it is reloaded.
  }
}
