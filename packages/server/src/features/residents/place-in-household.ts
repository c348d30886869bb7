import { joinAddressKey } from "@shequ/core/address-key";
import { doorSortKey } from "@shequ/core/door";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import type { Database } from "../../db/schema";
import type { UnitAddress } from "../regions/find-unit-address";
import { upsertHousehold } from "./queries";

/** The household columns a resident row repeats, so scope filters and ordering need no join. */
export interface Placement {
  household_id: string;
  unit_id: string;
  building_id: string;
  grid_id: string;
  community_id: string;
  address_key: string;
}

/** Finds or creates the household at a unit's door and returns what a resident row needs from it. */
export async function placeInHousehold(
  db: Kysely<Database>,
  address: UnitAddress,
  door: string,
): Promise<Placement> {
  const household = await upsertHousehold(db, {
    id: newId(),
    unit_id: address.unit.id,
    building_id: address.building.id,
    grid_id: address.grid.id,
    community_id: address.community.id,
    door,
    sort_key: doorSortKey(door),
  });
  return {
    household_id: household.id,
    unit_id: address.unit.id,
    building_id: address.building.id,
    grid_id: address.grid.id,
    community_id: address.community.id,
    address_key: joinAddressKey([
      address.community.sort_key,
      address.grid.sort_key,
      address.building.sort_key,
      address.unit.sort_key,
      household.sort_key,
    ]),
  };
}
