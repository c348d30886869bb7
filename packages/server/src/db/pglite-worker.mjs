// PGlite's engine on a thread of its own (db/pglite-thread.ts, `PGliteThreadDriver`). The engine is
// WebAssembly that runs a statement from start to end without yielding; on the server's thread it
// held the event loop for the whole statement, so no request was read and no 429 answered
// meanwhile. Here it runs beside the event loop, which stays free for HTTP.
//
// Messages in: { id, op: "query", sql, params } | { id, op: "copy", target, csv } | { id, op: "close" }.
// Messages out: { ready: true } once open, or { startError }; then { id, rows, affectedRows } or
// { id, error } per message. Plain JavaScript, so the worker loads without a TypeScript loader.
// With `workerData.createOnly` it only creates the database in a new folder and ends (see main).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const INT8 = 20;
const DATE = 1082;

/** A PostgreSQL error with the fields callers look at (code, constraint, detail…). */
function describe(error) {
  const out = { message: error?.message ?? String(error), name: error?.name ?? "Error" };
  for (const [key, value] of Object.entries(error ?? {})) {
    if (["string", "number", "boolean"].includes(typeof value)) out[key] = value;
  }
  return out;
}

/** Runs this file once more on a thread that only creates the database in dataDir, then ends. */
function createInThread(dataDir) {
  return new Promise((resolve, reject) => {
    const creator = new Worker(new URL(import.meta.url), { workerData: { dataDir, createOnly: true } });
    creator.once("error", reject);
    creator.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`creating the database ended with ${code}`)),
    );
  });
}

async function main() {
  const { dataDir, createOnly } = workerData;
  if (createOnly) {
    await (await PGlite.create(dataDir)).close();
    return;
  }
  let pglite;
  const options = {
    // Counts as numbers (as from pg once normalised); dates without time stay 'YYYY-MM-DD'.
    parsers: { [INT8]: (v) => Number(v), [DATE]: (v) => v },
  };
  try {
    const folder = !dataDir.startsWith("memory://");
    if (folder) mkdirSync(dataDir, { recursive: true });
    // Creating a database leaves the engine holding about 460 MB more than opening one (what
    // initdb used stays resident for the life of the thread): a thread of its own creates it and
    // ends, and this one opens it as any later start does.
    if (folder && !existsSync(join(dataDir, "PG_VERSION"))) await createInThread(dataDir);
    pglite = await PGlite.create(dataDir, options);
  } catch (error) {
    parentPort.postMessage({ startError: describe(error) });
    return;
  }
  parentPort.on("message", async (m) => {
    try {
      if (m.op === "query") {
        const r = await pglite.query(m.sql, m.params, { rowMode: "object" });
        parentPort.postMessage({ id: m.id, rows: r.rows ?? [], affectedRows: r.affectedRows });
      } else if (m.op === "copy") {
        await pglite.query(`COPY ${m.target} FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([m.csv]),
        });
        parentPort.postMessage({ id: m.id, rows: [] });
      } else if (m.op === "close") {
        await pglite.close();
        parentPort.postMessage({ id: m.id, rows: [] });
        parentPort.close();
      }
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: describe(error) });
    }
  });
  parentPort.postMessage({ ready: true });
}

await main();
