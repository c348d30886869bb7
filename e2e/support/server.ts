import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createScratchDatabase, type ScratchDatabase } from "../../packages/server/src/db/scratch-database";
import { SERVER_NODE_FLAGS } from "../../packages/server/src/node-flags";

const ROOT = new URL("../..", import.meta.url).pathname;

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * With E2E_DATABASE_URL (a PostgreSQL server; `npm test` passes its throwaway cluster), each
 * server gets a database of its own, created here and dropped when it stops; otherwise PGlite.
 */
async function freshDatabase(): Promise<ScratchDatabase | undefined> {
  const admin = process.env.E2E_DATABASE_URL;
  return admin ? createScratchDatabase(admin, "shequ_e2e") : undefined;
}

/**
 * Starts Shequ the way a user does (the real server entry point, built web app, embedded PGlite
 * in a fresh data folder, or PostgreSQL: above; demo data) and waits until /api/health answers.
 */
export async function startServer(opts: { residents?: number } = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, "packages/web/dist/index.html"))) {
    const build = spawnSync("npm", ["run", "build", "-w", "@shequ/web"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("web build failed");
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "shequ-e2e-"));
  const database = await freshDatabase();
  let output = "";
  // node itself, not npx: a SIGTERM to npx would leave the server running after the tests.
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, "--import", "tsx", "packages/server/src/main.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: database?.url ?? "",
        SHEQU_DEMO: "1",
        SHEQU_DEMO_RESIDENTS: String(opts.residents ?? 3000),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok && output.includes("is running at")) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
