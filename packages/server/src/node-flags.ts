/**
 * Node's flags for the server process: every way of starting it passes them (package.json's
 * serve, dev and shequ scripts, bin/shequ.mjs's first line; the benchmarks' and browser flows'
 * servers from here). node-flags.unit.test.ts holds those places to this list.
 *
 * `--max-semi-space-size=64` (MiB; Node 20's default is 16): V8's young generation. A station's
 * POST makes only short-lived objects; at the default the scavenger held the event loop for
 * ~150 ms of every second at 10× overload, with 64 MiB for 50–85 ms, and the server's CPU per
 * POST fell by about a fifth (figures in ARCHITECTURE.md). Up to 96 MiB more memory at the peak.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
