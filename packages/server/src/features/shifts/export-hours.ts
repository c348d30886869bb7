import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { createSheetWriter, type OutputFormat, type SheetWriter } from "../imports/sheet-writer";
import { listHours } from "./worker-hours";

const SOURCE_ZH: Record<string, string> = {
  staff: "社区工作人员",
  cadre: "下沉干部",
  medic: "医护人员",
  volunteer: "志愿者",
  org_member: "社会组织成员",
};

function chinaTime(value: string | null): string {
  if (!value) return "";
  return new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The round's hours per person as a spreadsheet: the basis of volunteer hours certificates. */
export async function exportHours(
  db: Kysely<Database>,
  user: SessionUser,
  query: { campaignId: string; communityId?: string | undefined; format: OutputFormat },
): Promise<{ filename: string; writer: SheetWriter; done: Promise<void> }> {
  const { campaignName, items } = await listHours(db, user, query);
  const writer = createSheetWriter(query.format, { sheetName: "志愿服务时长" });
  const done = (async () => {
    await writer.add([
      "袖标号",
      "姓名",
      "来源",
      "派出单位/医院",
      "所属社区",
      "签到次数",
      "服务时长(小时)",
      "首次签到",
      "最后签退",
      "检测轮次",
    ]);
    for (const r of items)
      await writer.add([
        r.badgeNo ?? "",
        r.name,
        SOURCE_ZH[r.source] ?? r.source,
        r.sourceOrg ?? "",
        r.communityName,
        String(r.shifts),
        r.hours.toFixed(2),
        chinaTime(r.firstAt),
        chinaTime(r.lastAt),
        campaignName,
      ]);
    await writer.finish();
  })();
  return { filename: `志愿服务时长-${query.campaignId.slice(-6)}.${query.format}`, writer, done };
}
