import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ScanBody, StationBootstrap } from "./station-api";
import {
  loadBootstrap,
  loadScans,
  loadSetup,
  loadStationId,
  openStationDb,
  recordScan,
  resolveScan,
  type StationDb,
  type StationSetup,
  type StoredScan,
  saveBootstrap,
  saveSetup,
} from "./station-db";
import { indexList, type ListIndex, replayScans, type StationView } from "./station-state";
import { type SyncHealth, type SyncLoop, startSyncLoop } from "./sync-loop";

interface Loaded {
  db: StationDb;
  stationId: string;
  setup: StationSetup | undefined;
  bootstrap: (StationBootstrap & { savedAt: string }) | undefined;
  scans: StoredScan[];
}

export interface Station {
  /** undefined while IndexedDB opens; an Error when the browser refuses it (private mode). */
  loaded: Loaded | undefined;
  failure: Error | undefined;
  view: StationView | undefined;
  index: ListIndex | undefined;
  health: SyncHealth;
  online: boolean;
  /** Stores the action first, then updates the screen and wakes the sync loop. */
  record: (body: ScanBody, local?: { residentId?: string }) => Promise<StoredScan>;
  /** Keeps a freshly downloaded list and makes it the station's round and point. */
  keepList: (bootstrap: StationBootstrap) => Promise<void>;
  /** Back to the round and point picker; stored scans keep syncing. */
  leave: () => Promise<void>;
  resolve: (scanId: string) => Promise<void>;
}

/** The station's state, all of it rebuilt from IndexedDB on load, with the sync loop running. */
export function useStation(): Station {
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<Error>();
  const [health, setHealth] = useState<SyncHealth>("ok");
  const [online, setOnline] = useState(() => navigator.onLine);
  const loop = useRef<SyncLoop | undefined>(undefined);

  const refreshScans = useCallback(async (db: StationDb) => {
    const scans = await loadScans(db);
    setLoaded((prev) => (prev ? { ...prev, scans } : prev));
  }, []);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const db = await openStationDb();
        const stationId = await loadStationId(db);
        const setup = await loadSetup(db);
        const bootstrap = setup ? await loadBootstrap(db, setup) : undefined;
        const scans = await loadScans(db);
        if (cancelled) return;
        setLoaded({ db, stationId, setup: bootstrap ? setup : undefined, bootstrap, scans });
        loop.current = startSyncLoop({
          db,
          stationId,
          onSynced: () => void refreshScans(db),
          onHealth: setHealth,
        });
      } catch (error) {
        if (!cancelled) setFailure(error instanceof Error ? error : new Error(String(error)));
      }
    })();
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      cancelled = true;
      loop.current?.stop();
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, [refreshScans]);

  const index = useMemo(
    () => (loaded?.bootstrap ? indexList(loaded.bootstrap) : undefined),
    [loaded?.bootstrap],
  );
  const view = useMemo(
    () =>
      loaded?.setup && loaded.bootstrap
        ? replayScans(loaded.scans, loaded.setup, loaded.bootstrap)
        : undefined,
    [loaded?.scans, loaded?.setup, loaded?.bootstrap],
  );

  const record = useCallback(
    async (body: ScanBody, local: { residentId?: string } = {}) => {
      if (!loaded?.setup) throw new Error("No round and point chosen");
      const stored = await recordScan(loaded.db, loaded.setup, body, local);
      await refreshScans(loaded.db);
      loop.current?.kick();
      return stored;
    },
    [loaded?.db, loaded?.setup, refreshScans],
  );

  const keepList = useCallback(
    async (bootstrap: StationBootstrap) => {
      if (!loaded) return;
      const setup = { campaignId: bootstrap.campaign.id, siteId: bootstrap.site.id };
      await saveBootstrap(loaded.db, bootstrap);
      await saveSetup(loaded.db, setup);
      const saved = await loadBootstrap(loaded.db, setup);
      setLoaded((prev) => (prev ? { ...prev, setup, bootstrap: saved } : prev));
    },
    [loaded],
  );

  const leave = useCallback(async () => {
    if (!loaded) return;
    await saveSetup(loaded.db, null);
    setLoaded((prev) => (prev ? { ...prev, setup: undefined, bootstrap: undefined } : prev));
  }, [loaded]);

  const resolve = useCallback(
    async (scanId: string) => {
      if (!loaded) return;
      await resolveScan(loaded.db, scanId);
      await refreshScans(loaded.db);
    },
    [loaded, refreshScans],
  );

  return { loaded, failure, view, index, health, online, record, keepList, leave, resolve };
}
