import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { v7 as uuidv7 } from "uuid";
import type { Scan, ScanBody, ScanStatus, StationBootstrap } from "./station-api";

/**
 * The station's durable memory in IndexedDB: the downloaded list, every scan (written here before
 * the screen changes), and the station id. A reload or a laptop restart rebuilds everything from it.
 */

export type SyncState = "pending" | ScanStatus;

export interface StoredScan {
  id: string;
  seq: number;
  scan: Scan;
  sync: SyncState;
  code?: string;
  message?: string;
  /** A rejected scan the registrar has looked at and put aside. */
  resolved?: boolean;
  /** What the station worked out offline (never sent): who a token or ID number named. */
  residentId?: string;
}

export interface StationSetup {
  campaignId: string;
  siteId: string;
}

interface StationSchema extends DBSchema {
  meta: { key: string; value: string | StationSetup };
  bootstraps: { key: string; value: StationBootstrap & { savedAt: string } };
  scans: { key: string; value: StoredScan; indexes: { seq: number } };
}

export type StationDb = IDBPDatabase<StationSchema>;

let opening: Promise<StationDb> | undefined;

export function openStationDb(): Promise<StationDb> {
  opening ??= openDB<StationSchema>("shequ-station", 1, {
    upgrade(db) {
      db.createObjectStore("meta");
      db.createObjectStore("bootstraps");
      db.createObjectStore("scans", { keyPath: "id" }).createIndex("seq", "seq", { unique: true });
    },
  });
  return opening;
}

/** This device's station id, made once and kept, so the server can order and dedupe its scans. */
export async function loadStationId(db: StationDb): Promise<string> {
  const tx = db.transaction("meta", "readwrite");
  const existing = await tx.store.get("stationId");
  if (typeof existing === "string") {
    await tx.done;
    return existing;
  }
  const made = uuidv7();
  await tx.store.put(made, "stationId");
  await tx.done;
  return made;
}

export async function loadSetup(db: StationDb): Promise<StationSetup | undefined> {
  const value = await db.get("meta", "setup");
  return typeof value === "object" ? value : undefined;
}

export async function saveSetup(db: StationDb, setup: StationSetup | null): Promise<void> {
  if (setup) await db.put("meta", setup, "setup");
  else await db.delete("meta", "setup");
}

const bootstrapKey = (s: StationSetup) => `${s.campaignId}:${s.siteId}`;

export async function saveBootstrap(db: StationDb, bootstrap: StationBootstrap): Promise<void> {
  const key = bootstrapKey({ campaignId: bootstrap.campaign.id, siteId: bootstrap.site.id });
  await db.put("bootstraps", { ...bootstrap, savedAt: new Date().toISOString() }, key);
}

export async function loadBootstrap(
  db: StationDb,
  setup: StationSetup,
): Promise<(StationBootstrap & { savedAt: string }) | undefined> {
  return db.get("bootstraps", bootstrapKey(setup));
}

/** All scans of this device in seq order. */
export async function loadScans(db: StationDb): Promise<StoredScan[]> {
  return db.getAllFromIndex("scans", "seq");
}

/**
 * Writes one action as a scan with the next seq, in one IndexedDB transaction, and only then
 * returns it: the screen shows nothing that is not already on disk.
 */
export async function recordScan(
  db: StationDb,
  setup: StationSetup,
  body: ScanBody,
  local: { residentId?: string } = {},
): Promise<StoredScan> {
  const tx = db.transaction("scans", "readwrite");
  const last = await tx.store.index("seq").openCursor(null, "prev");
  const seq = (last?.value.seq ?? 0) + 1;
  const scan = { id: uuidv7(), seq, at: new Date().toISOString(), ...setup, ...body } as Scan;
  const stored: StoredScan = { id: scan.id, seq, scan, sync: "pending", ...local };
  await tx.store.add(stored);
  await tx.done;
  return stored;
}

/** Stores the server's answers for a batch, in one transaction. */
export async function markScans(
  db: StationDb,
  answers: { id: string; sync: ScanStatus; code?: string; message?: string }[],
): Promise<void> {
  const tx = db.transaction("scans", "readwrite");
  for (const answer of answers) {
    const stored = await tx.store.get(answer.id);
    if (!stored) continue;
    await tx.store.put({ ...stored, sync: answer.sync, code: answer.code, message: answer.message });
  }
  await tx.done;
}

export async function resolveScan(db: StationDb, id: string): Promise<void> {
  const tx = db.transaction("scans", "readwrite");
  const stored = await tx.store.get(id);
  if (stored) await tx.store.put({ ...stored, resolved: true });
  await tx.done;
}
