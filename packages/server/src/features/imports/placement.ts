import { joinAddressKey } from "@shequ/core/address-key";
import { doorSortKey } from "@shequ/core/door";
import type { RawSession } from "../../db/client";
import { newId } from "../../db/ids";
import type { Scope } from "../../http";
import type { RowReason } from "./row-messages";

interface DirRegion {
  id: string;
  parent_id: string | null;
  level: string;
  name: string;
  path: string;
  sort_key: string;
}

/** A unit the import places residents in, existing or about to be created. */
export interface PlacedUnit {
  ix: number;
  unitId: string;
  buildingId: string;
  gridId: string;
  communityId: string;
  /** Address key of the unit; a resident's key is this, \u0001, and the door's sort key. */
  keyPrefix: string;
}

/** A building or unit the import will create, as a regions row. */
export interface NewRegion {
  id: string;
  parent_id: string;
  level: "building" | "unit";
  name: string;
  sort_key: string;
  path: string;
}

/** `reason: null` means "not placed, but no error": the unit would be created for a valid row. */
export type PlaceResult =
  | { ok: true; unit: PlacedUnit }
  | { ok: false; field: PlaceField; reason: RowReason | null };
export type PlaceField = "community" | "grid" | "building" | "unit";

/** Matching ignores full-width/half-width and spacing differences: "１单元" is "1单元". */
const fold = (name: string) => name.normalize("NFKC").replace(/\s+/g, "");
const childKey = (parentId: string, name: string) => `${parentId}\u0001${fold(name)}`;

/**
 * The communities, grids, buildings and units an import may use, and the buildings and units it
 * creates. Communities and grids must exist; buildings and units are created under a grid or
 * building inside the user's scope. Loaded in the import's own transaction.
 */
export class Placement {
  readonly newRegions: NewRegion[] = [];
  readonly units: PlacedUnit[] = [];
  #communities = new Map<string, DirRegion[]>();
  #children = new Map<string, DirRegion>();
  #byId = new Map<string, DirRegion>();
  #unitIx = new Map<string, PlacedUnit>();
  /** Rows repeat the same address thousands of times: the answer per spelling is kept. */
  #placed = new Map<string, PlaceResult>();

  private constructor(
    regions: DirRegion[],
    private readonly inScope: (path: string) => boolean,
  ) {
    for (const r of regions) this.#add(r);
  }

  /**
   * Loads what the scope may use: regions inside it, plus the community and grid above it when
   * the scope is a grid or lower. An administrator without a scope sees everything; anyone else
   * without a scope sees nothing, as in every resident query.
   */
  static async load(raw: RawSession, scope: Scope | null, isAdmin: boolean): Promise<Placement> {
    const levels = ["community", "grid", "building", "unit"];
    let regions: DirRegion[] = [];
    if (!scope) {
      if (isAdmin) {
        regions = await raw.query<DirRegion>(
          "select id, parent_id, level, name, path, sort_key from regions where level = any($1::text[])",
          [levels],
        );
      }
      return new Placement(regions, () => isAdmin);
    }
    const ancestors = scope.path.split("/").filter((id) => id !== "");
    regions = await raw.query<DirRegion>(
      `select id, parent_id, level, name, path, sort_key from regions
        where level = any($1::text[]) and (path like $2 or id = any($3::uuid[]))`,
      [levels, `${scope.path}%`, ancestors],
    );
    return new Placement(regions, (path) => path.startsWith(scope.path));
  }

  #add(r: DirRegion): void {
    this.#byId.set(r.id, r);
    if (r.level === "community") {
      const key = fold(r.name);
      this.#communities.set(key, [...(this.#communities.get(key) ?? []), r]);
    } else if (r.parent_id) {
      this.#children.set(childKey(r.parent_id, r.name), r);
    }
  }

  /**
   * Finds (or, when `create` is set, plans) the unit a row lives in. Rows with other errors
   * pass `create: false` so a rejected row never causes a building to be created.
   */
  place(
    names: { community: string; grid: string; building: string; unit: string },
    create: boolean,
  ): PlaceResult {
    const key = `${names.community}\u0001${names.grid}\u0001${names.building}\u0001${names.unit}`;
    const known = this.#placed.get(key);
    if (known) return known;
    const result = this.#place(names, create);
    // "Not placed yet, no error" may turn into a placement once a valid row creates the unit.
    if (result.ok || result.reason) this.#placed.set(key, result);
    return result;
  }

  #place(
    names: { community: string; grid: string; building: string; unit: string },
    create: boolean,
  ): PlaceResult {
    const communities = this.#communities.get(fold(names.community)) ?? [];
    if (communities.length === 0) return { ok: false, field: "community", reason: "community_unknown" };
    if (communities.length > 1) return { ok: false, field: "community", reason: "community_ambiguous" };
    const community = communities[0] as DirRegion;
    const grid = this.#children.get(childKey(community.id, names.grid));
    if (grid?.level !== "grid") return { ok: false, field: "grid", reason: "grid_unknown" };
    const building = this.#child(grid, "building", names.building, create);
    if (!building.ok) return { ok: false, field: "building", reason: building.reason };
    const unit = this.#child(building.region, "unit", names.unit, create);
    if (!unit.ok) return { ok: false, field: "unit", reason: unit.reason };
    let placed = this.#unitIx.get(unit.region.id);
    if (!placed) {
      placed = {
        ix: this.units.length,
        unitId: unit.region.id,
        buildingId: building.region.id,
        gridId: grid.id,
        communityId: community.id,
        keyPrefix: `${joinAddressKey([community.sort_key, grid.sort_key, building.region.sort_key, unit.region.sort_key])}\u0001`,
      };
      this.#unitIx.set(unit.region.id, placed);
      this.units.push(placed);
    }
    return { ok: true, unit: placed };
  }

  #child(
    parent: DirRegion,
    level: "building" | "unit",
    name: string,
    create: boolean,
  ): { ok: true; region: DirRegion } | { ok: false; reason: RowReason | null } {
    const found = this.#children.get(childKey(parent.id, name));
    if (found)
      return found.level === level ? { ok: true, region: found } : { ok: false, reason: "out_of_scope" };
    // A missing child is created only under a parent inside the scope; above the scope, the
    // child may exist but be hidden from this user, so it is not theirs to create.
    if (!this.inScope(parent.path)) return { ok: false, reason: "out_of_scope" };
    if (!create) return { ok: false, reason: null };
    const id = newId();
    const region: NewRegion = {
      id,
      parent_id: parent.id,
      level,
      name: name.trim(),
      sort_key: doorSortKey(name.trim()),
      path: `${parent.path}${id}/`,
    };
    this.newRegions.push(region);
    const loaded: DirRegion = { ...region };
    this.#add(loaded);
    return { ok: true, region: loaded };
  }

  /** Counts of the buildings and units the import creates. */
  creates(): { buildings: number; units: number } {
    const buildings = this.newRegions.filter((r) => r.level === "building").length;
    return { buildings, units: this.newRegions.length - buildings };
  }

  communityName(name: string): string | undefined {
    return this.#communities.get(fold(name))?.[0]?.name;
  }
}
