import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { expectJson } from "../station/station-test-kit";
import { buildLabRound, csvFile, fillTube, type LabRound, sendFile, tubeState } from "./lab-test-kit";

let t: TestContext;
let lab: LabRound;
const HEADER = ["条码", "结果", "检测时间"];

beforeAll(async () => {
  t = await createTestContext();
  lab = await buildLabRound(t);
});
afterAll(() => t.close());

interface ConflictBody {
  id: string;
  barcode: string;
  current: { result: string } | null;
  incoming: { result: string; testedAt: string };
  settled: { keep: string; reason: string; previousResult: string | null; by: string } | null;
}

/** A pooled tube of two people resulted negative, then sent again as `second`: one open conflict. */
async function conflictOver(second: string): Promise<{ tube: string; conflict: ConflictBody }> {
  const tube = await fillTube(t, lab, { people: 2 });
  await sendFile(t, lab.lab, csvFile([HEADER, [tube, "阴性", "2026-11-28 10:00"]]));
  const batch = await sendFile(t, lab.lab, csvFile([HEADER, [tube, second, "2026-11-28 11:00"]]));
  expect(batch.conflicts).toBe(1);
  const list = await expectJson<{ items: ConflictBody[] }>(
    await t.call("GET", "/api/lab/conflicts", { cookie: lab.lab }),
    200,
  );
  const conflict = list.items.find((c) => c.barcode === tube);
  if (!conflict) throw new Error("conflict not listed");
  return { tube, conflict };
}

const settle = (id: string, json: unknown, cookie = lab.lab) =>
  t.call("POST", `/api/lab/conflicts/${id}/settle`, { cookie, json });

const recallsOf = (tube: string) =>
  t.db
    .selectFrom("recalls as r")
    .innerJoin("recall_tasks as k", "k.id", "r.task_id")
    .innerJoin("tubes as t", "t.id", "k.tube_id")
    .select(["r.id", "k.reason"])
    .where("t.barcode", "=", tube)
    .execute();

describe("result conflicts", () => {
  it("keeps a different result aside until a person takes it, which then applies with its recalls", async () => {
    const { tube, conflict } = await conflictOver("阳性");
    expect(conflict).toMatchObject({
      current: { result: "negative" },
      incoming: { result: "positive" },
      settled: null,
    });
    expect(await tubeState(t, tube)).toEqual({ status: "resulted", result: "negative" });
    expect(await recallsOf(tube)).toEqual([]);

    const res = await settle(conflict.id, { keep: "new", reason: "实验室复核：原结果录错" });
    expect(await expectJson(res, 200)).toEqual({ id: conflict.id, keep: "new", result: "positive" });
    expect(await tubeState(t, tube)).toEqual({ status: "resulted", result: "positive" });
    const recalls = await recallsOf(tube);
    expect(recalls.map((r) => r.reason)).toEqual(["positive", "positive"]);

    const again = await settle(conflict.id, { keep: "existing", reason: "再点一次" });
    expect(await expectJson(again, 409)).toMatchObject({ error: { code: "conflict" } });
    const settled = await expectJson<{ items: ConflictBody[] }>(
      await t.call("GET", "/api/lab/conflicts?status=settled", { cookie: lab.lab }),
      200,
    );
    expect(settled.items.find((c) => c.id === conflict.id)?.settled).toMatchObject({
      keep: "new",
      reason: "实验室复核：原结果录错",
      previousResult: "negative",
      by: "Test user",
    });
    const open = await expectJson<{ items: ConflictBody[] }>(
      await t.call("GET", "/api/lab/conflicts", { cookie: lab.lab }),
      200,
    );
    expect(open.items.map((c) => c.id)).not.toContain(conflict.id);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", conflict.id)
      .execute();
    // The reason is free text: it stays on the conflict, not in the audit log.
    expect(audit).toEqual([
      { action: "lab.conflict.settle", details: { tubeId: expect.any(String), keep: "new" } },
    ]);
  });

  it("keeps the tube's result when told to, and records why", async () => {
    const { tube, conflict } = await conflictOver("无效");
    expect(
      await expectJson(await settle(conflict.id, { keep: "existing", reason: "机器误报" }), 200),
    ).toMatchObject({
      keep: "existing",
      result: "negative",
    });
    expect(await tubeState(t, tube)).toEqual({ status: "resulted", result: "negative" });
    expect(await recallsOf(tube)).toEqual([]);
    const row = await t.db
      .selectFrom("result_conflicts")
      .select(["settled_keep", "settle_reason", "previous_result", "settled_at"])
      .where("id", "=", conflict.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      settled_keep: "existing",
      settle_reason: "机器误报",
      previous_result: "negative",
    });
  });

  it("records a conflict sent twice only once", async () => {
    const { tube } = await conflictOver("阳性");
    const again = await sendFile(t, lab.lab, csvFile([HEADER, [tube, "阳性", "2026-11-28 11:00"]]));
    expect(again.conflicts).toBe(1);
    const rows = await t.db
      .selectFrom("result_conflicts as c")
      .innerJoin("tubes as t", "t.id", "c.tube_id")
      .select("c.id")
      .where("t.barcode", "=", tube)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("needs a reason, and keeps other areas' conflicts out of reach", async () => {
    const { conflict } = await conflictOver("阳性");
    const noReason = await settle(conflict.id, { keep: "new", reason: " " });
    expect(await expectJson(noReason, 422)).toMatchObject({
      error: { details: { issues: [{ field: "reason" }] } },
    });
    const elsewhere = await buildRegionChain(t.db);
    const otherLab = (await t.signIn("lab", elsewhere.district.id)).cookie;
    expect((await settle(conflict.id, { keep: "new", reason: "不是我的" }, otherLab)).status).toBe(404);
    const list = await expectJson<{ items: ConflictBody[] }>(
      await t.call("GET", "/api/lab/conflicts", { cookie: otherLab }),
      200,
    );
    expect(list.items).toEqual([]);
    expect((await settle("not-an-id", { keep: "new", reason: "试试" })).status).toBe(404);
  });
});
