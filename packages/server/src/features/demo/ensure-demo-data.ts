import type { DbHandle, RawSession } from "../../db/client";
import { newId } from "../../db/ids";
import { refreshPlannerStatistics } from "../../db/statistics";
import type { Logger } from "../../logger";
import { hashPassword } from "../auth/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountLabel } from "./demo-accounts";
import { DEMO_SUBDISTRICT, type DemoRegistry, generateDemoRegistry } from "./generate-demo-registry";
import { seedDemoRound } from "./seed-demo-round";
import { writeDemoRegistry } from "./write-demo-registry";

export interface DemoAccount {
  username: string;
  label: string;
}

const SERIALIZATION_FAILURE = "40001";
/** The subdistrict officer who orders the demo's testing round. */
const DEMO_OFFICER = "jiedao";

/**
 * Seeds the demo subdistrict once: when it already exists, nothing is touched.
 * Returns the demo accounts to print.
 *
 * Seeding happens only into an empty registry (no regions at all), so demo people never mix with
 * a real subdistrict's. Everything goes in one transaction: a crash halfway leaves nothing, and the
 * next start seeds again.
 */
export async function ensureDemoData(
  handle: DbHandle,
  opts: { residents: number; logger: Logger; today?: Date },
): Promise<{ password: string; accounts: DemoAccount[] }> {
  const { logger } = opts;
  const accounts = DEMO_ACCOUNTS.map((a) => ({ username: a.username, label: demoAccountLabel(a) }));
  const state = await registryState(handle);
  if (state === "demo") {
    logger.info("demo data already present");
    return { password: DEMO_PASSWORD, accounts };
  }
  if (state === "other") {
    logger.info("regions exist: not seeding the demo subdistrict");
    return { password: DEMO_PASSWORD, accounts: [] };
  }

  const started = performance.now();
  const registry = generateDemoRegistry({ residents: opts.residents, today: opts.today ?? new Date() });
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  logger.info(
    {
      regions: registry.regions.length,
      households: registry.households.length,
      residents: registry.residents.length,
      ms: Math.round(performance.now() - started),
    },
    "demo data: generated, writing",
  );
  // Serializable, not an advisory lock (distributed Postgres engines lack them): when two servers
  // seed one empty database at once, one of them fails to commit and finds the other's data.
  const seeded = await handle
    .bulk(async (raw) => {
      await raw.query("set transaction isolation level serializable");
      const [row] = await raw.query<{ n: number }>("select count(*) as n from regions");
      if (Number(row?.n) > 0) return false;
      await writeDemoRegistry(raw, registry, logger);
      await insertDemoAccounts(raw, registry, hashes, logger);
      await raw.query(
        "insert into audit_log (id, user_id, action, entity_type, entity_id, details) values ($1, null, 'demo.seed', 'region', $2, $3)",
        [
          newId(),
          registry.scopes.get(DEMO_SUBDISTRICT),
          JSON.stringify({
            regions: registry.regions.length,
            households: registry.households.length,
            residents: registry.residents.length,
          }),
        ],
      );
      return true;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code !== SERIALIZATION_FAILURE) throw error;
      logger.info("another server seeded the demo data at the same time");
      return false;
    });
  if (seeded) {
    await refreshPlannerStatistics(handle.db);
    const officer = await handle.db
      .selectFrom("users")
      .select(["id", "username", "display_name", "role", "scope_region_id"])
      .where("username", "=", DEMO_OFFICER)
      .executeTakeFirstOrThrow();
    const scope = registry.regions.find((r) => r.id === officer.scope_region_id);
    // The round is a nicety on top of the registry: if it cannot be made, say so and go on.
    await seedDemoRound(
      handle,
      registry,
      {
        id: officer.id,
        username: officer.username,
        displayName: officer.display_name,
        role: "subdistrict_officer",
        scope: scope ? { regionId: scope.id, level: scope.level, path: scope.path } : null,
      },
      { today: opts.today ?? new Date(), logger },
    ).catch((error: unknown) => logger.warn({ err: error }, "demo round not created"));
    logger.info(
      { residents: registry.residents.length, ms: Math.round(performance.now() - started) },
      "demo data seeded",
    );
  }
  return { password: DEMO_PASSWORD, accounts };
}

async function registryState(handle: DbHandle): Promise<"empty" | "demo" | "other"> {
  const any = await handle.db.selectFrom("regions").select("id").limit(1).executeTakeFirst();
  if (!any) return "empty";
  const demo = await handle.db
    .selectFrom("regions")
    .select("id")
    .where("level", "=", "subdistrict")
    .where("name", "=", DEMO_SUBDISTRICT)
    .executeTakeFirst();
  return demo ? "demo" : "other";
}

/** An account someone already made by hand under a demo username is kept as it is. */
async function insertDemoAccounts(
  raw: RawSession,
  registry: DemoRegistry,
  hashes: string[],
  logger: Logger,
): Promise<void> {
  const kept: string[] = [];
  for (const [i, spec] of DEMO_ACCOUNTS.entries()) {
    const scope = spec.scope ? registry.scopes.get(spec.scope) : null;
    if (scope === undefined) throw new Error(`demo account ${spec.username}: no region ${spec.scope}`);
    const inserted = await raw.query(
      `insert into users (id, username, display_name, password_hash, role, scope_region_id)
       values ($1, $2, $3, $4, $5, $6) on conflict (username) do nothing returning id`,
      [newId(), spec.username, spec.displayName, hashes[i], spec.role, scope],
    );
    if (inserted.length === 0) kept.push(spec.username);
  }
  if (kept.length)
    logger.warn({ usernames: kept }, "demo data: these accounts already existed and were kept");
}
