// bench:checkin's probe station: a process of its own that POSTs to the station endpoint at a
// steady rate while the bench's crowd overloads the server, and measures what one more station
// sees then. The crowd's own figures are no good for this: at 10× overload the bench process
// that makes the crowd is itself saturated (its event loop runs hundreds of milliseconds late),
// and the time a request waits in it is counted against the server. This process stays almost
// idle, so what it measures is the server's answer.
//
// Its POSTs go over connections opened before the overload and kept alive, as a station's are
// (the crowd's are too: 512 kept-alive connections). A POST that finds them all busy (those the
// server admitted wait for their group commit, a second or more at 10× overload) opens a new one,
// and that one is counted apart: Node accepts one new connection per turn of its event loop, and
// at 10× overload a turn takes tens of milliseconds, so a new connection waits in the kernel's
// accept queue for up to a second before the server reads its request (measured: the request
// was answered within a millisecond of its connection being accepted).
//
// Plain JavaScript, so it starts without a TypeScript loader. Input: PROBE_SPEC (JSON: url,
// cookie, body, rate). It prints "ready", starts on a "go" line on stdin, stops on "stop", then
// prints its figures as one JSON line. The body is a POST the server has already acknowledged:
// sent again it is answered "duplicate" and changes nothing, or refused with 429 while full.
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";

const spec = JSON.parse(process.env.PROBE_SPEC ?? "{}");
// No cap on sockets: with one, a POST would wait in this agent for a free socket behind POSTs
// the server admitted, and that wait would be counted against the server's 429s.
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
/** Connections opened before the overload: more than the POSTs in flight at once at 100/s. */
const WARM = 64;
const answers = []; // [status, ms, whether on a connection opened before]
let errors = 0;

/** How late each POST left this process (its own event loop's or the CPU's delay), in ms. */
const lateness = [];
function post(dueAt) {
  lateness.push(performance.now() - dueAt);
  return new Promise((resolve) => {
    const req = request(
      `${spec.url}/api/station/scans`,
      { method: "POST", agent, headers: { cookie: spec.cookie, "content-type": "application/json" } },
      (res) => {
        res.resume();
        res.on("end", () => {
          answers.push([res.statusCode, performance.now() - dueAt, req.reusedSocket]);
          resolve();
        });
      },
    );
    req.on("error", () => {
      errors += 1;
      resolve();
    });
    req.end(spec.body);
  });
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

let running = false;
const inFlight = new Set();

async function run() {
  const started = performance.now();
  let sent = 0;
  while (running) {
    // Open loop: each POST is due at its time, and its latency counts from then.
    const dueAt = started + (sent * 1000) / spec.rate;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!running) break;
    sent += 1;
    const p = post(dueAt);
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  const ms = (v) => Math.round(v * 10) / 10;
  const kept = answers.filter(([, , reused]) => reused);
  const busy = kept.filter(([s]) => s === 429).map(([, t]) => t);
  const ok = answers.filter(([s]) => s === 200).map(([, t]) => t);
  const fresh = answers.filter(([, , reused]) => !reused).map(([, t]) => t);
  console.log(
    JSON.stringify({
      posts: answers.length + errors,
      busy: busy.length,
      ok: ok.length,
      other: answers.filter(([s]) => s !== 200 && s !== 429).length,
      errors,
      busy_p50_ms: ms(percentile(busy, 50)),
      busy_p99_ms: ms(percentile(busy, 99)),
      ok_p99_ms: ms(percentile(ok, 99)),
      new_connections: fresh.length,
      new_connection_p50_ms: ms(percentile(fresh, 50)),
      new_connection_p99_ms: ms(percentile(fresh, 99)),
      late_p50_ms: ms(percentile(lateness, 50)),
      late_p99_ms: ms(percentile(lateness, 99)),
    }),
  );
  agent.destroy();
}

let done;
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "go" && !running) {
    running = true;
    done = run();
  } else if (line === "stop") {
    running = false;
    if (done) void done.then(() => process.exit(0));
    else process.exit(0);
  }
});
// Opens WARM connections (a health check on each at once) and keeps them for the run.
async function warm() {
  await Promise.all(
    Array.from(
      { length: WARM },
      () =>
        new Promise((resolve) => {
          const req = request(`${spec.url}/api/health`, { agent }, (res) => {
            res.resume();
            res.on("end", resolve);
          });
          req.on("error", resolve);
          req.end();
        }),
    ),
  );
}

warm().then(() => console.log("ready"));
