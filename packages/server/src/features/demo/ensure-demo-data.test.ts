import { checkCnIdNumber } from "@shequ/core/id-number";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createLogger } from "../../logger";
import { createTestContext, type TestContext } from "../../test/test-context";
import { ensureDemoData } from "./ensure-demo-data";

const logger = createLogger("silent");
const RESIDENTS = 600;

let t: TestContext;
let crash: unknown;
let regionsAfterCrash: number;
let first: Awaited<ReturnType<typeof ensureDemoData>>;
let second: Awaited<ReturnType<typeof ensureDemoData>>;
let countsAfterFirst: Record<string, number>;
let countsAfterSecond: Record<string, number>;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ["regions", "households", "residents", "users", "audit_log"] as const) {
    const row = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** The database failing halfway through the residents, as a full disk or a killed process would. */
function failingOnResidents(handle: DbHandle): DbHandle {
  return {
    ...handle,
    bulk: (fn) =>
      handle.bulk((raw) =>
        fn({
          ...raw,
          copyCsv: async (target, csv) => {
            if (target.startsWith("residents")) throw new Error("disk full");
            await raw.copyCsv(target, csv);
          },
        }),
      ),
  };
}

function ageOn(birthDate: string, today: Date): number {
  const china = new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const years = Number(china.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return china.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

beforeAll(async () => {
  t = await createTestContext();
  crash = await ensureDemoData(failingOnResidents(t.handle), { residents: RESIDENTS, logger }).catch(
    (e) => e,
  );
  regionsAfterCrash = (await counts()).regions ?? -1;
  first = await ensureDemoData(t.handle, { residents: RESIDENTS, logger });
  countsAfterFirst = await counts();
  second = await ensureDemoData(t.handle, { residents: RESIDENTS, logger });
  countsAfterSecond = await counts();
});
afterAll(() => t.close());

describe("demo data", () => {
  it("a crash halfway leaves nothing behind, so the next start seeds again", () => {
    expect(crash).toBeInstanceOf(Error);
    expect(regionsAfterCrash).toBe(0);
    expect(countsAfterFirst.residents).toBe(RESIDENTS);
  });

  it("seeds once: a second start changes nothing and still lists the accounts", () => {
    expect(countsAfterSecond).toEqual(countsAfterFirst);
    expect(first.password).toBe("shequ-demo-2026");
    expect(second).toEqual(first);
    expect(first.accounts.map((a) => a.username)).toEqual([
      "admin",
      "jiedao",
      "yangjiayuan",
      "wangge1",
      "wangge2",
      "dengji",
      "yihu",
      "lab",
      "cangku",
      "zhiyuan",
      "shezu",
    ]);
    expect(first.accounts.find((a) => a.username === "yangjiayuan")?.label).toBe("社区书记 · 杨家园社区");
  });

  it("builds the subdistrict with five communities, grids, buildings and units", async () => {
    const communities = await t.db
      .selectFrom("regions")
      .select(["name", "path"])
      .where("level", "=", "community")
      .orderBy("name")
      .execute();
    expect(communities).toHaveLength(5);
    expect(communities.map((c) => c.name)).toContain("杨家园社区");
    const subdistrict = await t.db
      .selectFrom("regions")
      .select(["id", "path"])
      .where("name", "=", "酒泉路街道")
      .executeTakeFirstOrThrow();
    expect(communities.every((c) => c.path.startsWith(subdistrict.path))).toBe(true);
    for (const level of ["grid", "building", "unit"]) {
      const row = await t.db
        .selectFrom("regions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("level", "=", level)
        .executeTakeFirstOrThrow();
      expect(Number(row.n), level).toBeGreaterThanOrEqual(15);
    }
  });

  it("gives every resident a valid, unique ID number that agrees with birth date and sex", async () => {
    const rows = await t.db.selectFrom("residents").select(["id_number", "birth_date", "sex"]).execute();
    expect(new Set(rows.map((r) => r.id_number)).size).toBe(rows.length);
    for (const r of rows) {
      const check = checkCnIdNumber(r.id_number);
      expect(check, r.id_number).toMatchObject({
        ok: true,
        birthDate: r.birth_date,
        sex: r.sex,
        regionCode: "620102",
      });
    }
  });

  it("includes 雷敏, 47, a woman in 杨家园社区", async () => {
    const lei = await t.db
      .selectFrom("residents as r")
      .innerJoin("regions as c", "c.id", "r.community_id")
      .select(["r.birth_date", "r.sex", "c.name as community"])
      .where("r.name", "=", "雷敏")
      .execute();
    expect(lei).toHaveLength(1);
    expect(lei[0]).toMatchObject({ sex: "F", community: "杨家园社区" });
    expect(ageOn(lei[0]?.birth_date ?? "", new Date())).toBe(47);
  });

  it("has a scheduled testing round that gives 雷敏's household tomorrow 12:00–13:00", async () => {
    const slot = await t.db
      .selectFrom("residents as r")
      .innerJoin("slot_assignments as a", "a.household_id", "r.household_id")
      .innerJoin("slots as s", "s.id", "a.slot_id")
      .innerJoin("sites as site", "site.id", "s.site_id")
      .innerJoin("campaigns as c", "c.id", "a.campaign_id")
      .select(["s.starts_at", "s.ends_at", "site.name", "c.status"])
      .where("r.name", "=", "雷敏")
      .executeTakeFirstOrThrow();
    const beijing = (d: Date) =>
      new Date(d).toLocaleString("zh-CN", {
        timeZone: "Asia/Shanghai",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      });
    expect([beijing(slot.starts_at), beijing(slot.ends_at)]).toEqual(["12:00", "13:00"]);
    expect(new Date(slot.starts_at).getTime()).toBeGreaterThan(Date.now());
    expect(slot).toMatchObject({ name: "杨家园社区1号采样点", status: "scheduled" });
  });

  it("flags vulnerable residents consistently with age and household", async () => {
    const rows = await t.db
      .selectFrom("residents as r")
      .select(["r.flags", "r.birth_date", "r.phone", "r.household_id"])
      .execute();
    const size = new Map<string, number>();
    for (const r of rows) size.set(r.household_id, (size.get(r.household_id) ?? 0) + 1);
    const now = new Date();
    for (const flag of ["cannot_walk", "bedridden", "elderly_alone", "disabled"]) {
      expect(rows.filter((r) => r.flags.includes(flag)).length, flag).toBeGreaterThan(0);
    }
    for (const r of rows) {
      const age = ageOn(r.birth_date ?? "", now);
      if (r.flags.includes("bedridden")) expect(r.flags).toContain("cannot_walk");
      if (r.flags.includes("elderly_alone")) {
        expect(age).toBeGreaterThanOrEqual(65);
        expect(size.get(r.household_id)).toBe(1);
      }
      if (age < 18) expect(r.phone).toBeNull();
    }
    const over60 = rows.filter((r) => ageOn(r.birth_date ?? "", now) >= 60).length / rows.length;
    expect(over60).toBeGreaterThan(0.15);
    expect(over60).toBeLessThan(0.3);
  });

  it("lets the demo accounts sign in with their scopes", async () => {
    const res = await t.call("POST", "/api/auth/login", {
      json: { username: "wangge1", password: first.password },
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const me = (await (await t.call("GET", "/api/auth/me", { cookie })).json()) as {
      role: string;
      scope: { regionId: string; level: string };
    };
    const grid = await t.db
      .selectFrom("regions as g")
      .innerJoin("regions as c", "c.id", "g.parent_id")
      .select("g.id")
      .where("g.name", "=", "第一网格")
      .where("c.name", "=", "杨家园社区")
      .executeTakeFirstOrThrow();
    expect(me).toMatchObject({ role: "grid_worker", scope: { regionId: grid.id, level: "grid" } });
  });
});
