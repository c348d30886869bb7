import type { DbHandle } from "../../db/client";
import type { SessionUser } from "../../http";
import type { Logger } from "../../logger";
import { addSite } from "../campaigns/add-site";
import { createCampaign } from "../campaigns/create-campaign";
import { scheduleCampaign } from "../campaigns/schedule-campaign";
import { DEMO_SUBDISTRICT, type DemoRegistry } from "./generate-demo-registry";

const HOUR = 3_600_000;
const GRIDS_PER_POINT = 3;
const PLACES = ["小学操场", "社区广场", "社区服务中心", "文化活动中心", "老年活动中心", "停车场"];

/**
 * The demo's testing round: ordered this morning, sampling from tomorrow 12:00 (Beijing) for 48
 * hours, a collection point for every three grids, scheduled, so every household already has a
 * slot — 雷敏's household at 杨家园社区 第一网格 1号楼 1单元 101 the first one, 12:00–13:00.
 */
export async function seedDemoRound(
  handle: DbHandle,
  registry: DemoRegistry,
  officer: SessionUser,
  opts: { today: Date; logger: Logger },
): Promise<void> {
  const started = performance.now();
  const beijingMidnight = Math.floor((opts.today.getTime() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  const at = (day: number, hour: number) =>
    new Date(beijingMidnight + (day * 24 + hour) * HOUR).toISOString();
  const subdistrict = registry.scopes.get(DEMO_SUBDISTRICT) as string;
  const campaign = await createCampaign(handle.db, officer, {
    name: "第一轮全员核酸检测",
    regionIds: [subdistrict],
    startsAt: at(1, 12),
    deadlineAt: at(3, 12),
    poolSize: 10,
    slotMinutes: 60,
    headroom: 0.1,
    homeRunSize: 12,
  });
  const communities = registry.regions.filter((r) => r.level === "community");
  for (const community of communities) {
    const grids = registry.regions.filter((r) => r.level === "grid" && r.parentId === community.id);
    for (let g = 0; g < grids.length; g += GRIDS_PER_POINT) {
      const n = g / GRIDS_PER_POINT;
      await addSite(handle.db, officer, campaign.id, {
        name: `${community.name}${n + 1}号采样点`,
        address: `${community.name.replace("社区", "")}${PLACES[n % PLACES.length]}`,
        lanes: 3,
        perLanePerHour: 75,
        windows: [
          { startsAt: at(1, 12), endsAt: at(1, 22) },
          { startsAt: at(2, 7), endsAt: at(2, 22) },
        ],
        regionIds: grids.slice(g, g + GRIDS_PER_POINT).map((r) => r.id),
      });
    }
  }
  const result = await scheduleCampaign(handle, officer, { campaignId: campaign.id });
  opts.logger.info(
    {
      households: result.households,
      points: result.sites.length,
      onTime: result.onTime,
      ms: Math.round(performance.now() - started),
    },
    "demo round scheduled",
  );
}
