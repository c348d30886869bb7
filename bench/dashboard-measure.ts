/**
 * Times the dashboard through the real app (`app.request()`: routing, session lookup, validation,
 * the use case, JSON) one request at a time, each followed by a `GET /api/health` (one trivial
 * query through the same app) as the baseline measured seconds apart on the same machine.
 */

import type { createApp } from "../packages/server/src/app";

export interface Target {
  level: string;
  /** The dashboard URL (with ?regionId= or without: then the user's own area). */
  url: string;
  cookie: string;
}

export interface Latency {
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  n: number;
}

export interface StageFigures extends Latency {
  health: Latency;
  ratio_p50_to_health: number;
  ratio_p95_to_health: number;
  by_level: Record<string, Latency>;
}

const round = (n: number) => Math.round(n * 100) / 100;

function latency(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return {
    p50_ms: round(at(0.5)),
    p95_ms: round(at(0.95)),
    max_ms: round(sorted.at(-1) ?? NaN),
    n: ms.length,
  };
}

async function timed(app: ReturnType<typeof createApp>, url: string, cookie?: string): Promise<number> {
  const started = performance.now();
  const res = await app.request(url, { headers: cookie ? { cookie } : {} });
  const body = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return ms;
}

/**
 * `requests` dashboard requests cycling through the targets (their order mixes the levels), after
 * a warm-up of two passes over every target; each is followed by a health request.
 */
export async function measureDashboard(
  app: ReturnType<typeof createApp>,
  targets: Target[],
  requests: number,
): Promise<StageFigures> {
  for (let pass = 0; pass < 2; pass++) {
    for (const t of targets) {
      await timed(app, t.url, t.cookie);
      await timed(app, "/api/health");
    }
  }
  const all: number[] = [];
  const health: number[] = [];
  const byLevel = new Map<string, number[]>();
  for (let i = 0; i < requests; i++) {
    const t = targets[i % targets.length] as Target;
    const ms = await timed(app, t.url, t.cookie);
    all.push(ms);
    byLevel.set(t.level, [...(byLevel.get(t.level) ?? []), ms]);
    health.push(await timed(app, "/api/health"));
  }
  const figures = latency(all);
  const base = latency(health);
  return {
    ...figures,
    health: base,
    ratio_p50_to_health: round(figures.p50_ms / base.p50_ms),
    ratio_p95_to_health: round(figures.p95_ms / base.p95_ms),
    by_level: Object.fromEntries([...byLevel].map(([level, ms]) => [level, latency(ms)])),
  };
}

/** One line per level for the progress log. */
export function describeStage(f: StageFigures): string[] {
  return [
    `  all levels: p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, max ${f.max_ms} ms (${f.n} requests)`,
    ...Object.entries(f.by_level).map(
      ([level, l]) => `  ${level.padEnd(11)} p50 ${l.p50_ms} ms, p95 ${l.p95_ms} ms, max ${l.max_ms} ms`,
    ),
    `  GET /api/health: p50 ${f.health.p50_ms} ms, p95 ${f.health.p95_ms} ms → p95 ratio ${f.ratio_p95_to_health}`,
  ];
}
