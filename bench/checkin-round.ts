/** The data bench:checkin scans into: a registry, registrars signed in, a scheduled round. */

import type { DbHandle } from "../packages/server/src/db/client";
import { newId } from "../packages/server/src/db/ids";
import { migrateToLatest } from "../packages/server/src/db/migrate";
import { refreshPlannerStatistics } from "../packages/server/src/db/statistics";
import { createSession } from "../packages/server/src/features/auth/sessions";
import { addSite } from "../packages/server/src/features/campaigns/add-site";
import { createCampaign } from "../packages/server/src/features/campaigns/create-campaign";
import { scheduleCampaign } from "../packages/server/src/features/campaigns/schedule-campaign";
import { generateDemoRegistry } from "../packages/server/src/features/demo/generate-demo-registry";
import { writeDemoRegistry } from "../packages/server/src/features/demo/write-demo-registry";
import type { SessionUser } from "../packages/server/src/http";
import { createLogger } from "../packages/server/src/logger";
import type { BenchPerson } from "./checkin-load";

export interface CheckinRound {
  campaignId: string;
  sites: string[];
  /** Session cookies of registrars scoped to the district. */
  cookies: string[];
  /** The administrator's, for the command view. */
  adminCookie: string;
  /** The round's residents in random order; stations take people from the end. */
  people: BenchPerson[];
}

/** Writes the registry, schedules a district-wide round with a point per two grids, signs in registrars. */
export async function buildCheckinRound(
  handle: DbHandle,
  opts: { residents: number; users: number },
): Promise<CheckinRound> {
  await migrateToLatest(handle.db);
  const registry = generateDemoRegistry({
    residents: opts.residents,
    today: new Date("2026-11-28T00:00:00Z"),
  });
  await handle.bulk((raw) => writeDemoRegistry(raw, registry, createLogger("silent")));
  await refreshPlannerStatistics(handle.db);
  const district = registry.regions.find((r) => r.level === "district");
  if (!district) throw new Error("the demo registry has no district");
  const operator: SessionUser = {
    id: newId(),
    username: "bench-admin",
    displayName: "bench",
    role: "admin",
    scope: null,
  };
  const users = [
    { id: operator.id, username: operator.username, role: "admin", scope_region_id: null as string | null },
    ...Array.from({ length: opts.users }, (_, i) => ({
      id: newId(),
      username: `bench-registrar-${i}`,
      role: "registrar",
      scope_region_id: district.id as string | null,
    })),
  ];
  await handle.db
    .insertInto("users")
    .values(users.map((u) => ({ ...u, display_name: u.username, password_hash: "-" })))
    .execute();
  const cookies: string[] = [];
  for (const u of users.slice(1)) {
    const { token } = await createSession(handle.db, u.id, 12);
    cookies.push(`shequ_session=${token}`);
  }
  const adminCookie = `shequ_session=${(await createSession(handle.db, operator.id, 12)).token}`;

  const startsAt = new Date(Date.now() + 86_400_000);
  startsAt.setUTCHours(0, 0, 0, 0); // 08:00 in Beijing
  const day = (d: number, hour: number) => new Date(startsAt.getTime() + (d * 24 + hour - 8) * 3_600_000);
  const campaign = await createCampaign(handle.db, operator, {
    name: "全员核酸检测（登记基准）",
    regionIds: [district.id],
    startsAt: startsAt.toISOString(),
    deadlineAt: day(2, 8).toISOString(),
    poolSize: 10,
    slotMinutes: 60,
    headroom: 0.5,
    homeRunSize: 12,
  });
  const grids = registry.regions.filter((r) => r.level === "grid");
  const sites: string[] = [];
  for (let g = 0; g < grids.length; g += 2) {
    const site = await addSite(handle.db, operator, campaign.id, {
      name: `采样点${g / 2 + 1}`,
      address: "",
      lanes: 8,
      perLanePerHour: 120,
      windows: [
        { startsAt: day(0, 8).toISOString(), endsAt: day(0, 22).toISOString() },
        { startsAt: day(1, 8).toISOString(), endsAt: day(1, 22).toISOString() },
      ],
      regionIds: grids.slice(g, g + 2).map((r) => r.id),
    });
    sites.push(site.id);
  }
  await scheduleCampaign(handle, operator, { campaignId: campaign.id });
  const people = registry.residents.map((r) => ({ id: r.id, idNumber: r.idNumber }));
  for (let i = people.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [people[i], people[j]] = [people[j] as BenchPerson, people[i] as BenchPerson];
  }
  return { campaignId: campaign.id, sites, cookies, adminCookie, people };
}
