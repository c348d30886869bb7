import { randomBytes } from "node:crypto";
import { formatBadgeNo } from "@shequ/core/badge";
import { sql } from "kysely";
import { expect } from "vitest";
import { newId } from "../../db/ids";
import { buildRegionChain, type RegionChain } from "../../test/factories";
import type { TestContext } from "../../test/test-context";
import { insertSiteRegions } from "../campaigns/add-site";

export interface ShiftRound {
  chain: RegionChain;
  campaignId: string;
  siteId: string;
  /** A community secretary of the chain's community. */
  planner: string;
  /** A registrar of the same community (check-in only). */
  registrar: string;
}

const HOUR = 3_600_000;

/** An hour boundary `hours` from now (negative: in the past), as a Date. */
export function hourFromNow(hours: number): Date {
  return new Date(Math.floor(Date.now() / HOUR) * HOUR + hours * HOUR);
}

/**
 * A round with one point serving a new community, open from 24 h ago to 48 h ahead, its
 * default zones plus disinfection; a secretary and a registrar of that community.
 */
export async function buildShiftRound(t: TestContext): Promise<ShiftRound> {
  const chain = await buildRegionChain(t.db);
  const campaignId = newId();
  await t.db
    .insertInto("campaigns")
    .values({
      id: campaignId,
      name: "第二轮全员核酸检测",
      starts_at: hourFromNow(-24),
      deadline_at: hourFromNow(48),
      pool_size: 10,
    })
    .execute();
  await t.db
    .insertInto("campaign_regions")
    .values({ campaign_id: campaignId, region_id: chain.community.id })
    .execute();
  const siteId = newId();
  await t.db
    .insertInto("sites")
    .values({
      id: siteId,
      campaign_id: campaignId,
      name: "杨家园小学操场",
      lanes: 2,
      zones: ["triage", "temperature", "registration", "queue", "sampling", "disinfection"],
    })
    .execute();
  await insertSiteRegions(t.db, siteId, [chain.community.id]);
  await t.db
    .insertInto("site_windows")
    .values({ site_id: siteId, starts_at: hourFromNow(-24), ends_at: hourFromNow(48) })
    .execute();
  const planner = (await t.signIn("community_secretary", chain.community.id)).cookie;
  const registrar = (await t.signIn("registrar", chain.community.id)).cookie;
  return { chain, campaignId, siteId, planner, registrar };
}

export interface TestWorker {
  id: string;
  name: string;
  badgeNo: string;
  badgeCode: string;
}

let serial = 0;

/** An approved worker with a badge (as the workers feature issues them), inserted directly. */
export async function buildWorker(
  t: TestContext,
  communityId: string,
  opts: {
    qualifications?: string[];
    availability?: { start: string; end: string }[];
    status?: "approved" | "pending" | "inactive";
    hideName?: boolean;
    name?: string;
  } = {},
): Promise<TestWorker> {
  serial += 1;
  // The register's format (core/badge.ts), far above the numbers it issues itself.
  const badgeNo = formatBadgeNo(9_000_000 + serial);
  const badgeCode = randomBytes(16).toString("base64url");
  const worker = {
    id: newId(),
    name: opts.name ?? `志愿者${serial}`,
    badgeNo,
    badgeCode,
  };
  await t.db
    .insertInto("workers")
    .values({
      id: worker.id,
      community_id: communityId,
      name: worker.name,
      phone: `139${String(10_000_000 + serial * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`,
      source: opts.qualifications?.includes("may_swab") ? "medic" : "volunteer",
      qualifications: opts.qualifications ?? [],
      availability: JSON.stringify(opts.availability ?? []),
      hide_name: opts.hideName ?? false,
      status: opts.status ?? "approved",
      badge_no: badgeNo,
      badge_code: badgeCode,
    })
    .execute();
  return worker;
}

/** A shift demand through the API, expected to be accepted. */
export async function putDemand(
  t: TestContext,
  round: ShiftRound,
  zone: string,
  start: Date,
  end: Date,
  needed = 1,
): Promise<{ id: string }> {
  const res = await t.call("PUT", "/api/shifts/demands", {
    cookie: round.planner,
    json: {
      campaignId: round.campaignId,
      siteId: round.siteId,
      zone,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      needed,
    },
  });
  return expectJson<{ id: string }>(res, 200);
}

export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The refusal's code as the page switches on it. */
export async function refusal(res: Response): Promise<{ status: number; code: string | undefined }> {
  const body = (await res.json()) as { error?: { code: string; details?: { code?: string } } };
  return { status: res.status, code: body.error?.details?.code ?? body.error?.code };
}

/** Moves a worker's attendance back in time, as if the scans had happened earlier. */
export async function backdateAttendance(t: TestContext, workerId: string, byMs: number): Promise<void> {
  await sql`update attendance set check_in_at = check_in_at - ${byMs} * interval '1 millisecond',
    check_out_at = check_out_at - ${byMs} * interval '1 millisecond' where worker_id = ${workerId}`.execute(
    t.db,
  );
}
