import { bindToTube, openTube } from "@shequ/core/tube-state";
import { type Insertable, sql, type Transaction } from "kysely";
import { newId } from "../../db/ids";
import { PREPARED } from "../../db/prepared";
import type { Database, SampleTable, StationScanTable } from "../../db/schema";
import { isUuid } from "../regions/scope";
import { redact } from "./apply-scan";
import {
  type FoundResidents,
  findRoundResidents,
  type Named,
  nameResident,
  unknownPerson,
} from "./fast-people";
import { OPEN_ROUND, type StationPoint } from "./find-station-point";
import type { PreparedScans } from "./record-scans";
import {
  applied,
  presentTube,
  RECALL_SINGLE_TUBE,
  rejected,
  type ScanOutcome,
  TUBE_MESSAGES,
  tubeState,
} from "./scan-outcome";
import { BindScan, OpenTubeScan, type ScanEnvelope, type ScanResult } from "./station-schema";
import { type GroupTube, writeScanGroup } from "./write-scan-group";

type Step =
  | { scan: ScanEnvelope; kind: "open"; barcode: string; single: boolean }
  | { scan: ScanEnvelope; kind: "bind"; barcode: string; bind: BindScan; named: Named };

const pointOf = (p: PreparedScans, scan: ScanEnvelope) =>
  p.points.get(`${scan.campaignId}:${scan.siteId}`) as StationPoint;

/**
 * The steps of a POST that the set-based path takes: every scan opens a tube or binds a
 * registered resident, without an override, in an open round. Anything else (undo, seal,
 * walk-ins, overrides, malformed scans) goes scan by scan through applyScans.
 */
export function planFastScans(p: PreparedScans): Step[] | null {
  const steps: Step[] = [];
  for (const scan of [...p.scans].sort((a, b) => a.seq - b.seq)) {
    const point = pointOf(p, scan);
    if (!OPEN_ROUND.has(point.campaign.status)) return null;
    const { id, seq, at, campaignId, siteId, kind, ...body } = scan;
    if (kind === "open_tube") {
      const open = OpenTubeScan.safeParse(body);
      if (!open.success || open.data.override) return null;
      steps.push({ scan, kind: "open", barcode: open.data.barcode, single: open.data.single === true });
    } else if (kind === "bind") {
      const bind = BindScan.safeParse(body);
      if (!bind.success || bind.data.override || bind.data.walkIn) return null;
      steps.push({
        scan,
        kind: "bind",
        barcode: bind.data.barcode,
        bind: bind.data,
        named: nameResident(bind.data, point, p.tokenKeys),
      });
    } else return null;
  }
  return steps;
}

/**
 * Applies the group's plain POSTs set-based: a handful of statements for the whole group instead
 * of eight per scan. Same rules and order as the scan-by-scan path: the POSTs are applied one
 * after another and each in seq order, against tube rows locked for the whole transaction (the
 * checked counter still guards people <= pool_size). A scan id already stored answers
 * "duplicate"; one stored by another transaction meanwhile fails the insert, and the caller then
 * applies each POST on its own, scan by scan.
 */
export async function applyScansFast(
  trx: Transaction<Database>,
  group: { p: PreparedScans; steps: Step[] }[],
  rounds: Map<string, string>,
): Promise<ScanResult[][]> {
  const all = group.flatMap((g) => g.steps);
  const { stored, locked, viewed } = await lockGroup(trx, {
    rounds,
    scanIds: all.map((s) => s.scan.id),
    barcodes: all.map((s) => s.barcode),
  });
  // Scans change only the tubes locked; the others are shown with a duplicate's answer.
  const tubes = new Map<string, GroupTube>(locked.map((t) => [t.barcode, t]));
  const tubesById = new Map<string, GroupTube>([...viewed, ...locked].map((t) => [t.id, t]));

  // The residents named by scans not stored yet, per round: locked, and whether sampled already.
  const residents = new Map<string, FoundResidents>();
  const binds = group.flatMap(({ p, steps }) =>
    steps.flatMap((s) => (s.kind === "bind" && !stored.has(s.scan.id) ? [{ p, s }] : [])),
  );
  for (const { p, s } of binds) {
    const point = pointOf(p, s.scan);
    if (residents.has(point.campaign.id)) continue;
    const named = binds
      .filter((b) => pointOf(b.p, b.s.scan).campaign.id === point.campaign.id)
      .map((b) => b.s.named);
    const byId = named.flatMap((n) => ("id" in n && isUuid(n.id) ? [n.id] : []));
    const byNumber = named.flatMap((n) => ("idNumber" in n ? [n.idNumber] : []));
    residents.set(point.campaign.id, await findRoundResidents(trx, point, byId, byNumber));
  }
  const none: FoundResidents = {
    byId: new Map(),
    byIdNumber: new Map(),
    sampled: new Set(),
    recalled: new Map(),
  };

  const newTubes: GroupTube[] = [];
  const dirty = new Set<GroupTube>();
  const scanRows: Insertable<StationScanTable>[] = [];
  const samples: Insertable<SampleTable>[] = [];
  const resampled: { recallId: string; sampleId: string }[] = [];
  const seen = new Map<string, ScanOutcome>();
  const view = (tubeId: string | null | undefined) => {
    const t = tubeId ? tubesById.get(tubeId) : undefined;
    return t ? { tube: presentTube(t) } : {};
  };

  const out: ScanResult[][] = [];
  for (const { p, steps } of group) {
    const results = new Map<string, ScanResult>();
    for (const step of steps) {
      const { scan } = step;
      const point = pointOf(p, scan);
      const before = stored.get(scan.id) ?? seenAsStored(seen.get(scan.id));
      if (before) {
        results.set(scan.id, {
          id: scan.id,
          status: "duplicate",
          stored: before.status === "applied" ? "applied" : "rejected",
          ...(before.code ? { code: before.code, message: before.message ?? undefined } : {}),
          ...view(before.tube_id),
        });
        continue;
      }
      const ctx = { p, point, scan, tubes, tubesById, newTubes, dirty, samples, resampled };
      const outcome =
        step.kind === "open"
          ? openStep(ctx, step.barcode, step.single)
          : bindStep(ctx, step, residents.get(point.campaign.id) ?? none);
      seen.set(scan.id, outcome);
      const { id, seq, at, campaignId, siteId, kind, ...body } = scan;
      scanRows.push({
        id,
        station_id: p.stationId,
        seq,
        campaign_id: point.campaign.id,
        site_id: point.site.id,
        user_id: p.user.id,
        kind,
        payload: JSON.stringify(redact(body)),
        status: outcome.status,
        code: outcome.code ?? null,
        message: outcome.message ?? null,
        tube_id: outcome.tubeId ?? null,
        at,
      });
      results.set(scan.id, {
        id,
        status: outcome.status,
        ...(outcome.code ? { code: outcome.code, message: outcome.message } : {}),
        ...view(outcome.tubeId),
      });
    }
    out.push(p.scans.map((s) => results.get(s.id) as ScanResult));
  }

  await writeScanGroup(trx, {
    group: group.map((g) => g.p),
    out,
    newTubes,
    dirty,
    scanRows,
    samples,
    resampled,
  });
  return out;
}

interface StoredScan {
  id: string;
  status: string;
  code: string | null;
  message: string | null;
  tube_id: string | null;
}

/**
 * The group's first statement: locks its rounds (shared, so closing a round waits for the commit)
 * and fails if one changed status since the reads; reads the scans already stored under the
 * group's ids; locks, in id order, the tubes named by the scans not stored yet; and reads,
 * without a lock, the other tubes of the stored scans (for their "duplicate" answers). A POST
 * sent again after it was acknowledged (its answer lost on the way) so locks nothing but the
 * round, and never waits for another commit that holds its tube.
 */
async function lockGroup(
  trx: Transaction<Database>,
  /** scanIds and barcodes: one of each per scan, in the same order. */
  q: { rounds: Map<string, string>; scanIds: string[]; barcodes: string[] },
): Promise<{ stored: Map<string, StoredScan>; locked: GroupTube[]; viewed: GroupTube[] }> {
  const { rows } = await sql<{
    rounds: { id: string; status: string }[];
    stored: StoredScan[];
    tubes: GroupTube[];
    viewed: GroupTube[];
  }>`${PREPARED}with rounds as (
      select id, status from campaigns where id = any(${[...q.rounds.keys()]}::uuid[]) for share
    ), stored as (
      select id, status, code, message, tube_id from station_scans
      where id = any(${q.scanIds}::uuid[])
    ), locked as (
      select id, barcode, campaign_id, site_id, station_id, pool_size, single, people, status, sealed_at
      from tubes
      where barcode = any(array(
        select u.barcode from unnest(${q.scanIds}::uuid[], ${q.barcodes}::text[]) as u(id, barcode)
        where not exists (select from stored s where s.id = u.id)))
      order by id
      for update
    ), viewed as (
      select id, barcode, campaign_id, site_id, station_id, pool_size, single, people, status, sealed_at
      from tubes
      where id = any(array(select tube_id from stored where tube_id is not null))
    )
    select (select coalesce(json_agg(r), '[]') from rounds r) as rounds,
      (select coalesce(json_agg(s), '[]') from stored s) as stored,
      (select coalesce(json_agg(t), '[]') from locked t) as tubes,
      (select coalesce(json_agg(v), '[]') from viewed v) as viewed`.execute(trx);
  const row = rows[0] as (typeof rows)[number];
  assertRoundsUnchanged(q.rounds, row.rounds);
  return { stored: new Map(row.stored.map((r) => [r.id, r])), locked: row.tubes, viewed: row.viewed };
}

/** Fails the group (to be redone with fresh reads) if a round's status is not the one read. */
export function assertRoundsUnchanged(
  seen: Map<string, string>,
  now: { id: string; status: string }[],
): void {
  for (const round of now) {
    if (seen.get(round.id) !== round.status) throw new Error("A round changed status: redo with fresh reads");
  }
}

function seenAsStored(o: ScanOutcome | undefined) {
  return o
    ? { status: o.status, code: o.code ?? null, message: o.message ?? null, tube_id: o.tubeId ?? null }
    : undefined;
}

interface StepContext {
  p: PreparedScans;
  point: StationPoint;
  scan: ScanEnvelope;
  tubes: Map<string, GroupTube>;
  tubesById: Map<string, GroupTube>;
  newTubes: GroupTube[];
  dirty: Set<GroupTube>;
  samples: Insertable<SampleTable>[];
  resampled: { recallId: string; sampleId: string }[];
}

/** As applyOpenTube without an override. */
function openStep(ctx: StepContext, barcode: string, single: boolean): ScanOutcome {
  const row = ctx.tubes.get(barcode);
  if (!row) {
    const fresh = openTube(ctx.point.campaign.pool_size, single);
    const tube = {
      id: newId(),
      barcode,
      campaign_id: ctx.point.campaign.id,
      site_id: ctx.point.site.id,
      station_id: ctx.p.stationId,
      pool_size: fresh.poolSize,
      single,
      people: 0,
      status: "open",
      opened_by: ctx.p.user.id,
      opened_at: ctx.scan.at,
      sealed_at: null,
    };
    ctx.tubes.set(barcode, tube);
    ctx.tubesById.set(tube.id, tube);
    ctx.newTubes.push(tube);
    return applied(tube.id);
  }
  const ours = ofPoint(ctx, row);
  if (ours && ours.status === "open" && ours.station_id === ctx.p.stationId) return applied(ours.id);
  return rejected("tube_used", TUBE_MESSAGES.tube_used as string, ours?.id);
}

/** As applyBind for a registered resident without an override. */
function bindStep(
  ctx: StepContext,
  step: Extract<Step, { kind: "bind" }>,
  found: FoundResidents,
): ScanOutcome {
  const tube = ofPoint(ctx, ctx.tubes.get(step.barcode));
  if (!tube) return rejected("tube_unknown", "No such tube at this point: scan its barcode to open it");
  const next = bindToTube(tubeState(tube));
  if (!next.ok) return rejected(next.code, TUBE_MESSAGES[next.code] as string, tube.id);
  const named = step.named;
  if ("status" in named) return { ...named, tubeId: tube.id };
  const person = "id" in named ? found.byId.get(named.id) : found.byIdNumber.get(named.idNumber);
  if (!person) return { ...unknownPerson(), tubeId: tube.id };
  const recallId = found.recalled.get(person.id);
  if (recallId && tube.pool_size !== 1) return rejected("recall_single_tube", RECALL_SINGLE_TUBE, tube.id);
  if (found.sampled.has(person.id) && !recallId) {
    return rejected(
      "already_sampled",
      "Already sampled in this round: override with a reason to sample again",
      tube.id,
    );
  }
  found.sampled.add(person.id);
  found.recalled.delete(person.id);
  tube.people = next.tube.people;
  tube.status = next.tube.status;
  tube.sealed_at = next.tube.status === "sealed" ? ctx.scan.at : null;
  ctx.dirty.add(tube);
  const sampleId = newId();
  if (recallId) ctx.resampled.push({ recallId, sampleId });
  ctx.samples.push({
    id: sampleId,
    campaign_id: ctx.point.campaign.id,
    resident_id: person.id,
    household_id: person.household_id,
    walk_in_id: null,
    site_id: ctx.point.site.id,
    sampled_at: ctx.scan.at,
    tube_id: tube.id,
    tube_position: next.tube.people,
    scan_id: ctx.scan.id,
    registrar_id: ctx.p.user.id,
    override_reason: null,
    fever: step.bind.fever === true,
  });
  return applied(tube.id);
}

function ofPoint(ctx: StepContext, row: GroupTube | undefined): GroupTube | undefined {
  if (!row || row.campaign_id !== ctx.point.campaign.id || row.site_id !== ctx.point.site.id)
    return undefined;
  return row;
}
