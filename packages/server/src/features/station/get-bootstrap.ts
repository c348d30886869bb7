import { createHash } from "node:crypto";
import { maskName } from "@shequ/core/mask";
import type { Kysely } from "kysely";
import type { Config } from "../../config";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { iso } from "../campaigns/queries";
import { ageOn, chinaToday } from "../residents/present-resident";
import { findStationPoint, OPEN_ROUND } from "./find-station-point";
import {
  listTokenPublicKeys,
  publishKeys,
  selectPointHouseholds,
  selectPointResidents,
  selectRecalledResidents,
  selectSampledResidents,
} from "./queries";
import type { StationBootstrap } from "./station-schema";

/** base64url(sha256(campaignId + ":" + idNumber)): matches a typed ID number without holding it. */
export function idHashOf(campaignId: string, idNumber: string): string {
  return createHash("sha256").update(`${campaignId}:${idNumber}`).digest("base64url");
}

/**
 * The station's local copy of its point, so it keeps registering when the network or the server
 * is down: the point's households with masked names and hashed ID numbers (never the numbers),
 * who is already sampled, and the keys that verify resident QR codes offline. Audited as a read.
 */
export async function getStationBootstrap(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; siteId: string; config: Pick<Config, "SHEQU_TOKEN_KEY"> },
): Promise<StationBootstrap> {
  requirePermission(user, "station.scan");
  const { campaign, site } = await findStationPoint(db, user, opts.campaignId, opts.siteId);
  if (!OPEN_ROUND.has(campaign.status)) {
    throw new AppError(
      "conflict",
      `The round is ${campaign.status}: a station works for a scheduled or running round`,
      {
        status: campaign.status,
      },
    );
  }
  const households = await selectPointHouseholds(db, user, campaign.id, site.id);
  const residents = await selectPointResidents(
    db,
    households.map((h) => h.household_id),
  );
  const [sampled, recalled, keys] = await Promise.all([
    selectSampledResidents(
      db,
      campaign.id,
      residents.map((r) => r.id),
    ),
    selectRecalledResidents(
      db,
      campaign.id,
      residents.map((r) => r.id),
    ),
    listTokenPublicKeys(db, opts.config),
  ]);
  const today = chinaToday();
  const byHousehold = new Map<string, StationBootstrap["households"][number]["residents"]>();
  for (const r of residents) {
    const item = {
      residentId: r.id,
      name: maskName(r.name),
      sex: r.sex,
      age: ageOn(r.birth_date, today),
      idHash: idHashOf(campaign.id, r.id_number),
    };
    const list = byHousehold.get(r.household_id);
    if (list) list.push(item);
    else byHousehold.set(r.household_id, [item]);
  }
  await recordAudit(db, {
    userId: user.id,
    action: "station.bootstrap",
    entityType: "site",
    entityId: site.id,
    details: { campaignId: campaign.id, households: households.length, residents: residents.length },
  });
  return {
    campaign: { id: campaign.id, name: campaign.name, poolSize: campaign.pool_size, status: campaign.status },
    site: {
      id: site.id,
      name: site.name,
      address: site.address,
      closedAt: site.closed_at ? iso(site.closed_at) : null,
    },
    keys: publishKeys(keys),
    households: households.map((h) => ({
      householdId: h.household_id,
      address: `${h.building_name} ${h.unit_name} ${h.door}`,
      startsAt: h.starts_at ? iso(h.starts_at) : null,
      endsAt: h.ends_at ? iso(h.ends_at) : null,
      residents: byHousehold.get(h.household_id) ?? [],
    })),
    sampledResidentIds: sampled,
    recalledResidentIds: [...recalled.keys()],
    generatedAt: new Date().toISOString(),
  };
}
