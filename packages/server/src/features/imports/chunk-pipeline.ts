import { setImmediate as nextTurn } from "node:timers/promises";
import type { RawSession } from "../../db/client";
import type { Scope } from "../../http";
import type { Placement } from "./placement";
import { copyChunk, insertNewRegions, type StagedChunk, stageUnits } from "./staging";
import {
  countKnownPeople,
  dropStagedRows,
  findRegisteredElsewhere,
  insertHouseholds,
  noteMissingHouseholds,
  upsertResidents,
} from "./write-staged";

const TURN_MS = 2;

export interface PipelineOptions {
  /** false: stage and count only (preview); true: write (commit). */
  commit: boolean;
  scope: Scope | null;
  hasPhone: boolean;
  hasFlags: boolean;
  /** Rows rejected by the database checks: their ID number belongs to someone out of scope. */
  onElsewhere(rows: { row: number; idNumber: string }[]): void;
}

/**
 * Applies staged chunks one after another inside the import's transaction. A chunk's database
 * work is started but not awaited, so the database loads chunk n while JavaScript parses and
 * checks chunk n + 1; the next `send` waits for it first, so at most one chunk is in flight on
 * the connection and a failure in any chunk fails the import.
 */
export class ChunkPipeline {
  readonly totals = { known: 0, households: 0, inserted: 0, updated: 0, elsewhere: 0 };
  #inflight: Promise<void> = Promise.resolve();
  #turned = 0;
  #unitsSent = 0;
  #regionsSent = 0;

  constructor(
    private readonly raw: RawSession,
    private readonly placement: Placement,
    private readonly opts: PipelineOptions,
  ) {}

  async send(chunk: StagedChunk | undefined): Promise<void> {
    await this.#inflight;
    if (!chunk) return;
    // Every row of the chunk was placed before this point: its units and regions are listed.
    const units = this.placement.units.slice(this.#unitsSent);
    this.#unitsSent = this.placement.units.length;
    const regions = this.opts.commit ? this.placement.newRegions.slice(this.#regionsSent) : [];
    this.#regionsSent = this.placement.newRegions.length;
    const work = this.#apply(chunk, units, regions);
    work.catch(() => {}); // awaited by the next send or finish; this only avoids an unhandled rejection
    this.#inflight = work;
  }

  /**
   * Call often while checking rows: every couple of milliseconds it lets the event loop turn.
   * Checking rows only awaits promises, which never lets it turn, so the chunk in flight could
   * not send its next statement (a chunk is several) until the whole next chunk was checked: on
   * PostgreSQL a million rows took 59 s with 42 s of PostgreSQL's CPU and 21 s of ours. It also
   * keeps the server answering other requests during an import.
   */
  async turn(): Promise<void> {
    if (performance.now() - this.#turned < TURN_MS) return;
    await nextTurn();
    this.#turned = performance.now();
  }

  async finish(): Promise<void> {
    await this.#inflight;
  }

  async #apply(
    chunk: StagedChunk,
    units: Parameters<typeof stageUnits>[1],
    regions: Parameters<typeof insertNewRegions>[1],
  ): Promise<void> {
    const raw = this.raw;
    await insertNewRegions(raw, regions);
    await stageUnits(raw, units);
    await copyChunk(raw, chunk);
    const elsewhere = await findRegisteredElsewhere(raw, this.opts.scope);
    if (elsewhere.length > 0) {
      this.totals.elsewhere += elsewhere.length;
      this.opts.onElsewhere(elsewhere);
      await dropStagedRows(
        raw,
        elsewhere.map((e) => e.row),
      );
    }
    if (!this.opts.commit) {
      this.totals.known += await countKnownPeople(raw);
      await noteMissingHouseholds(raw);
      return;
    }
    this.totals.households += await insertHouseholds(raw);
    const result = await upsertResidents(raw, { hasPhone: this.opts.hasPhone, hasFlags: this.opts.hasFlags });
    this.totals.inserted += result.inserted;
    this.totals.updated += result.updated;
  }
}
