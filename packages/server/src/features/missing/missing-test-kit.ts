import type { MissingList, MissingUpdate, MissingView } from "@shequ/core/missing-schema";
import { sql } from "kysely";
import type { TestContext } from "../../test/test-context";
import { expectJson } from "../station/station-test-kit";

/** The ids of a grid's residents in walking order (door by door), as the missing list shows them. */
export async function residentsInWalkingOrder(t: TestContext, gridId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("residents")
    .select("id")
    .where("grid_id", "=", gridId)
    .orderBy("address_key")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** GET /missing with a query; checks the status. */
export async function getMissing(
  t: TestContext,
  cookie: string,
  campaignId: string,
  query: Record<string, string> = {},
  status = 200,
): Promise<MissingList> {
  const qs = new URLSearchParams(query).toString();
  return expectJson<MissingList>(
    await t.call("GET", `/api/campaigns/${campaignId}/missing${qs ? `?${qs}` : ""}`, { cookie }),
    status,
  );
}

/** Every resident id on a view of a grid, through all pages, in the order served. */
export async function viewIds(
  t: TestContext,
  cookie: string,
  campaignId: string,
  gridId: string,
  view: MissingView,
): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const list = await getMissing(t, cookie, campaignId, { gridId, view, page: String(page) });
    ids.push(...list.items.map((p) => p.residentId));
    if (ids.length >= list.total || list.items.length === 0) return ids;
  }
}

/** POSTs a call; returns the answer (status checked). */
export async function postContact(
  t: TestContext,
  cookie: string,
  campaignId: string,
  residentId: string,
  json: Record<string, unknown>,
  status = 201,
): Promise<MissingUpdate> {
  const res = await t.call("POST", `/api/campaigns/${campaignId}/missing/${residentId}/contacts`, {
    cookie,
    json,
  });
  return expectJson<MissingUpdate>(res, status);
}

/**
 * The truth, counted here in plain SQL rather than by the code under test: a grid's active
 * residents without a live sample and without an exemption, and its exempted residents without
 * a live sample. Sorted ids.
 */
export async function recount(
  t: TestContext,
  campaignId: string,
  gridId: string,
): Promise<{ missing: string[]; exempted: string[]; sampled: string[] }> {
  const live = sql`(select resident_id from samples
    where campaign_id = ${campaignId} and undone_at is null and resident_id is not null)`;
  const exempt = sql`(select resident_id from exemptions where campaign_id = ${campaignId})`;
  const ids = async (where: ReturnType<typeof sql>) =>
    (
      await sql<{
        id: string;
      }>`select id from residents where grid_id = ${gridId} and ${where} order by id`.execute(t.db)
    ).rows.map((r) => r.id);
  return {
    missing: await ids(sql`status = 'active' and id not in ${live} and id not in ${exempt}`),
    exempted: await ids(sql`id in ${exempt} and id not in ${live}`),
    sampled: await ids(sql`id in ${live}`),
  };
}
