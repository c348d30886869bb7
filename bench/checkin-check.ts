/** bench:checkin's checks after the run, on the database itself. */
import type { DbHandle } from "../packages/server/src/db/client";

/** Every acknowledged scan stored once (its id is the key), no scan bound twice, no tube overfull. */
export async function checkExactlyOnce(handle: DbHandle, acked: string[]) {
  let missing = 0;
  let doubled = 0;
  for (let i = 0; i < acked.length; i += 5000) {
    const ids = acked.slice(i, i + 5000);
    const found = await handle.db
      .selectFrom("station_scans")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", "in", ids)
      .executeTakeFirstOrThrow();
    missing += ids.length - Number(found.n);
    const twice = await handle.db
      .selectFrom("samples")
      .select("scan_id")
      .where("scan_id", "in", ids)
      .groupBy("scan_id")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    doubled += twice.length;
  }
  const over = await handle.db
    .selectFrom("tubes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .whereRef("people", ">", "pool_size")
    .executeTakeFirstOrThrow();
  return { missing, doubled, overfull: Number(over.n) };
}
