import { createWriteStream } from "node:fs";
import { extname } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { RESIDENT_FLAGS, type ResidentFlag } from "@shequ/core/flags";
import { AppError } from "../../errors";
import { exportResidents } from "../../features/imports/export-residents";
import { resolveRegionRef } from "../../features/users/resolve-region-ref";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage =
  "export <out.xlsx|out.csv> [--region <region>] [--q <search>] [--flags <a,b>] [--unmasked]";

const HELP = `Usage: shequ ${usage}

Writes the active residents with the import's columns (姓名 证件类型 证件号码 手机号 社区 网格 楼栋
单元 门牌号 标签), so the file can be edited and imported again. ID numbers and phones are masked
unless --unmasked is given; every export is recorded in the audit log.

  --region <region>  only this region and below: an id, or names like "酒泉路街道/杨家园社区"
  --q <search>       a name prefix, or the start of a phone or ID number
  --flags <a,b>      only residents with all these flags (${RESIDENT_FLAGS.join(", ")})
  --unmasked         full ID numbers and phones (needed to re-import the file)`;

/** `shequ export <file>`: the web export's use case, streamed to a file. */
export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      region: { type: "string" },
      q: { type: "string" },
      flags: { type: "string" },
      unmasked: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const out = positionals[0];
  if (positionals.length !== 1 || !out) throw new UsageError(`Give the file to write\nUsage: shequ ${usage}`);
  const ext = extname(out).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") throw new UsageError("The file must end in .xlsx or .csv");
  const flags = (values.flags ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = flags.filter((f) => !(RESIDENT_FLAGS as readonly string[]).includes(f));
  if (unknown.length > 0)
    throw new UsageError(`Unknown flags: ${unknown.join(", ")}; use ${RESIDENT_FLAGS.join(", ")}`);

  await withDatabase(async (handle) => {
    let regionId: string | undefined;
    if (values.region) {
      try {
        regionId = await resolveRegionRef(handle.db, values.region, "region");
      } catch (error) {
        throw error instanceof AppError ? new UsageError(`--region: ${error.message}`) : error;
      }
    }
    const file = await exportResidents(
      handle.db,
      { id: null, role: "admin", scope: null },
      {
        format: ext === ".xlsx" ? "xlsx" : "csv",
        regionId,
        q: values.q,
        flags: flags as ResidentFlag[],
        unmasked: values.unmasked,
      },
    );
    await Promise.all([pipeline(file.writer.output, createWriteStream(out)), file.done]);
    console.log(
      `Wrote ${file.count} residents to ${out}${values.unmasked ? " (unmasked)" : " (ID numbers and phones masked)"}.`,
    );
  });
}
