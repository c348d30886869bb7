import type { RawSession } from "../../db/client";
import { newId } from "../../db/ids";
import type { CheckedRow } from "./check-row";
import type { NewRegion, PlacedUnit } from "./placement";

/**
 * The import's scratch tables: each chunk of valid rows is COPYed here, then moved into the real
 * tables with set-based statements. Temporary and dropped at commit, so concurrent imports on
 * PostgreSQL (each on its own connection) never see each other's rows.
 */
export async function createStagingTables(raw: RawSession): Promise<void> {
  await raw.query(`create temp table import_rows (
    row_no integer not null,
    id uuid not null,
    name text collate "C" not null,
    id_type text not null,
    id_number text collate "C" not null,
    birth_date date,
    sex text,
    phone text collate "C",
    flags text[] not null,
    unit_ix integer not null,
    door text not null,
    door_key text collate "C" not null
  ) on commit drop`);
  await raw.query(`create temp table import_units (
    ix integer primary key,
    unit_id uuid not null,
    building_id uuid not null,
    grid_id uuid not null,
    community_id uuid not null,
    key_prefix text collate "C" not null
  ) on commit drop`);
  await raw.query(`create temp table import_households (
    id uuid not null,
    unit_ix integer not null,
    door text not null,
    door_key text collate "C" not null
  ) on commit drop`);
  // Preview only: every household found missing, so one spread over two chunks counts once.
  await raw.query(`create temp table import_new_households (
    unit_ix integer not null,
    door text not null,
    primary key (unit_ix, door)
  ) on commit drop`);
}

const ROW_COLUMNS =
  "import_rows (row_no, id, name, id_type, id_number, birth_date, sex, phone, flags, unit_ix, door, door_key)";

/** One chunk of staged rows as CSV for COPY, and the households those rows live in. */
export interface StagedChunk {
  rows: string;
  count: number;
  households: string;
}

/**
 * Turns checked rows into CSV lines for COPY, a chunk at a time, so memory holds a chunk, not the
 * file. Every chunk lists the households of its own rows with a fresh id each, so a chunk never
 * depends on what an earlier one created: a household that already exists (made by an earlier
 * chunk or import) keeps its own id (`insertHouseholds` resolves it by unit and door). Nothing
 * is remembered across chunks: a map of every household's id cost 43 MB of heap at a million rows.
 */
export class RowStager {
  #lines: string[] = [];
  #chunkHouseholds = new Map<string, string>();
  staged = 0;

  constructor(readonly size = 10_000) {}

  /** Adds a row; true when the chunk is full and should be taken. */
  add(r: CheckedRow): boolean {
    const flags = r.flags.length === 0 ? "{}" : `"{${r.flags.join(",")}}"`;
    this.#lines.push(
      `${r.row},${newId()},${csv(r.name)},${r.idType},${r.idNumber},${r.birthDate ?? ""},${r.sex ?? ""},${r.phone ?? ""},${flags},${r.unitIx},${csv(r.door)},${csv(r.doorKey)}\n`,
    );
    const household = `${r.unitIx}\u0001${r.door}`;
    if (!this.#chunkHouseholds.has(household)) {
      this.#chunkHouseholds.set(household, `${newId()},${r.unitIx},${csv(r.door)},${csv(r.doorKey)}\n`);
    }
    return this.#lines.length >= this.size;
  }

  /** The rows added since the last take, or undefined when there are none. */
  take(): StagedChunk | undefined {
    if (this.#lines.length === 0) return undefined;
    const chunk = {
      rows: this.#lines.join(""),
      count: this.#lines.length,
      households: [...this.#chunkHouseholds.values()].join(""),
    };
    this.staged += chunk.count;
    this.#lines = [];
    this.#chunkHouseholds = new Map();
    return chunk;
  }
}

/** Replaces the staged rows and households with the next chunk's. */
export async function copyChunk(raw: RawSession, chunk: StagedChunk): Promise<void> {
  await raw.query("truncate import_rows, import_households");
  await raw.copyCsv(ROW_COLUMNS, chunk.rows);
  await raw.copyCsv("import_households (id, unit_ix, door, door_key)", chunk.households);
}

export async function stageUnits(raw: RawSession, units: readonly PlacedUnit[]): Promise<void> {
  if (units.length === 0) return;
  const lines = units.map(
    (u) => `${u.ix},${u.unitId},${u.buildingId},${u.gridId},${u.communityId},${csv(u.keyPrefix)}\n`,
  );
  await raw.copyCsv(
    "import_units (ix, unit_id, building_id, grid_id, community_id, key_prefix)",
    lines.join(""),
  );
}

/** Writes the buildings and units the import creates, parents first. */
export async function insertNewRegions(raw: RawSession, regions: readonly NewRegion[]): Promise<void> {
  if (regions.length === 0) return;
  const ordered = [...regions].sort((a, b) => (a.level === b.level ? 0 : a.level === "building" ? -1 : 1));
  const lines = ordered.map(
    (r) => `${r.id},${r.parent_id},${r.level},${csv(r.name)},${csv(r.sort_key)},${r.path}\n`,
  );
  await raw.copyCsv("regions (id, parent_id, level, name, sort_key, path)", lines.join(""));
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text value for COPY … (FORMAT csv): quoted when needed, and always quoted when empty,
 * because a bare empty field is NULL.
 */
export function csv(value: string): string {
  if (value === "") return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
