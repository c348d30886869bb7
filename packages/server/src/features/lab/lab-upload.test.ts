import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { barcode, expectJson } from "../station/station-test-kit";
import {
  type BatchBody,
  buildLabRound,
  csvFile,
  fillTube,
  type LabRound,
  markTube,
  sendFile,
  tubeState,
  upload,
  xlsxFile,
} from "./lab-test-kit";

let t: TestContext;
let lab: LabRound;
const HEADER = ["管码", "结果", "检测时间"];
const TIME = "2026-11-28 13:05";

beforeAll(async () => {
  t = await createTestContext();
  lab = await buildLabRound(t);
});
afterAll(() => t.close());

const codesOf = (batch: BatchBody) =>
  Object.fromEntries(batch.report.map((l) => [l.line, `${l.code}/${l.reason}`]));

describe("lab result files", () => {
  it("applies each good line and reports every other line with its reason", async () => {
    const sealed = await fillTube(t, lab);
    const received = await fillTube(t, lab, { people: 2 });
    await markTube(t, received, "received");
    const open = await fillTube(t, lab, { seal: false });
    const twiceDifferent = await fillTube(t, lab);
    const twiceSame = await fillTube(t, lab);
    const done = await fillTube(t, lab);
    const doneOther = await fillTube(t, lab);
    await sendFile(t, lab.lab, csvFile([HEADER, [done, "阴性", TIME], [doneOther, "阴性", TIME]]));

    const batch = await sendFile(
      t,
      lab.lab,
      csvFile([
        HEADER,
        [` ${sealed.toLowerCase()} `, "阴性", TIME], // line 2: applied (trimmed, upper-cased)
        [received, "阳", "2026-11-28T13:05:00+08:00"], // 3: applied
        [open, "阴性", TIME], // 4: tube still open
        ["TB-NO-SUCH-TUBE", "阴性", TIME], // 5: unknown
        [barcode(), "弱阳", TIME], // 6: bad word
        [barcode(), "阴性", "11/28 1pm"], // 7: bad time
        [twiceDifferent, "阴性", TIME], // 8 and 9: conflict within the file
        [twiceDifferent, "阳性", TIME],
        [twiceSame, "阴性", TIME], // 10 applied, 11 repeated in the file
        [twiceSame, "neg", TIME],
        [done, "negative", TIME], // 12: the tube already has this result
        [doneOther, "positive", TIME], // 13: the tube has another result: conflict to settle
        ["", "", ""], // blank: skipped
      ]),
    );
    expect(batch).toMatchObject({ lines: 12, applied: 3, repeated: 2, unknown: 1, conflicts: 3, invalid: 3 });
    expect(codesOf(batch)).toEqual({
      4: "invalid/tube_open",
      5: "unknown/tube_unknown",
      6: "invalid/result_unknown",
      7: "invalid/time_format",
      8: "conflict/file_conflict",
      9: "conflict/file_conflict",
      11: "repeated/file_repeat",
      12: "repeated/already_resulted",
      13: "conflict/result_conflict",
    });
    expect(batch.report.find((l) => l.line === 13)?.message).toContain("已有结果“阴性”，本次为“阳性”");
    expect(batch.report.find((l) => l.line === 5)?.messageEn).toMatch(/No such tube in your area/);

    expect(await tubeState(t, sealed)).toEqual({ status: "resulted", result: "negative" });
    expect(await tubeState(t, received)).toEqual({ status: "resulted", result: "positive" });
    expect(await tubeState(t, open)).toEqual({ status: "open", result: null });
    expect(await tubeState(t, twiceDifferent)).toEqual({ status: "sealed", result: null });
    expect(await tubeState(t, twiceSame)).toEqual({ status: "resulted", result: "negative" });
    expect(await tubeState(t, doneOther)).toEqual({ status: "resulted", result: "negative" });

    const conflicts = await t.db
      .selectFrom("result_conflicts as c")
      .innerJoin("tubes as t", "t.id", "c.tube_id")
      .select(["t.barcode", "c.result", "c.batch_id"])
      .execute();
    expect(conflicts).toEqual([{ barcode: doneOther, result: "positive", batch_id: batch.id }]);
    // The positive pooled tube recalls its two people, in the same transaction.
    const recalls = await t.db
      .selectFrom("recalls as r")
      .innerJoin("recall_tasks as k", "k.id", "r.task_id")
      .innerJoin("tubes as t", "t.id", "k.tube_id")
      .select("r.id")
      .where("t.barcode", "=", received)
      .execute();
    expect(recalls).toHaveLength(2);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "entity_type", "details"])
      .where("entity_id", "=", batch.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: "lab.results.upload",
      entity_type: "result_batch",
      details: { lines: 12, applied: 3, conflicts: 3 },
    });
  });

  it("previews a file without writing anything, then applies it; the same file again changes nothing", async () => {
    const a = await fillTube(t, lab);
    const b = await fillTube(t, lab);
    const file = () =>
      csvFile([HEADER, [a, "阴性", TIME], [b, "无效", TIME], ["TB-UNKNOWN-2", "阴性", TIME]]);
    const before = await t.db
      .selectFrom("result_batches")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    const preview = await expectJson<BatchBody>(
      await upload(t, lab.lab, "/api/lab/results/preview", file()),
      200,
    );
    expect(preview).toMatchObject({ lines: 3, applied: 2, unknown: 1, invalid: 0 });
    expect(preview.report.map((l) => l.line)).toEqual([4]);
    expect(await tubeState(t, a)).toEqual({ status: "sealed", result: null });
    const after = await t.db
      .selectFrom("result_batches")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(after).toEqual(before);

    expect(await sendFile(t, lab.lab, file())).toMatchObject({ applied: 2, unknown: 1 });
    const again = await sendFile(t, lab.lab, file());
    expect(again).toMatchObject({ applied: 0, repeated: 2, unknown: 1, conflicts: 0 });
    expect(await tubeState(t, b)).toEqual({ status: "resulted", result: "invalid" });
  });

  it("reads an XLSX below a title row, with date-time cells and Excel serial times", async () => {
    const a = await fillTube(t, lab);
    const b = await fillTube(t, lab);
    const c = await fillTube(t, lab);
    const file = await xlsxFile([
      ["城关区疾控中心 11月28日核酸检测结果"],
      ["序号", "试管条码", "核酸检测结果", "检测时间"],
      [1, a, "阴性", new Date(Date.UTC(2026, 10, 28, 13, 5))],
      [2, b, "阳性", 46354.545],
      [3, c, "阴性", "2026-11-28"],
    ]);
    const batch = await sendFile(t, lab.lab, file);
    expect(batch).toMatchObject({ lines: 3, applied: 2, invalid: 1 });
    expect(codesOf(batch)).toEqual({ 5: "invalid/time_no_clock" });
    const times = await t.db
      .selectFrom("tube_results as r")
      .innerJoin("tubes as t", "t.id", "r.tube_id")
      .select(["t.barcode", "r.tested_at"])
      .where("t.barcode", "in", [a, b])
      .execute();
    const at = Object.fromEntries(times.map((r) => [r.barcode, new Date(r.tested_at).toISOString()]));
    // Excel's wall-clock 13:05 and day 46354.545 (13:04:48) are Beijing time.
    expect(at).toEqual({ [a]: "2026-11-28T05:05:00.000Z", [b]: "2026-11-28T05:04:48.000Z" });
  });

  it("refuses a file without the three columns as a whole, saying which", async () => {
    const noHeader = await upload(
      t,
      lab.lab,
      "/api/lab/results",
      csvFile([
        ["a", "b"],
        ["c", "d"],
      ]),
    );
    expect(await expectJson(noHeader, 400)).toMatchObject({ error: { details: { reason: "no_header" } } });
    const noTime = await upload(
      t,
      lab.lab,
      "/api/lab/results",
      csvFile([
        ["条码", "结果"],
        ["X", "阴性"],
      ]),
    );
    expect(await expectJson(noTime, 400)).toMatchObject({ error: { details: { reason: "no_time_column" } } });
    const noLines = await upload(t, lab.lab, "/api/lab/results/preview", csvFile([HEADER]));
    expect(await expectJson(noLines, 400)).toMatchObject({ error: { details: { reason: "no_lines" } } });
    const xls = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])], "old.xls");
    expect(await expectJson(await upload(t, lab.lab, "/api/lab/results", xls), 400)).toMatchObject({
      error: { details: { reason: "bad_file" } },
    });
  });

  it("treats tubes outside the lab's area as unknown and leaves them alone", async () => {
    const tube = await fillTube(t, lab);
    const elsewhere = await buildRegionChain(t.db);
    const otherLab = (await t.signIn("lab", elsewhere.district.id)).cookie;
    const batch = await sendFile(t, otherLab, csvFile([HEADER, [tube, "阳性", TIME]]));
    expect(batch).toMatchObject({ applied: 0, unknown: 1 });
    expect(await tubeState(t, tube)).toEqual({ status: "sealed", result: null });
    // Nor does the other lab see this area's batches.
    const list = await expectJson<{ items: { id: string }[] }>(
      await t.call("GET", "/api/lab/batches", { cookie: otherLab }),
      200,
    );
    expect(list.items.map((b) => b.id)).toEqual([batch.id]);
  });

  it("lists batches and gives each report as a CSV the lab can fix its file from", async () => {
    const batch = await sendFile(t, lab.lab, csvFile([HEADER, ["TB-NOWHERE", "阴性", TIME]], "11月28日.csv"));
    const list = await expectJson<{ items: { id: string; fileName: string; unknown: number; by: string }[] }>(
      await t.call("GET", "/api/lab/batches", { cookie: lab.lab }),
      200,
    );
    expect(list.items[0]).toMatchObject({
      id: batch.id,
      fileName: "11月28日.csv",
      unknown: 1,
      by: "Test user",
    });
    const one = await expectJson<BatchBody>(
      await t.call("GET", `/api/lab/batches/${batch.id}`, { cookie: lab.lab }),
      200,
    );
    expect(one.report).toEqual(batch.report);
    const file = await t.call("GET", `/api/lab/batches/${batch.id}/report`, { cookie: lab.lab });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await file.arrayBuffer());
    // With a byte-order mark, so Excel opens the Chinese text without garbling it.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n").slice(0, 2)).toEqual([
      "行号,管码,处理结果,原因",
      "2,TB-NOWHERE,管码未知,找不到这个管码（或不属于本机构负责的区域）：请核对管码，不要手工改码",
    ]);
    const missing = await t.call("GET", "/api/lab/batches/00000000-0000-7000-8000-000000000000", {
      cookie: lab.lab,
    });
    expect(missing.status).toBe(404);
  });

  it("is for lab staff only", async () => {
    const res = await upload(t, lab.registrar, "/api/lab/results", csvFile([HEADER, ["X", "阴性", TIME]]));
    expect(res.status).toBe(403);
  });
});
