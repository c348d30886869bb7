#!/usr/bin/env node
// `npm test`: unit tests, the integration suite on PGlite, the same suite on PostgreSQL, and the
// browser flows in Chromium on each database. Whatever this machine lacks is skipped and named at the end;
// `.ci/run` installs everything so that CI skips nothing (SHEQU_REQUIRE_ALL=1 turns skips into failures).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";

const root = new URL("..", import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), "shequ-test-"));
const results = [];
const skipped = [];
const extraArgs = process.argv.slice(2);

function vitest(label, project, env = {}) {
  const out = join(outDir, `${label.replace(/\W+/g, "-")}.json`);
  console.log(`\n━━ ${label} ━━`);
  const r = spawnSync(
    "npx",
    [
      "vitest",
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}`,
      ...extraArgs,
    ],
    { cwd: root, stdio: "inherit", env: environment(env) },
  );
  let passed = 0;
  let failed = 0;
  const failures = [];
  if (existsSync(out)) {
    const json = JSON.parse(readFileSync(out, "utf8"));
    passed = json.numPassedTests;
    failures.push(...failuresIn(json));
    // numFailedTestSuites counts every describe block around a failing test: count tests and
    // files that failed outside any test instead.
    failed = failures.length;
  }
  if (r.status !== 0 && failed === 0) failed = 1; // a crash or a failing file without tests
  results.push({ label, passed, failed, failures });
}

// The process's environment with `changes` applied; a change to null removes the variable.
function environment(changes) {
  const env = { ...process.env };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete env[key];
    else env[key] = value;
  }
  return env;
}

// Each failing file or test with the first line of its error, so the last lines of a CI log say
// what broke without scrolling back through the whole run.
function failuresIn(json) {
  const firstLine = (messages) =>
    stripVTControlCharacters((messages ?? []).join("\n"))
      .split("\n")
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? "";
  const list = [];
  for (const file of json.testResults ?? []) {
    const path = file.name.replace(root, "");
    const tests = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    if (file.status === "failed" && tests.length === 0) list.push(`${path}: ${firstLine([file.message])}`);
    for (const a of tests) list.push(`${path} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages)}`);
  }
  return list;
}

function findPgBin() {
  if (!existsSync("/usr/lib/postgresql")) return undefined;
  return readdirSync("/usr/lib/postgresql").find((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
}

vitest("unit", "unit");
// On PGlite whatever the caller's environment says: .ci/run exports TEST_DATABASE_URL for the
// PostgreSQL run below, and until 2026-11-29 this run took it too, so CI ran the suite on
// PostgreSQL twice and never on PGlite.
const onPglite = { TEST_DATABASE_URL: null };
vitest("integration · PGlite", "integration", onPglite);

// The same suite again with the clock set to 23:57:30 in China (libfaketime), so it runs across
// midnight there: code and tests that take "today" for granted fail here every time, not only on
// the night CI happens to run at that hour (a desk's no-show list once did; a test's own margin
// too).
const faketime = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"]
  .map((dir) => `${dir}/faketime/libfaketime.so.1`)
  .find((path) => existsSync(path));
if (faketime) {
  // An offset rather than a start time ("@…"), which each process would start from afresh: the
  // suite's processes (a server it spawns, say) keep one clock.
  // libfaketime reads an offset only with its sign: "56314" fails to parse and every process
  // of the suite exits at once (a CI run started before 15:57 UTC, 2026-11-30), so "+56314".
  const target = new Date(`${new Date().toISOString().slice(0, 10)}T15:57:30Z`).getTime();
  const offset = Math.round((target - Date.now()) / 1000);
  const label = "integration · PGlite across midnight in China (faketime)";
  const clock = {
    ...onPglite,
    LD_PRELOAD: faketime,
    FAKETIME: offset < 0 ? `${offset}` : `+${offset}`,
    DONT_FAKE_MONOTONIC: "1",
  };
  // A process under that clock must read the target time, or the run below would test nothing
  // (or crash in every process with libfaketime's parse error): say which, and do not run it.
  const probe = spawnSync(process.execPath, ["-e", "process.stdout.write(String(Date.now()))"], {
    encoding: "utf8",
    env: environment(clock),
  });
  const drift = Math.abs(Number(probe.stdout) - target);
  if (probe.status === 0 && drift < 60_000) vitest(label, "integration", clock);
  else {
    const why = `libfaketime did not set the clock (FAKETIME=${clock.FAKETIME}): ${(probe.stderr || probe.stdout).trim().split("\n")[0]}`;
    console.log(`\n━━ ${label} ━━\n${why}`);
    results.push({ label, passed: 0, failed: 1, failures: [why] });
  }
} else {
  skipped.push("integration across midnight in China (no libfaketime: apt-get install faketime)");
}

let pgUrl = process.env.TEST_DATABASE_URL;
let pgDir;
if (!pgUrl && findPgBin()) {
  pgDir = mkdtempSync(join(tmpdir(), "shequ-pg-"));
  const r = spawnSync("bash", [join(root, "scripts/pg-throwaway.sh"), "start", pgDir], { encoding: "utf8" });
  if (r.status === 0) pgUrl = r.stdout.trim();
  else
    skipped.push(
      `integration · PostgreSQL (could not start a throwaway cluster: ${r.stderr.trim().split("\n").pop()})`,
    );
}
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromium);
if (pgUrl) {
  vitest("integration · PostgreSQL", "integration", { TEST_DATABASE_URL: pgUrl });
  // The browser flows start the server the way a user does, on PostgreSQL too: its first start,
  // demo seed included, and every screen of the flows run there end to end.
  if (hasChromium)
    vitest("browser flows · Chromium · PostgreSQL", "e2e", {
      CHROMIUM_PATH: chromium,
      E2E_DATABASE_URL: pgUrl,
    });
} else if (!skipped.length) {
  skipped.push("integration · PostgreSQL (no server: set TEST_DATABASE_URL or apt-get install postgresql)");
}
if (pgDir) spawnSync("bash", [join(root, "scripts/pg-throwaway.sh"), "stop", pgDir]);

if (hasChromium) {
  vitest("browser flows · Chromium · PGlite", "e2e", { CHROMIUM_PATH: chromium, E2E_DATABASE_URL: null });
} else {
  skipped.push(`browser flows (no Chromium at ${chromium}: apt-get install chromium fonts-noto-cjk)`);
}

rmSync(outDir, { recursive: true, force: true });
console.log("\n━━ summary ━━");
for (const r of results) {
  console.log(`${r.failed ? "✗" : "✓"} ${r.label}: ${r.passed} passed, ${r.failed} failed`);
  for (const f of r.failures) console.log(`    ✗ ${f}`);
}
for (const s of skipped) console.log(`- SKIPPED ${s}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const mustRunAll = process.env.SHEQU_REQUIRE_ALL === "1";
if (mustRunAll && skipped.length) console.log("SHEQU_REQUIRE_ALL=1: skipped parts count as failures");
console.log(`${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ""}`);
process.exit(failed > 0 || (mustRunAll && skipped.length) ? 1 : 0);
