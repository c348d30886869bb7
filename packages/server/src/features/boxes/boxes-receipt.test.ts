import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { barcode, expectJson } from "../station/station-test-kit";
import type { BoxDetail, BoxList, ReceiveResult } from "./box-schema";
import {
  type BoxRound,
  buildBoxRound,
  createBox,
  fillTubes,
  getBoxDetail,
  pack,
  packAll,
  refusal,
} from "./box-test-kit";

let t: TestContext;
let kit: BoxRound;
/** Lab staff whose scope is the round's district. */
let lab: string;

beforeAll(async () => {
  t = await createTestContext();
  kit = await buildBoxRound(t);
  lab = (await t.signIn("lab", kit.round.place.a.district.id)).cookie;
});
afterAll(() => t.close());

/** A sealed, handed-over box of siteA holding `count` tubes. */
async function shippedBox(count: number, handOver = true) {
  const tubes = await fillTubes(t, kit, kit.round.siteA, count);
  const box = await createBox(t, kit, kit.round.siteA);
  await packAll(t, kit.registrar, box.id, tubes);
  await expectJson(await t.call("POST", `/api/boxes/${box.id}/seal`, { cookie: kit.registrar }), 200);
  if (handOver) {
    const courier = { courier: "张师傅", phone: "13800138000" };
    await expectJson(
      await t.call("POST", `/api/boxes/${box.id}/hand-over`, { cookie: kit.registrar, json: courier }),
      200,
    );
  }
  return { box, tubes };
}

const receive = (boxId: string, tubes: string[], cookie = lab) =>
  t.call("POST", `/api/boxes/${boxId}/receive`, { cookie, json: { tubes } });

describe("the lab's receipt of a box", () => {
  it("finds the box by its label, records what arrived, and names the missing and extra tubes", async () => {
    const { box, tubes } = await shippedBox(4);
    const [t1, t2, t3, t4] = tubes as [string, string, string, string];
    const manifest = await expectJson<BoxDetail>(
      await t.call("GET", `/api/boxes/barcode/${box.barcode}`, { cookie: lab }),
      200,
    );
    expect(manifest.box).toMatchObject({
      id: box.id,
      status: "handed_over",
      tubes: 4,
      courier: "张师傅 13800138000",
    });
    expect(manifest.tubes.map((x) => x.barcode)).toEqual(tubes);
    // Barcodes and counts only: no resident (test residents are all named 测试…), no ID number.
    expect(JSON.stringify(manifest)).not.toMatch(/测试|idNumber|resident/i);

    // A tube of another box of the same point was put in this one by hand, and t4 is not there.
    const [stray] = (await fillTubes(t, kit, kit.round.siteA, 1)) as [string];
    const unknown = barcode();
    const answer = await expectJson<ReceiveResult>(
      await receive(box.id, [t1, t2, ` ${t3} `, t1, stray, unknown, box.barcode]),
      200,
    );
    expect(answer).toMatchObject({ received: 3, missing: [t4], already: false });
    expect(answer.extra.sort()).toEqual([stray, unknown].sort());
    expect(answer.box).toMatchObject({
      status: "received",
      receipt: { received: 3, missing: 1, extra: 2 },
    });
    const statuses = await t.db
      .selectFrom("tubes")
      .select(["barcode", "status"])
      .where("barcode", "in", [t1, t2, t3, t4, stray])
      .orderBy("barcode")
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.barcode, s.status]))).toEqual({
      [t1]: "received",
      [t2]: "received",
      [t3]: "received",
      [t4]: "boxed",
      // Never guessed into the box: it stays where the point left it.
      [stray]: "sealed",
    });

    // Receiving again (a retry, a second person) changes nothing and answers the first receipt.
    const again = await expectJson<ReceiveResult>(await receive(box.id, [t1, t2, t3, t4]), 200);
    expect(again).toMatchObject({ received: 3, missing: [t4], already: true });
    expect(again.extra.sort()).toEqual([stray, unknown].sort());
  });

  it("keeps the whole chain of custody in order, from the box's start to the lab", async () => {
    const { box, tubes } = await shippedBox(2);
    const [t1, t2] = tubes as [string, string];
    await expectJson(await receive(box.id, [t2]), 200);
    const detail = await getBoxDetail(t, lab, box.id);
    expect(detail.events.map((e) => [e.kind, e.tube])).toEqual([
      ["created", null],
      ["packed", t1],
      ["packed", t2],
      ["sealed", null],
      ["handed_over", null],
      ["received", null],
      ["tube_received", t2],
      ["tube_missing", t1],
    ]);
    expect(detail.events.find((e) => e.kind === "handed_over")?.party).toBe("张师傅 13800138000");
    expect(detail.events.every((e, i, all) => i === 0 || (all[i - 1]?.at ?? "") <= e.at)).toBe(true);
    expect(detail.events[0]?.user).toBe("Test user");
  });

  it("receives a sealed box whose hand-over was not recorded, but never one still being packed", async () => {
    const { box, tubes } = await shippedBox(1, false);
    const packing = await createBox(t, kit, kit.round.siteA);
    expect(await refusal(await receive(packing.id, []))).toEqual({ status: 409, code: "box_not_sealed" });
    const answer = await expectJson<ReceiveResult>(await receive(box.id, tubes), 200);
    expect(answer).toMatchObject({ received: 1, missing: [], extra: [] });
    const event = await t.db
      .selectFrom("custody_events")
      .select("details")
      .where("box_id", "=", box.id)
      .where("kind", "=", "received")
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ handedOver: false });
  });

  it("audits the receipt with counts only", async () => {
    const { box, tubes } = await shippedBox(2);
    await expectJson(await receive(box.id, tubes.slice(0, 1)), 200);
    const row = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", box.id)
      .where("action", "=", "box.receive")
      .executeTakeFirstOrThrow();
    expect(row.details).toEqual({ received: 1, missing: 1, extra: 0 });
  });
});

describe("who may see and move a box", () => {
  it("answers 404 to a registrar of another community and to a lab of another district", async () => {
    const { box, tubes } = await shippedBox(1);
    const elsewhere = (await t.signIn("registrar", kit.round.other.community.id)).cookie;
    const farLab = (await t.signIn("lab", (await buildRegionChain(t.db)).district.id)).cookie;
    for (const cookie of [elsewhere, farLab]) {
      expect((await t.call("GET", `/api/boxes/${box.id}`, { cookie })).status).toBe(404);
      expect((await t.call("GET", `/api/boxes/barcode/${box.barcode}`, { cookie })).status).toBe(404);
    }
    expect((await pack(t, elsewhere, box.id, tubes[0] as string)).status).toBe(404);
    expect((await t.call("POST", `/api/boxes/${box.id}/seal`, { cookie: elsewhere })).status).toBe(404);
    const list = await t.call(
      "GET",
      `/api/boxes?campaignId=${kit.round.campaignId}&siteId=${kit.round.siteA}`,
      {
        cookie: elsewhere,
      },
    );
    expect(list.status).toBe(404);
    const start = await t.call("POST", "/api/boxes", {
      cookie: elsewhere,
      json: { campaignId: kit.round.campaignId, siteId: kit.round.siteA, barcode: "BX-ELSEWHERE" },
    });
    expect(start.status).toBe(404);
    expect((await receive(box.id, tubes, farLab)).status).toBe(404);
    // Their own point is theirs to work.
    const own = await t.call(
      "GET",
      `/api/boxes?campaignId=${kit.round.campaignId}&siteId=${kit.round.siteOther}`,
      {
        cookie: elsewhere,
      },
    );
    expect((await expectJson<BoxList>(own, 200)).items).toEqual([]);
  });

  it("keeps the lab to receiving and the point to packing", async () => {
    const { box, tubes } = await shippedBox(1);
    expect(await refusal(await receive(box.id, tubes, kit.registrar))).toEqual({
      status: 403,
      code: "forbidden",
    });
    expect(await refusal(await pack(t, lab, box.id, tubes[0] as string))).toEqual({
      status: 403,
      code: "forbidden",
    });
    const grid = (await t.signIn("grid_worker", kit.round.place.a.community.id)).cookie;
    expect((await t.call("GET", `/api/boxes/${box.id}`, { cookie: grid })).status).toBe(403);
  });
});
