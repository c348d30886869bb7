import type { RawSession } from "../../db/client";
import type { Logger } from "../../logger";
import type { DemoRegistry } from "./generate-demo-registry";

const CHUNK = 10_000;

/** A CSV field for COPY: NULL stays unquoted and empty, everything else is quoted. */
function field(value: string | null): string {
  return value === null ? "" : `"${value.replaceAll('"', '""')}"`;
}

function csv(rows: readonly (readonly (string | null)[])[]): string {
  let out = "";
  for (const row of rows) out += `${row.map(field).join(",")}\n`;
  return out;
}

/**
 * Writes the generated registry with COPY, inside the caller's transaction: regions first (parents
 * before children, as generated), then households, then residents in chunks with progress logs.
 */
export async function writeDemoRegistry(
  raw: RawSession,
  registry: DemoRegistry,
  logger: Logger,
): Promise<void> {
  await raw.copyCsv(
    "regions (id, parent_id, level, name, code, sort_key, path)",
    csv(registry.regions.map((r) => [r.id, r.parentId, r.level, r.name, r.code, r.sortKey, r.path])),
  );
  await raw.copyCsv(
    "households (id, unit_id, building_id, grid_id, community_id, door, sort_key)",
    csv(
      registry.households.map((h) => [
        h.id,
        h.unitId,
        h.buildingId,
        h.gridId,
        h.communityId,
        h.door,
        h.sortKey,
      ]),
    ),
  );
  const total = registry.residents.length;
  for (let start = 0; start < total; start += CHUNK) {
    const chunk = registry.residents.slice(start, start + CHUNK);
    await raw.copyCsv(
      "residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key, name, id_type, id_number, birth_date, sex, phone, flags)",
      csv(
        chunk.map((p) => [
          p.id,
          p.householdId,
          p.unitId,
          p.buildingId,
          p.gridId,
          p.communityId,
          p.addressKey,
          p.name,
          "cn_id",
          p.idNumber,
          p.birthDate,
          p.sex,
          p.phone,
          `{${p.flags.join(",")}}`,
        ]),
      ),
    );
    logger.info({ residents: Math.min(start + CHUNK, total), of: total }, "demo data: residents written");
  }
}
