import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { expectJson } from "../station/station-test-kit";
import { type BatchBody, buildLabRound, fillTube, type LabRound, tubeState } from "./lab-test-kit";

let t: TestContext;
let lab: LabRound;
const TESTED = "2026-11-28T13:05:00+08:00";

beforeAll(async () => {
  t = await createTestContext();
  lab = await buildLabRound(t);
});
afterAll(() => t.close());

interface TokenBody {
  id: string;
  token: string;
  name: string;
  regionId: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

async function makeToken(regionId: string, name = "PCR 1号机"): Promise<TokenBody> {
  const res = await t.call("POST", "/api/lab/tokens", { cookie: lab.lab, json: { name, regionId } });
  return expectJson<TokenBody>(res, 201);
}

function post(token: string | undefined, results: unknown[]) {
  return t.call("POST", "/api/public/lab/results", {
    json: { results },
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
}

describe("lab tokens and the bearer API", () => {
  it("shows a new token once, keeps only its hash, and lists it without it", async () => {
    const made = await makeToken(lab.round.place.a.district.id);
    expect(made.token).toMatch(/^shequ_lab_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db
      .selectFrom("lab_tokens")
      .selectAll()
      .where("id", "=", made.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(made.token);
    const list = await expectJson<{ items: Record<string, unknown>[] }>(
      await t.call("GET", "/api/lab/tokens", { cookie: lab.lab }),
      200,
    );
    const listed = list.items.find((i) => i.id === made.id);
    expect(listed).toMatchObject({
      name: "PCR 1号机",
      regionName: lab.round.place.a.district.name,
      revokedAt: null,
    });
    expect(listed).not.toHaveProperty("token");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", made.id)
      .execute();
    expect(audit).toEqual([{ action: "lab.token.create" }]);
  });

  it("refuses a token for a region outside the user's area, and lab.results is needed", async () => {
    const elsewhere = await buildRegionChain(t.db);
    const res = await t.call("POST", "/api/lab/tokens", {
      cookie: lab.lab,
      json: { name: "x", regionId: elsewhere.district.id },
    });
    expect(res.status).toBe(404);
    const medic = (await t.signIn("medic", lab.round.place.a.community.id)).cookie;
    expect((await t.call("GET", "/api/lab/tokens", { cookie: medic })).status).toBe(403);
  });

  it("answers 401 without a token, with a wrong one, and with a revoked one — before reading the body", async () => {
    const tube = await fillTube(t, lab);
    const made = await makeToken(lab.round.place.a.district.id);
    const one = [{ barcode: tube, result: "negative", testedAt: TESTED }];
    expect((await post(undefined, one)).status).toBe(401);
    expect((await post("shequ_lab_not-a-real-token", one)).status).toBe(401);
    expect((await post(undefined, [])).status).toBe(401);
    const revoked = await t.call("DELETE", `/api/lab/tokens/${made.id}`, { cookie: lab.lab });
    expect(await expectJson(revoked, 200)).toMatchObject({ id: made.id, revokedAt: expect.any(String) });
    const refused = await post(made.token, one);
    expect(await expectJson(refused, 401)).toMatchObject({ error: { code: "unauthenticated" } });
    expect(await tubeState(t, tube)).toEqual({ status: "sealed", result: null });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", made.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["lab.token.create", "lab.token.revoke"]);
  });

  it("applies posted results once: the same post again is all repeated, and last use is recorded", async () => {
    const made = await makeToken(lab.round.place.a.district.id);
    const a = await fillTube(t, lab);
    const b = await fillTube(t, lab, { people: 2 });
    const results = [
      { barcode: a, result: "negative", testedAt: TESTED },
      { barcode: b, result: "阳性", testedAt: "2026-11-28 13:06" },
      { barcode: "TB-NOT-HERE", result: "negative", testedAt: TESTED },
      { barcode: a.toLowerCase(), result: "positive", testedAt: TESTED },
      { barcode: b, result: "positive", testedAt: "soon" },
    ];
    const first = await expectJson<BatchBody>(await post(made.token, results), 201);
    expect(first).toMatchObject({ lines: 5, applied: 1, conflicts: 2, unknown: 1, invalid: 1 });
    expect(first.report.map((l) => `${l.line}:${l.reason}`)).toEqual([
      "1:file_conflict",
      "3:tube_unknown",
      "4:file_conflict",
      "5:time_format",
    ]);
    // b was applied (line 2): only lines that were not are listed.
    expect(await tubeState(t, b)).toEqual({ status: "resulted", result: "positive" });

    const clean = results.slice(0, 3);
    const second = await expectJson<BatchBody>(await post(made.token, clean), 201);
    expect(second).toMatchObject({ applied: 1, repeated: 1, unknown: 1 });
    const third = await expectJson<BatchBody>(await post(made.token, clean), 201);
    expect(third).toMatchObject({ applied: 0, repeated: 2, unknown: 1, conflicts: 0 });
    expect(await tubeState(t, a)).toEqual({ status: "resulted", result: "negative" });
    const recalls = await t.db
      .selectFrom("recall_tasks as k")
      .innerJoin("tubes as t", "t.id", "k.tube_id")
      .select("k.id")
      .where("t.barcode", "=", b)
      .execute();
    expect(recalls.length).toBeGreaterThan(0);

    const token = await t.db
      .selectFrom("lab_tokens")
      .select("last_used_at")
      .where("id", "=", made.id)
      .executeTakeFirst();
    expect(token?.last_used_at).toBeInstanceOf(Date);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "user_id", "details"])
      .where("entity_id", "=", third.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: "lab.results.api",
      user_id: null,
      details: { tokenId: made.id, repeated: 2 },
    });
  });

  it("reports tubes outside the token's region as unknown, never revealing them", async () => {
    const atOther = await fillTube(t, lab);
    const elsewhere = await buildRegionChain(t.db);
    const admin = (await t.signIn("admin", null)).cookie;
    const res = await t.call("POST", "/api/lab/tokens", {
      cookie: admin,
      json: { name: "别处实验室", regionId: elsewhere.district.id },
    });
    const other = await expectJson<TokenBody>(res, 201);
    const batch = await expectJson<BatchBody>(
      await post(other.token, [{ barcode: atOther, result: "positive", testedAt: TESTED }]),
      201,
    );
    expect(batch.report).toEqual([
      expect.objectContaining({ line: 1, code: "unknown", reason: "tube_unknown", barcode: atOther }),
    ]);
    expect(await tubeState(t, atOther)).toEqual({ status: "sealed", result: null });
  });

  it("takes 1 to 5,000 results per post", async () => {
    const made = await makeToken(lab.round.place.a.district.id);
    expect((await post(made.token, [])).status).toBe(422);
    const many = Array.from({ length: 5001 }, (_, i) => ({
      barcode: `X${i}`,
      result: "neg",
      testedAt: TESTED,
    }));
    expect((await post(made.token, many)).status).toBe(422);
    const most = await expectJson<BatchBody>(await post(made.token, many.slice(0, 5000)), 201);
    expect(most).toMatchObject({ lines: 5000, unknown: 5000 });
  });
});
