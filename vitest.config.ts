import { defineConfig } from "vitest/config";

// Three projects, run one at a time by scripts/test.mjs:
// - unit: pure logic in packages/core (and pure server helpers named *.unit.test.ts)
// - integration: server features through app.request() on a real database
//   (PGlite by default; PostgreSQL when TEST_DATABASE_URL is set)
// - e2e: browser flows in Debian's Chromium against a running server
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/core/src/**/*.test.ts", "packages/*/src/**/*.unit.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/server/src/**/*.test.ts"],
          exclude: ["packages/server/src/**/*.unit.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite is single-threaded WASM; two cores run two files at a time at most.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
