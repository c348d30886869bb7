import { signResidentToken } from "@shequ/core/resident-token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { buildNeighbour, buildResident } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { loadTokenKey } from "../notices/token-key";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "./station-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;
/** Residents of 1号楼 (served by siteA), handed out so no two tests bind the same person. */
let pool: { id: string; household_id: string; id_number: string }[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  pool = await t.db
    .selectFrom("residents")
    .select(["id", "household_id", "id_number"])
    .where("building_id", "=", round.place.a.building.id)
    .orderBy("id")
    .execute();
});
afterAll(() => t.close());

const take = (n: number) => {
  const out = pool.splice(0, n);
  if (out.length < n) throw new Error("The test pool ran out of residents");
  return out;
};

const liveSamples = (tubeBarcode: string) =>
  t.db
    .selectFrom("samples as s")
    .innerJoin("tubes as tb", "tb.id", "s.tube_id")
    .select(["s.resident_id", "s.tube_position", "s.override_reason", "s.walk_in_id", "s.undone_at"])
    .where("tb.barcode", "=", tubeBarcode)
    .orderBy("s.tube_position")
    .execute();

describe("station scans", () => {
  it("seals a 10-in-1 tube at the tenth person and refuses the eleventh as full", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const people = take(11);
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      ...people.map((p) => s.bind(tube, { residentId: p.id })),
    ]);
    expect(results.slice(0, 11).every((r) => r.status === "applied")).toBe(true);
    expect(results[10]?.tube).toEqual({ barcode: tube, poolSize: 10, people: 10, status: "sealed" });
    expect(results[11]).toMatchObject({ status: "rejected", code: "tube_full" });
    expect(await liveSamples(tube)).toHaveLength(10);

    const { items } = await expectJson<{ items: { barcode: string; status: string; people: number }[] }>(
      await t.call("GET", `/api/station/tubes?campaignId=${round.campaignId}&siteId=${round.siteA}`, {
        cookie: registrar,
      }),
      200,
    );
    expect(items.find((i) => i.barcode === tube)).toMatchObject({ status: "sealed", people: 10 });
  });

  it("answers a replayed POST with duplicates and stores each sample once", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const scans = [s.open(tube), ...take(3).map((p) => s.bind(tube, { residentId: p.id })), s.bind(tube, {})];
    const first = await postScans(t, registrar, s.stationId, scans);
    expect(first.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied", "rejected"]);
    const again = await postScans(t, registrar, s.stationId, scans);
    expect(again.map((r) => r.status)).toEqual(Array(5).fill("duplicate"));
    expect(again[4]).toMatchObject({ stored: "rejected", code: "invalid_scan" });
    expect(again[3]).toMatchObject({ stored: "applied", tube: { people: 3, status: "open" } });
    expect(await liveSamples(tube)).toHaveLength(3);

    const { items } = await expectJson<{ items: { id: string; status: string }[] }>(
      await t.call("GET", `/api/station/scans?stationId=${s.stationId}`, { cookie: registrar }),
      200,
    );
    expect(items.map((i) => i.id)).toEqual(scans.map((x) => x.id));
  });

  it.skipIf(process.env.TEST_DATABASE_URL === undefined)(
    "answers a POST sent again while another commit holds its tube, without waiting for it",
    async () => {
      const s = makeStation(round.campaignId, round.siteA);
      const tube = barcode();
      // Two residents of its own: the pool is shared out exactly among the other tests.
      const people = [await buildResident(t.db, round.place.a), await buildResident(t.db, round.place.a)];
      const scans = [s.open(tube), ...people.map((p) => s.bind(tube, { residentId: p.id }))];
      await postScans(t, registrar, s.stationId, scans);
      // Another transaction (a commit binding into the same tube) holds its row until released.
      let release = () => {};
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked = () => {};
      const holding = new Promise<void>((r) => {
        locked = r;
      });
      const holder = t.db.transaction().execute(async (trx) => {
        await trx.selectFrom("tubes").select("id").where("barcode", "=", tube).forUpdate().execute();
        locked();
        await released;
      });
      await holding;
      try {
        const again = postScans(t, registrar, s.stationId, scans);
        const waited = new Promise<"waited">((r) => setTimeout(() => r("waited"), 3000));
        const first = await Promise.race([again, waited]);
        expect(first).not.toBe("waited");
        expect((first as { status: string }[]).map((r) => r.status)).toEqual(Array(3).fill("duplicate"));
        expect(first).toMatchObject([{ tube: { barcode: tube, people: 2, status: "open" } }, {}, {}]);
      } finally {
        release();
        await holder;
      }
    },
  );

  it("never puts an 11th person into a 10-tube when two stations bind at once", async () => {
    const one = makeStation(round.campaignId, round.siteA);
    const two = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    await postScans(t, registrar, one.stationId, [one.open(tube)]);
    const people = take(16);
    const batches = [0, 1, 2, 3].map((i) => {
      const s = i % 2 === 0 ? one : two;
      return postScans(
        t,
        registrar,
        s.stationId,
        people.slice(i * 4, i * 4 + 4).map((p) => s.bind(tube, { residentId: p.id })),
      );
    });
    const results = (await Promise.all(batches)).flat();
    expect(results.filter((r) => r.status === "applied")).toHaveLength(10);
    expect(results.filter((r) => r.status === "rejected").map((r) => r.code)).toEqual(
      Array(6).fill("tube_full"),
    );
    const samples = await liveSamples(tube);
    expect(samples.map((x) => x.tube_position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const row = await t.db
      .selectFrom("tubes")
      .select(["people", "status"])
      .where("barcode", "=", tube)
      .executeTakeFirst();
    expect(row).toEqual({ people: 10, status: "sealed" });
  });

  it("rejects someone already sampled unless overridden, and stores the reason", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const [person] = take(1);
    const id = person?.id as string;
    const first = barcode();
    const second = barcode();
    const results = await postScans(t, registrar, s.stationId, [
      s.open(first),
      s.bind(first, { residentId: id }),
      s.open(second),
      s.bind(second, { residentId: id }),
      s.bind(second, { residentId: id, override: { reason: "样本污染，重采" } }),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      "applied",
      "applied",
      "applied",
      "already_sampled",
      "applied",
    ]);
    expect(await liveSamples(second)).toEqual([
      expect.objectContaining({ resident_id: id, override_reason: "样本污染，重采" }),
    ]);
  });

  it("undoes exactly the last binding and refuses undo on an empty tube", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const people = take(3);
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      ...people.map((p) => s.bind(tube, { residentId: p.id })),
      s.undo(tube),
    ]);
    expect(results[4]).toMatchObject({ status: "applied", tube: { people: 2, status: "open" } });
    const samples = await liveSamples(tube);
    expect(samples.filter((x) => x.undone_at === null).map((x) => x.resident_id)).toEqual([
      people[0]?.id,
      people[1]?.id,
    ]);
    expect(samples.find((x) => x.resident_id === people[2]?.id)?.undone_at).not.toBeNull();

    const empty = barcode();
    const refused = await postScans(t, registrar, s.stationId, [s.open(empty), s.undo(empty)]);
    expect(refused[1]).toMatchObject({ status: "rejected", code: "tube_empty" });
    // The person whose binding was undone can be bound again without an override.
    const rebind = await postScans(t, registrar, s.stationId, [s.bind(tube, { residentId: people[2]?.id })]);
    expect(rebind[0]?.status).toBe("applied");
  });

  it("binds by a QR token of this round, and refuses one of another round or with a changed character", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const key = await loadTokenKey(t.db, {});
    const [a, b, c] = take(3) as [(typeof pool)[number], (typeof pool)[number], (typeof pool)[number]];
    const token = (p: typeof a, campaignId = round.campaignId) =>
      signResidentToken({ residentId: p.id, householdId: p.household_id, campaignId }, key);
    const good = token(a);
    const original = token(c);
    // One character of the signed payload changed (the payload starts after "SQ1.").
    const tampered = `${original.slice(0, 20)}${original[20] === "A" ? "B" : "A"}${original.slice(21)}`;
    const tube = barcode();
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { token: good }),
      s.bind(tube, { token: token(b, newId()) }),
      s.bind(tube, { token: tampered }),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(["applied", "applied", "bad_token", "bad_token"]);
  });

  it("binds by a typed ID number after its check digit, and refuses a mistyped one", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const [p] = take(1);
    const number = p?.id_number as string;
    const typo = `${number.slice(0, 17)}${number[17] === "1" ? "2" : "1"}`;
    const tube = barcode();
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { idNumber: typo }),
      s.bind(tube, { idNumber: number.toLowerCase() }),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(["applied", "invalid_id_number", "applied"]);
    expect((await liveSamples(tube))[0]?.resident_id).toBe(p?.id);
    const stored = await t.db
      .selectFrom("station_scans")
      .select("payload")
      .where("id", "=", results[1]?.id as string)
      .executeTakeFirst();
    expect(JSON.stringify(stored?.payload)).not.toContain(number.slice(4, 14));
  });

  it("stores a walk-in, flags it for the registry owners and writes nothing to the registry", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const before = await t.db
      .selectFrom("residents")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    const walkIn = { name: "过路人", idType: "passport", idNumber: "E12345678", phone: "13800001111" };
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { walkIn, fever: true }),
    ]);
    expect(results[1]).toMatchObject({ status: "applied", tube: { people: 1 } });
    const row = await t.db
      .selectFrom("walk_ins")
      .selectAll()
      .where("scan_id", "=", results[1]?.id as string)
      .executeTakeFirst();
    expect(row).toMatchObject({
      name: "过路人",
      id_number: "E12345678",
      status: "flagged",
      site_id: round.siteA,
    });
    const samples = await liveSamples(tube);
    expect(samples[0]).toMatchObject({ resident_id: null, walk_in_id: row?.id });
    const after = await t.db
      .selectFrom("residents")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
    const stored = await t.db
      .selectFrom("station_scans")
      .select("payload")
      .where("id", "=", results[1]?.id as string)
      .executeTakeFirst();
    expect(JSON.stringify(stored?.payload)).not.toContain("过路人");
  });

  it("refuses a barcode used before unless overridden, and a tube of one for a fever case", async () => {
    const one = makeStation(round.campaignId, round.siteA);
    const two = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const fever = barcode();
    const [p] = take(1);
    await postScans(t, registrar, one.stationId, [one.open(tube)]);
    const results = await postScans(t, registrar, two.stationId, [
      two.open(tube),
      two.open(fever, { single: true }),
      two.bind(fever, { residentId: p?.id, fever: true }),
    ]);
    expect(results[0]).toMatchObject({ status: "rejected", code: "tube_used" });
    expect(results[2]?.tube).toEqual({ barcode: fever, poolSize: 1, people: 1, status: "sealed" });
  });

  it("audits each POST with counts only", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const [p] = take(1);
    await postScans(t, registrar, s.stationId, [s.open(tube), s.bind(tube, { idNumber: p?.id_number })]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "station.scans")
      .where("entity_id", "=", s.stationId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ scans: 2, applied: 2, duplicate: 0, rejected: 0 });
    expect(JSON.stringify(audit)).not.toContain(p?.id_number as string);
  });

  it("refuses a resident who lives outside the round's area, named by id or by ID number", async () => {
    const elsewhere = await buildNeighbour(t.db, round.place.a, "subdistrict", { community: "外社区" });
    const stranger = await buildResident(t.db, elsewhere);
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const [inside] = take(1);
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { residentId: stranger.id }),
      s.bind(tube, { idNumber: stranger.id_number }),
      s.bind(tube, { residentId: inside?.id }),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      "applied",
      "unknown_person",
      "unknown_person",
      "applied",
    ]);
    expect((await liveSamples(tube)).map((x) => x.resident_id)).toEqual([inside?.id]);
  });

  it("answers 404 to a registrar scanning into another community's point", async () => {
    const s = makeStation(round.campaignId, round.siteOther);
    await postScans(t, registrar, s.stationId, [s.open(barcode())], 404);
    const stranger = (await t.signIn("registrar", round.other.community.id)).cookie;
    const a = makeStation(round.campaignId, round.siteA);
    await postScans(t, stranger, a.stationId, [a.open(barcode())], 404);
    const count = await t.db
      .selectFrom("station_scans")
      .select("id")
      .where("station_id", "in", [s.stationId, a.stationId])
      .execute();
    expect(count).toHaveLength(0);
  });
});
