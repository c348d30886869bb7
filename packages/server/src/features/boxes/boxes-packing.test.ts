import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import { barcode, expectJson, makeStation, postScans } from "../station/station-test-kit";
import type { BoxResult, BoxSummary, PackResult } from "./box-schema";
import {
  type BoxRound,
  boxLabel,
  buildBoxRound,
  createBox,
  fillTubes,
  getBoxDetail,
  listPoint,
  pack,
  packAll,
  refusal,
} from "./box-test-kit";

let t: TestContext;
let kit: BoxRound;

beforeAll(async () => {
  t = await createTestContext();
  kit = await buildBoxRound(t);
});
afterAll(() => t.close());

const call = (method: string, path: string, json?: unknown) =>
  t.call(method, path, { cookie: kit.registrar, json });

describe("packing a box at the point", () => {
  it("counts packed tubes against the point's sealed tubes still waiting, and seals the box", async () => {
    const { siteB } = kit.round;
    const tubes = await fillTubes(t, kit, siteB, 3);
    const before = await listPoint(t, kit, siteB);
    expect(before.waiting).toBe(3);
    expect(before.waitingTubes.map((w) => w.barcode).sort()).toEqual([...tubes].sort());

    const box = await createBox(t, kit, siteB);
    expect(box).toMatchObject({ status: "packing", tubes: 0, expected: 3 });
    const first = await expectJson<PackResult>(await pack(t, kit.registrar, box.id, tubes[0] as string), 200);
    expect(first).toMatchObject({ already: false, waiting: 2, box: { tubes: 1, expected: 3 } });
    expect(first.tube).toEqual({ barcode: tubes[0], people: 1, single: false });
    // A wedge scanner's double read of the same tube changes nothing.
    const again = await expectJson<PackResult>(await pack(t, kit.registrar, box.id, tubes[0] as string), 200);
    expect(again).toMatchObject({ already: true, box: { tubes: 1 } });
    await packAll(t, kit.registrar, box.id, tubes.slice(1));

    const sealed = await expectJson<BoxResult>(await call("POST", `/api/boxes/${box.id}/seal`), 200);
    expect(sealed.box).toMatchObject({ status: "sealed", tubes: 3, expected: 3 });
    expect(sealed.box.sealedAt).not.toBeNull();
    const after = await listPoint(t, kit, siteB);
    expect(after.waiting).toBe(0);
    expect(after.items.find((b) => b.id === box.id)).toMatchObject({ status: "sealed", tubes: 3 });
    const stored = await t.db
      .selectFrom("tubes")
      .select(["status", "box_id"])
      .where("barcode", "in", tubes)
      .execute();
    expect(stored).toEqual(tubes.map(() => ({ status: "boxed", box_id: box.id })));
    // Sealing twice (a double tap) answers the box as it is.
    expect(
      (await expectJson<BoxResult>(await call("POST", `/api/boxes/${box.id}/seal`), 200)).box.status,
    ).toBe("sealed");
  });

  it("takes a mis-packed tube out while packing; it waits for a box again", async () => {
    const { siteA } = kit.round;
    const [keep, wrong] = (await fillTubes(t, kit, siteA, 2)) as [string, string];
    const box = await createBox(t, kit, siteA);
    await packAll(t, kit.registrar, box.id, [keep, wrong]);
    const out = await expectJson<BoxResult>(await call("DELETE", `/api/boxes/${box.id}/tubes/${wrong}`), 200);
    expect(out.box.tubes).toBe(1);
    expect((await listPoint(t, kit, siteA)).waitingTubes.map((w) => w.barcode)).toContain(wrong);
    expect(await refusal(await call("DELETE", `/api/boxes/${box.id}/tubes/${wrong}`))).toEqual({
      status: 404,
      code: "tube_not_in_box",
    });
    const detail = await getBoxDetail(t, kit.registrar, box.id);
    expect(detail.tubes.map((x) => x.barcode)).toEqual([keep]);
    expect(detail.tubes[0]).toMatchObject({ people: 1, single: false, status: "boxed" });
    // The tube can go into another box now.
    const other = await createBox(t, kit, siteA);
    await packAll(t, kit.registrar, other.id, [wrong]);
  });

  it("refuses what cannot go in a box, each with its own code", async () => {
    const { siteA, siteB } = kit.round;
    const [sealedA] = (await fillTubes(t, kit, siteA, 1)) as [string];
    const [openA] = (await fillTubes(t, kit, siteA, 1, { open: true })) as [string];
    const [ofB] = (await fillTubes(t, kit, siteB, 1)) as [string];
    const box = await createBox(t, kit, siteA);
    const other = await createBox(t, kit, siteA);
    await packAll(t, kit.registrar, other.id, [sealedA]);

    expect(await refusal(await pack(t, kit.registrar, box.id, barcode()))).toEqual({
      status: 404,
      code: "tube_unknown",
    });
    expect(await refusal(await pack(t, kit.registrar, box.id, openA))).toEqual({
      status: 409,
      code: "tube_open",
    });
    expect(await refusal(await pack(t, kit.registrar, box.id, ofB))).toEqual({
      status: 409,
      code: "tube_other_point",
    });
    const boxed = await pack(t, kit.registrar, box.id, sealedA);
    expect(boxed.status).toBe(409);
    expect(((await boxed.json()) as { error: { details: unknown } }).error.details).toEqual({
      code: "tube_boxed",
      box: other.barcode,
    });
    expect(await refusal(await call("POST", `/api/boxes/${box.id}/seal`))).toEqual({
      status: 409,
      code: "box_empty",
    });
    expect(
      await refusal(await call("POST", `/api/boxes/${box.id}/hand-over`, { courier: "张师傅" })),
    ).toEqual({
      status: 409,
      code: "box_not_sealed",
    });

    await expectJson(await call("POST", `/api/boxes/${other.id}/seal`), 200);
    const [late] = (await fillTubes(t, kit, siteA, 1)) as [string];
    expect(await refusal(await pack(t, kit.registrar, other.id, late))).toEqual({
      status: 409,
      code: "box_sealed",
    });
    expect(await refusal(await call("DELETE", `/api/boxes/${other.id}/tubes/${sealedA}`))).toEqual({
      status: 409,
      code: "box_sealed",
    });
    // Nor can a station take a packed tube back, even with an override.
    const s = makeStation(kit.round.campaignId, siteA);
    const reopen = await postScans(t, kit.registrar, s.stationId, [
      s.open(sealedA, { override: { reason: "封管误按" } }),
    ]);
    expect(reopen[0]).toMatchObject({ status: "rejected", code: "tube_used" });
  });

  it("refuses a used box label and a tube's barcode as a label", async () => {
    const { campaignId, siteA } = kit.round;
    const label = boxLabel();
    const first = await call("POST", "/api/boxes", { campaignId, siteId: siteA, barcode: label });
    const box = await expectJson<BoxSummary>(first, 201);
    const again = await call("POST", "/api/boxes", { campaignId, siteId: siteA, barcode: label });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { details: unknown } }).error.details).toEqual({
      code: "box_used",
      boxId: box.id,
    });
    const [tube] = (await fillTubes(t, kit, siteA, 1)) as [string];
    expect(
      await refusal(await call("POST", "/api/boxes", { campaignId, siteId: siteA, barcode: tube })),
    ).toEqual({
      status: 409,
      code: "barcode_is_tube",
    });
  });

  it("hands a sealed box to a courier once, keeping the courier's name and phone on the box only", async () => {
    const { siteA } = kit.round;
    const tubes = await fillTubes(t, kit, siteA, 2);
    const box = await createBox(t, kit, siteA);
    await packAll(t, kit.registrar, box.id, tubes);
    await expectJson(await call("POST", `/api/boxes/${box.id}/seal`), 200);
    const badPhone = await call("POST", `/api/boxes/${box.id}/hand-over`, {
      courier: "张师傅",
      phone: "12345",
    });
    expect(await refusal(badPhone)).toEqual({ status: 422, code: "validation" });
    const handed = await expectJson<BoxResult>(
      await call("POST", `/api/boxes/${box.id}/hand-over`, { courier: "张师傅", phone: "138 0013 8000" }),
      200,
    );
    expect(handed.box).toMatchObject({ status: "handed_over", courier: "张师傅 13800138000" });
    expect(
      await refusal(await call("POST", `/api/boxes/${box.id}/hand-over`, { courier: "李师傅" })),
    ).toEqual({
      status: 409,
      code: "box_handed_over",
    });

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", box.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "box.create",
      "box.pack",
      "box.pack",
      "box.seal",
      "box.hand_over",
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/张师傅|13800138000/);
  });

  it("lets exactly one of two registrars pack the same tube into two boxes at once", async () => {
    const { siteA } = kit.round;
    const tubes = await fillTubes(t, kit, siteA, 4);
    const boxA = await createBox(t, kit, siteA);
    const boxB = await createBox(t, kit, siteA);
    const second = (await t.signIn("medic", kit.round.place.a.community.id)).cookie;
    const answers = await Promise.all(
      tubes.flatMap((tube) => [pack(t, kit.registrar, boxA.id, tube), pack(t, second, boxB.id, tube)]),
    );
    const outcomes = await Promise.all(answers.map(refusalOrOk));
    for (let i = 0; i < tubes.length; i++) {
      const pair = [outcomes[2 * i], outcomes[2 * i + 1]].sort();
      expect(pair).toEqual(["ok", "tube_boxed"]);
    }
    const counts = await t.db
      .selectFrom("boxes")
      .select("tubes")
      .where("id", "in", [boxA.id, boxB.id])
      .execute();
    expect(counts.reduce((n, c) => n + c.tubes, 0)).toBe(tubes.length);
    const packed = await t.db
      .selectFrom("custody_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("box_id", "in", [boxA.id, boxB.id])
      .where("kind", "=", "packed")
      .executeTakeFirstOrThrow();
    expect(Number(packed.n)).toBe(tubes.length);
    const rows = await t.db.selectFrom("tubes").select("box_id").where("barcode", "in", tubes).execute();
    expect(rows.every((r) => r.box_id === boxA.id || r.box_id === boxB.id)).toBe(true);
  });
});

async function refusalOrOk(res: Response): Promise<string> {
  if (res.status === 200) return "ok";
  return (await refusal(res)).code ?? String(res.status);
}
