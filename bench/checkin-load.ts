/** The stations of bench:checkin: scan streams like a syncing station's, driven over HTTP. */

import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { Agent, request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { Pool } from "undici";
import { newId } from "../packages/server/src/db/ids";

export interface BenchPerson {
  id: string;
  idNumber: string;
}

export interface Stats {
  posts: number;
  scans: number;
  busy: number;
  errors: number;
  latencies: number[];
  busyLatencies: number[];
  /** The server's own time on each 429 (its Server-Timing header): without the client's queue. */
  busyServerMs: number[];
  /** The server's own time on each acknowledged POST (Server-Timing: from Hono's first middleware to the answer). */
  serverMs: number[];
}

export const newStats = (): Stats => ({
  posts: 0,
  scans: 0,
  busy: 0,
  errors: 0,
  latencies: [],
  busyLatencies: [],
  busyServerMs: [],
  serverMs: [],
});

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

type Scan = Record<string, unknown> & { id: string; kind: string };

/** Kept-alive sockets, as a station's browser keeps its connection. */
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/**
 * One HTTP request on loopback with node:http rather than fetch: fetch's WHATWG streams cost the
 * client several times the CPU, and the client shares the server's two cores.
 */
export const call: Transport = (url, opts = {}) => {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? "GET", headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(opts.body);
  });
};

type Transport = (
  url: string,
  opts?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>;

/**
 * A fixed pool of kept-alive connections (undici), for the open loops: thousands of stations at
 * once each need a request in flight, and node:http's agent (one socket per request) then stalls
 * the client for tens of seconds, while fetch costs the client several times the server's CPU.
 * A request waits in the pool only when every connection is busy, and that wait is counted.
 */
export function pooledTransport(
  origin: string,
  connections: number,
): Transport & { close(): Promise<void>; warm(): Promise<void> } {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const via: Transport = async (url, opts = {}) => {
    const { pathname, search } = new URL(url);
    const res = await pool.request({
      path: pathname + search,
      method: (opts.method ?? "GET") as "GET" | "POST",
      headers: opts.headers,
      body: opts.body,
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };
  return Object.assign(via, {
    close: () => pool.close(),
    /** Opens every connection now (a health check on each at once), before they are needed. */
    warm: async () => {
      await Promise.all(Array.from({ length: connections }, () => via(`${origin}/api/health`)));
    },
  });
}

/**
 * One station: opens a 10-in-1 tube, binds people into it (by residentId, one in ten by a typed
 * ID number), and opens the next tube once the last one sealed itself. Scans wait in its local
 * queue until the server acknowledges them, like the station page's IndexedDB queue.
 */
export class BenchStation {
  readonly id = newId();
  #seq = 0;
  #tube = "";
  #inTube = 10;
  readonly queue: Scan[] = [];
  /** Scan ids the server answered with 200: durable by contract. */
  readonly acked: string[] = [];
  busyUntil = 0;
  sending = false;

  constructor(
    readonly campaignId: string,
    readonly siteId: string,
    readonly people: BenchPerson[],
  ) {}

  /** Adds n new scans to the local queue. */
  scan(n: number): void {
    for (let i = 0; i < n; i++) {
      if (this.#inTube >= 10) {
        this.#tube = `TB${newId().replace(/-/g, "").slice(-14).toUpperCase()}`;
        this.#inTube = 0;
        this.queue.push(this.#envelope("open_tube", { barcode: this.#tube }));
        continue;
      }
      const person = this.people.pop();
      if (!person) throw new Error("the bench ran out of residents: use more --residents");
      this.#inTube += 1;
      const who = this.#seq % 10 === 3 ? { idNumber: person.idNumber } : { residentId: person.id };
      this.queue.push(this.#envelope("bind", { barcode: this.#tube, ...who }));
    }
  }

  #envelope(kind: string, fields: Record<string, unknown>): Scan {
    return {
      id: newId(),
      seq: ++this.#seq,
      at: new Date().toISOString(),
      campaignId: this.campaignId,
      siteId: this.siteId,
      kind,
      ...fields,
    };
  }

  /** POSTs up to `max` queued scans; on 200 they leave the queue, on 429 they stay for later. */
  async send(
    url: string,
    cookie: string,
    max: number,
    stats: Stats,
    via: Transport = call,
    started = performance.now(),
  ): Promise<void> {
    const batch = this.queue.slice(0, max);
    if (batch.length === 0) return;
    this.sending = true;
    try {
      const res = await via(`${url}/api/station/scans`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ stationId: this.id, scans: batch }),
      });
      const body = JSON.parse(res.text) as { results?: { id: string; status: string }[] };
      const ms = performance.now() - started;
      stats.posts += 1;
      if (res.status === 200 && body.results?.length === batch.length) {
        stats.latencies.push(ms);
        pushServerTiming(stats.serverMs, res.headers);
        stats.scans += batch.length;
        this.queue.splice(0, batch.length);
        for (const r of body.results) this.acked.push(r.id);
      } else if (res.status === 429) {
        stats.busy += 1;
        stats.busyLatencies.push(ms);
        pushServerTiming(stats.busyServerMs, res.headers);
        this.busyUntil = Date.now() + 1000 * Number(res.headers["retry-after"] ?? 1);
      } else {
        stats.errors += 1;
        if (stats.errors <= 3)
          console.log(`  unexpected answer ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
    } catch (error) {
      stats.errors += 1;
      if (stats.errors <= 3) console.log(`  request failed: ${(error as Error).message}`);
    } finally {
      this.sending = false;
    }
  }
}

/** The server's own time on an answer, from its `Server-Timing: app;dur=…` header, if it has one. */
function pushServerTiming(into: number[], headers: Record<string, unknown>): void {
  const dur = /dur=([\d.]+)/.exec(String(headers["server-timing"] ?? ""));
  if (dur) into.push(Number(dur[1]));
}

/** A batch size like a syncing station's: mostly a scan or a few, sometimes a backlog of 20. */
export const batchSize = () => (randomInt(4) === 0 ? randomInt(10, 21) : randomInt(1, 6));

/**
 * Closed loop: every station sends its next batch as soon as the last one is answered, for
 * `seconds`. Measures what the server sustains at this concurrency.
 */
export async function runClosedLoop(
  url: string,
  stations: { station: BenchStation; cookie: string }[],
  seconds: number,
): Promise<Stats & { seconds: number }> {
  const stats = newStats();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    stations.map(async ({ station, cookie }) => {
      while (performance.now() < until) {
        if (Date.now() < station.busyUntil) {
          await sleep(station.busyUntil - Date.now());
          continue;
        }
        if (station.queue.length === 0) station.scan(batchSize());
        await station.send(url, cookie, 20, stats);
      }
    }),
  );
  return { ...stats, seconds: (performance.now() - started) / 1000 };
}

/**
 * Open loop: scans leave at `scansPerSecond` whatever the server answers, a POST of the usual
 * size at a time, each from a station that is idle (not waiting for an answer, not inside its
 * Retry-After). A refused station keeps its scans and sends them again after Retry-After, as the
 * station page does. A POST's latency counts from when it was due, not from when this process
 * got round to sending it, so a late client never hides a slow server.
 */
export async function runOpenLoop(
  url: string,
  stations: { station: BenchStation; cookie: string }[],
  scansPerSecond: number,
  seconds: number,
  via: Transport,
): Promise<Stats & { seconds: number; offered: number; starved: number; clientDelayP99Ms: number }> {
  const stats = newStats();
  const inFlight = new Set<Promise<void>>();
  // How late this process's own event loop ran: when it is late, the client is the bottleneck.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  let offered = 0; // scans
  let starved = 0;
  // Stations free to send, oldest first; a refused one comes back when its Retry-After ends. (A
  // scan of every station for an idle one cost this process seconds once they were all busy.)
  const idle: { station: BenchStation; cookie: string }[] = [];
  let head = 0;
  const comeBack = (s: { station: BenchStation; cookie: string }) => {
    const wait = s.station.busyUntil - Date.now();
    if (wait <= 0) idle.push(s);
    else setTimeout(() => idle.push(s), wait).unref();
  };
  // A station refused in an earlier loop waits out its Retry-After here too.
  for (const s of stations) comeBack(s);
  while (performance.now() - started < seconds * 1000) {
    const due = ((performance.now() - started) / 1000) * scansPerSecond;
    while (offered < due) {
      const dueAt = started + (offered / scansPerSecond) * 1000;
      const size = batchSize();
      offered += size;
      const picked = idle[head];
      if (!picked) {
        starved += size;
        continue;
      }
      head += 1;
      if (head > 4096 && head * 2 > idle.length) {
        idle.splice(0, head);
        head = 0;
      }
      if (picked.station.queue.length === 0) picked.station.scan(size);
      const p = picked.station.send(url, picked.cookie, 20, stats, via, dueAt).then(() => comeBack(picked));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  delay.disable();
  return {
    ...stats,
    seconds: (performance.now() - started) / 1000,
    offered,
    starved,
    clientDelayP99Ms: delay.percentile(99) / 1e6,
  };
}

/** Sends every station's remaining scans (after Retry-After where refused) until all are acked. */
export async function flushStations(
  url: string,
  stations: { station: BenchStation; cookie: string }[],
  seconds: number,
): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const stats = newStats();
  const waiting = stations.filter((s) => s.station.queue.length > 0);
  // 32 at a time, as a crowd of stations coming back online would be spread out by Retry-After.
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let s = waiting.shift(); s; s = waiting.shift()) {
        while (s.station.queue.length > 0 && performance.now() < until) {
          if (Date.now() < s.station.busyUntil) await sleep(s.station.busyUntil - Date.now());
          await s.station.send(url, s.cookie, 500, stats);
        }
      }
    }),
  );
  return stations.reduce((n, s) => n + s.station.queue.length, 0);
}

/** GET /api/health in a closed loop with the same concurrency: the trivial endpoint baseline. */
export async function runHealth(url: string, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await call(`${url}/api/health`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { requests: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export interface ProbeFigures {
  posts: number;
  busy: number;
  ok: number;
  other: number;
  errors: number;
  /** Over connections opened before the overload and kept alive, as a station's are. */
  busy_p50_ms: number;
  busy_p99_ms: number;
  ok_p99_ms: number;
  /** POSTs that found every kept connection busy and opened one: they wait to be accepted. */
  new_connections: number;
  new_connection_p50_ms: number;
  new_connection_p99_ms: number;
  /** How late the probe itself sent its POSTs (its own share of the CPU): in the figures above. */
  late_p50_ms: number;
  late_p99_ms: number;
}

/**
 * Starts the probe station (checkin-probe.mjs) in a process of its own, which POSTs `body` (an
 * acknowledged POST: sent again it changes nothing) `rate` times a second between `go` and
 * `stop`, and measures what one more station sees while the crowd overloads the server.
 */
export async function startProbe(spec: {
  url: string;
  cookie: string;
  body: string;
  rate: number;
}): Promise<{ go(): void; stop(): Promise<ProbeFigures | undefined> }> {
  const child = spawn(process.execPath, [new URL("./checkin-probe.mjs", import.meta.url).pathname], {
    env: { ...process.env, PROBE_SPEC: JSON.stringify(spec) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== "ready") throw new Error(`the probe did not start: ${first.value}`);
  return {
    go: () => child.stdin.write("go\n"),
    async stop() {
      child.stdin.write("stop\n");
      const last = await lines.next();
      return last.done ? undefined : (JSON.parse(last.value) as ProbeFigures);
    },
  };
}
