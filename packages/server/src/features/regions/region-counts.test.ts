import type { RegionSummary } from "@shequ/core/resident-schema";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour, buildRegionChain, buildResident, nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

// The tree's counts come from per-unit counters kept by triggers; whatever writes residents —
// the API, an import's bulk upsert, a delete — they must equal a fresh count.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function expectCountersMatchTruth(): Promise<void> {
  const { rows } = await sql<{
    unit_id: string;
    kept: number;
    truth: number;
    kept_h: number;
    truth_h: number;
  }>`
    select u.id as unit_id,
      coalesce(uc.residents, 0) as kept,
      (select count(*) from residents r where r.unit_id = u.id and r.status = 'active') as truth,
      coalesce(uc.households, 0) as kept_h,
      (select count(*) from households h where h.unit_id = u.id) as truth_h
    from regions u left join unit_counts uc on uc.unit_id = u.id
    where u.level = 'unit'`.execute(t.db);
  for (const row of rows) {
    expect({ unit: row.unit_id, residents: Number(row.kept), households: Number(row.kept_h) }).toEqual({
      unit: row.unit_id,
      residents: Number(row.truth),
      households: Number(row.truth_h),
    });
  }
}

describe("resident counts in the tree", () => {
  it("stay equal to a fresh count through creates, moves, move-outs, bulk upserts and deletes", async () => {
    const a = await buildRegionChain(t.db);
    const b = await buildNeighbour(t.db, a, "community");
    const { cookie } = await t.signIn("community_secretary", a.community.id);
    const created: string[] = [];
    for (const door of ["101", "101", "102"]) {
      const res = await t.call("POST", "/api/residents", {
        cookie,
        json: { name: "计数", idNumber: nextIdNumber(), unitId: a.unit.id, door },
      });
      expect(res.status).toBe(201);
      created.push(((await res.json()) as { id: string }).id);
    }
    await expectCountersMatchTruth();

    const [first, second, third] = created as [string, string, string];
    expect(
      (await t.call("PATCH", `/api/residents/${first}`, { cookie, json: { version: 1, unitId: b.unit.id } }))
        .status,
    ).toBe(200);
    expect((await t.call("POST", `/api/residents/${second}/move-out`, { cookie, json: {} })).status).toBe(
      200,
    );
    await expectCountersMatchTruth();

    // An import-style upsert: one new person and one known person moved to unit b in one statement.
    const known = await t.db
      .selectFrom("residents")
      .selectAll()
      .where("id", "=", third)
      .executeTakeFirstOrThrow();
    const household = await buildResident(t.db, b, { door: "201", idNumber: nextIdNumber() });
    await sql`
      insert into residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key, name,
        id_type, id_number, flags, updated_at)
      select gen_random_uuid(), ${household.household_id}, ${b.unit.id}, ${b.building.id}, ${b.grid.id},
        ${b.community.id}, 'k', v.name, 'cn_id', v.id_number, '{}', now()
      from (values ('新人', ${nextIdNumber()}), ('老人', ${known.id_number})) as v(name, id_number)
      on conflict (id_number, id_type) do update set household_id = excluded.household_id,
        unit_id = excluded.unit_id, building_id = excluded.building_id, grid_id = excluded.grid_id`.execute(
      t.db,
    );
    await expectCountersMatchTruth();

    await t.db.deleteFrom("residents").where("household_id", "=", household.household_id).execute();
    await expectCountersMatchTruth();

    const children = (await (
      await t.call("GET", `/api/regions/${a.community.id}/children`, { cookie })
    ).json()) as {
      items: RegionSummary[];
    };
    const truth = await t.db
      .selectFrom("residents")
      .select(["grid_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("community_id", "=", a.community.id)
      .where("status", "=", "active")
      .groupBy("grid_id")
      .execute();
    expect(Object.fromEntries(children.items.map((c) => [c.id, c.residentCount]))).toEqual(
      Object.fromEntries([[a.grid.id, 0], [b.grid.id, 0], ...truth.map((r) => [r.grid_id, Number(r.n)])]),
    );
  });
});
