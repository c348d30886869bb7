/**
 * CPU time used by the parts of a benchmark on this machine, read from /proc: the server child
 * (all its threads), the PostgreSQL processes (when the server is local) and this process. CPU
 * per unit of work is far steadier than a rate on a noisy machine, and it says which part to make
 * cheaper. Linux only; elsewhere every figure is null. And, for `--profile`, the functions a CPU
 * profile of the server spent the most time in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux Node supports

/** utime + stime of a process (all its threads) in ms, or 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU ms of every process named `postgres` (server processes and backends), by pid. */
function postgresCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
    } catch {
      continue;
    }
    out.set(Number(pid), processCpuMs(Number(pid)));
  }
  return out;
}

export interface CpuSplit {
  server_ms: number | null;
  db_ms: number | null;
  client_ms: number;
}

/**
 * Starts counting; `stop()` answers the CPU ms each part used meanwhile. `db` counts PostgreSQL
 * only when it runs on this machine (pass false for a remote server or for PGlite, whose engine
 * runs inside the server process and is counted there).
 */
export function countCpu(serverPid: number | undefined, db: boolean): { stop(): CpuSplit } {
  const linux = process.platform === "linux";
  const server0 = linux && serverPid ? processCpuMs(serverPid) : 0;
  const db0 = linux && db ? postgresCpuMs() : new Map<number, number>();
  const client0 = process.cpuUsage();
  return {
    stop() {
      const client = process.cpuUsage(client0);
      let dbMs: number | null = null;
      if (linux && db) {
        dbMs = 0;
        // A backend started meanwhile counts from 0; one that exited meanwhile is lost (rare).
        for (const [pid, now] of postgresCpuMs()) dbMs += now - (db0.get(pid) ?? 0);
      }
      return {
        server_ms: linux && serverPid ? processCpuMs(serverPid) - server0 : null,
        db_ms: dbMs,
        client_ms: (client.user + client.system) / 1000,
      };
    },
  };
}

/** CPU ms per 1,000 units of work, rounded; null stays null. */
export function perThousand(ms: number | null, units: number): number | null {
  return ms === null || units === 0 ? null : Math.round((ms * 1000) / units);
}

/**
 * The functions with the most self time in the server's main thread (the largest .cpuprofile of
 * the folder: tsx's loader thread writes a small one beside it), as "share name file:line".
 */
export function topSelfTime(dir: string, n: number): string[] {
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!newest) return ["(no profile written)"];
  const profile = JSON.parse(readFileSync(newest, "utf8")) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
  };
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/packages\//, "")}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (hits.get(node.id) ?? 0));
  }
  const total = profile.samples.length;
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, count]) => `${((100 * count) / total).toFixed(1).padStart(5)} %  ${key}`);
}
