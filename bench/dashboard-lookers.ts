/**
 * Who looks at the dashboard in bench:dashboard: the district's administrator at the top, and
 * officers, secretaries and grid workers signed in with their own area (5 subdistricts, 10
 * communities, 20 grids spread over the district), each with a real session cookie.
 */

import type { DbHandle } from "../packages/server/src/db/client";
import { newId } from "../packages/server/src/db/ids";
import { createSession } from "../packages/server/src/features/auth/sessions";
import type { SessionUser } from "../packages/server/src/http";
import type { Target } from "./dashboard-measure";
import { type BenchRegion, pickRegions } from "./dashboard-registry";

export interface Looker {
  user: SessionUser;
  level: string;
  cookie: string;
}

export async function signInLookers(handle: DbHandle, district: BenchRegion): Promise<Looker[]> {
  const looks = [
    { level: "district", role: "admin", regions: [district] },
    {
      level: "subdistrict",
      role: "subdistrict_officer",
      regions: await pickRegions(handle, "subdistrict", 5),
    },
    { level: "community", role: "community_secretary", regions: await pickRegions(handle, "community", 10) },
    { level: "grid", role: "grid_worker", regions: await pickRegions(handle, "grid", 20) },
  ] as const;
  const lookers: Looker[] = [];
  for (const look of looks)
    for (const region of look.regions) {
      const id = newId();
      const username = `bench-${look.level}-${region.id.slice(-8)}`;
      await handle.db
        .insertInto("users")
        .values({
          id,
          username,
          display_name: username,
          password_hash: "-",
          role: look.role,
          scope_region_id: region.id,
        })
        .execute();
      const { token } = await createSession(handle.db, id, 24);
      lookers.push({
        level: look.level,
        cookie: `shequ_session=${token}`,
        user: {
          id,
          username,
          displayName: username,
          role: look.role,
          scope: { regionId: region.id, level: region.level, path: region.path },
        },
      });
    }
  return lookers;
}

/** Dashboard requests that take turns between the levels (each user looks at their own area). */
export function dashboardTargets(lookers: Looker[], campaignId: string): Target[] {
  const levels = [...new Set(lookers.map((l) => l.level))];
  const byLevel = levels.map((level) => lookers.filter((l) => l.level === level));
  const most = Math.max(...byLevel.map((l) => l.length));
  const targets: Target[] = [];
  for (let i = 0; i < most; i++)
    for (const group of byLevel) {
      const looker = group[i % group.length] as Looker;
      targets.push({
        level: looker.level,
        url: `/api/campaigns/${campaignId}/dashboard`,
        cookie: looker.cookie,
      });
    }
  return targets;
}
