import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { buildRegionChain, nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { dropSecondaryIndexes, restoreIndexes } from "./defer-indexes";

// A large import on PGlite drops the residents indexes and builds them again: whatever happens,
// the table must end with exactly the indexes the migrations gave it.

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** The definitions of every index and constraint on residents. */
async function residentIndexes(): Promise<string[]> {
  return t.handle.bulk(async (raw) =>
    (
      await raw.query<{ def: string }>(
        `select indexdef as def from pg_indexes where tablename = 'residents'
         union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
          where conrelid = 'residents'::regclass
         order by 1`,
      )
    ).map((r) => r.def),
  );
}

describe("deferred residents indexes", () => {
  it("are built again with their original definitions, keeping keys and constraints throughout", async () => {
    const before = await residentIndexes();
    const during = await t.handle.bulk(async (raw) => {
      const dropped = await dropSecondaryIndexes(raw);
      const left = await raw.query<{ name: string }>(
        "select indexname as name from pg_indexes where tablename = 'residents' order by indexname",
      );
      await restoreIndexes(raw, dropped);
      return { dropped: dropped.indexes.map((d) => d.name), left: left.map((l) => l.name) };
    });
    expect(during.dropped).toContain("residents_name_idx");
    // Nothing else in the list may be lost (the foreign key included).
    expect(during.left).toEqual(["residents_id_number_unique", "residents_pkey"]);
    expect(await residentIndexes()).toEqual(before);
  });

  it("still refuse a resident whose household does not exist", async () => {
    const chain = await buildRegionChain(t.db);
    const before = await residentIndexes();
    await expect(
      t.handle.bulk(async (raw) => {
        const dropped = await dropSecondaryIndexes(raw);
        await raw.query(
          `insert into residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key,
                                  name, id_type, id_number)
           values ($1, $2, $3, $4, $5, $6, 'k', '雷敏', 'cn_id', $7)`,
          [
            newId(),
            newId(),
            chain.unit.id,
            chain.building.id,
            chain.grid.id,
            chain.community.id,
            nextIdNumber(),
          ],
        );
        await restoreIndexes(raw, dropped);
      }),
    ).rejects.toThrow(/foreign key/);
    expect(await residentIndexes()).toEqual(before);
  });

  it("come back when the import fails after dropping them", async () => {
    const before = await residentIndexes();
    await expect(
      t.handle.bulk(async (raw) => {
        await dropSecondaryIndexes(raw);
        throw new Error("the import failed");
      }),
    ).rejects.toThrow("the import failed");
    expect(await residentIndexes()).toEqual(before);
  });
});
