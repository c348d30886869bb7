import { type RestRules, wouldViolate } from "@shequ/core/rest-rules";
import type { WorkerShift } from "@shequ/core/shift-fill";
import { findZoneRequirement } from "@shequ/core/work-zones";
import type { Problem } from "./shift-schema";

export interface FitDemand {
  zone: string;
  start: number;
  end: number;
  qualification: string | null;
}

export interface FitWorker {
  id: string;
  qualifications: readonly string[];
  availability: readonly { start: string; end: string }[];
}

/** The qualifications a demand needs: its zone's (only medics sample) and its own. */
export function requiredQualifications(demand: Pick<FitDemand, "zone" | "qualification">): string[] {
  const zone = findZoneRequirement(demand.zone);
  return [...new Set([zone, demand.qualification].filter((q): q is string => Boolean(q)))];
}

/**
 * Availability as the planner and the fill read it: the windows the person gave, or, when they
 * gave none (staff entered by hand), any time — "never" would silently keep them off every plan.
 */
export function availabilityWindows(
  worker: Pick<FitWorker, "availability">,
): { start: number; end: number }[] {
  const windows = worker.availability
    .map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) }))
    .filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end) && w.end > w.start)
    .sort((a, b) => a.start - b.start);
  return windows.length > 0 ? windows : [{ start: 0, end: 8_640_000_000_000_000 }];
}

function covered(windows: { start: number; end: number }[], start: number, end: number): boolean {
  // Touching windows chain: 08–12 and 12–18 cover a 10–14 shift.
  let reach = start;
  for (const w of windows) {
    if (w.start > reach) break;
    reach = Math.max(reach, w.end);
    if (reach >= end) return true;
  }
  return reach >= end;
}

/**
 * Everything that stands between a person and a shift, as the assign dialog lists it and the
 * assign call refuses it: missing qualification and overlap are hard; being outside the hours
 * they said, and the rest rules, can be planned over with a reason.
 */
export function findProblems(
  worker: FitWorker,
  demand: FitDemand,
  duty: readonly WorkerShift[],
  rules: RestRules,
): Problem[] {
  const problems: Problem[] = [];
  const missing = requiredQualifications(demand).filter((q) => !worker.qualifications.includes(q));
  if (missing.length > 0) problems.push({ code: "unqualified", overridable: false, missing });
  const candidate = { personId: worker.id, start: demand.start, end: demand.end, zone: demand.zone };
  const existing = duty.map((s) => ({ personId: worker.id, ...s }));
  const broken = wouldViolate(existing, candidate, rules);
  if (broken.some((v) => v.rule === "overlap"))
    problems.push({
      code: "overlap",
      overridable: false,
      violations: broken.filter((v) => v.rule === "overlap").map(toView),
    });
  if (!covered(availabilityWindows(worker), demand.start, demand.end))
    problems.push({ code: "unavailable", overridable: true });
  const rest = broken.filter((v) => v.rule !== "overlap" && v.rule !== "invalid_time");
  if (rest.length > 0) problems.push({ code: "rest_rule", overridable: true, violations: rest.map(toView) });
  return problems;
}

function toView(v: { rule: string; from: number; to: number; hours: number; limit: number }) {
  return {
    rule: v.rule,
    from: new Date(v.from).toISOString(),
    to: new Date(v.to).toISOString(),
    hours: Math.round(v.hours * 100) / 100,
    limit: v.limit,
  };
}
