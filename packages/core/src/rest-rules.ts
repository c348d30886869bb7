/**
 * Rest rules (issue 6): the limits that protect the people who staff the points — the medic six
 * hours in a protective suit, the veteran twelve hours on the queue, the staff who slept two hours
 * in two days. Pure: a roster in, the broken rules out, with the window where each is broken.
 *
 * The rules, exactly (times are epoch ms; a person's duty is the union of their shifts):
 * - gear_hours: shifts in a gear zone that touch, overlap or are less than `breakMinutes` apart form
 *   one continuous stretch (short pauses count, nobody takes the suit off for ten minutes); a
 *   stretch may last at most `maxGearHours`. Duty in a zone without gear counts as a pause: the
 *   suit comes off for it, so `breakMinutes` of it end the stretch.
 * - hours_24h: any 24 h, wherever they start, hold at most `maxHoursPer24h` of duty.
 * - rest_24h: any 24 h that begin while the person is on duty hold `minRestPer24h` consecutive
 *   hours off duty. Windows beginning in the middle of a rest are not asked: they cut that rest in
 *   two, and a 08:00–20:00 shift with twelve free hours every night would fail at 02:00. Put
 *   another way: between two rests of at least `minRestPer24h`, duty spans (first start to last
 *   end, pauses included) at most 24 − `minRestPer24h` hours. Time with no shift is rest.
 * - hours_7d: any 7 × 24 h hold at most `maxHoursPer7d` of duty.
 * - overlap: one person in two shifts at once (touching shifts are fine).
 * - invalid_time: a shift that ends before, or when, it starts.
 * Limits are inclusive: exactly 6 h in gear, 12 h in 24 or 8 h of rest are allowed.
 */
import { z } from "zod";
import { dutyWithin, type Interval, mergeIntervals, prefixSums } from "./duty-intervals";
import { GEAR_ZONES } from "./work-zones";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** A round's rest rules; every field has the common-practice default. */
export const RestRules = z.object({
  maxGearHours: z.number().positive().max(24).default(6),
  maxHoursPer24h: z.number().positive().max(24).default(12),
  minRestPer24h: z.number().min(0).max(16).default(8),
  maxHoursPer7d: z.number().positive().max(168).default(60),
  /** A pause shorter than this does not end a continuous stretch. */
  breakMinutes: z.number().int().min(0).max(240).default(30),
  gearZones: z
    .array(z.string().trim().min(1).max(40))
    .max(20)
    .default(() => [...GEAR_ZONES]),
});
export type RestRules = z.infer<typeof RestRules>;

export const DEFAULT_REST_RULES: RestRules = RestRules.parse({});

export const REST_RULE_IDS = [
  "invalid_time",
  "overlap",
  "gear_hours",
  "hours_24h",
  "rest_24h",
  "hours_7d",
] as const;
export type RestRuleId = (typeof REST_RULE_IDS)[number];

export const REST_RULE_LABELS: Record<RestRuleId, { zh: string; en: string }> = {
  invalid_time: { zh: "结束时间早于开始时间", en: "Ends before it starts" },
  overlap: { zh: "同一时间排在两处", en: "In two places at once" },
  gear_hours: { zh: "连续穿防护服超时", en: "Too long in protective gear" },
  hours_24h: { zh: "24小时内工作超时", en: "Too many hours in 24 h" },
  rest_24h: { zh: "24小时内休息不足", en: "Too little rest in 24 h" },
  hours_7d: { zh: "7天内工作超时", en: "Too many hours in 7 days" },
};

export interface RosterShift {
  personId: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** The zone worked; decides whether the gear rule applies. */
  zone?: string;
}

/**
 * One broken rule. [from, to) is the window it is broken in: the gear stretch; the 24 h or 7 days
 * with the most duty; the 24 h from the start of an over-long duty span; the overlap. `hours` is
 * what that window holds (duty, or for rest_24h the longest rest in it), `limit` the rule's figure.
 */
export interface RuleViolation {
  rule: RestRuleId;
  personId: string;
  from: number;
  to: number;
  hours: number;
  limit: number;
}

/** Every rule broken in a roster of any number of people (the dashboard's "over the limit"). */
export function checkRoster(shifts: readonly RosterShift[], rules: RestRules): RuleViolation[] {
  const byPerson = new Map<string, RosterShift[]>();
  for (const shift of shifts) {
    const list = byPerson.get(shift.personId);
    if (list) list.push(shift);
    else byPerson.set(shift.personId, [shift]);
  }
  const found: RuleViolation[] = [];
  for (const [personId, list] of byPerson) {
    found.push(...findPersonViolations(personId, list.sort(byStart), rules, undefined));
  }
  return found;
}

/**
 * The rules that adding `candidate` would break, for planning: only violations that involve the
 * candidate (a window or stretch containing it), so a person whose past already broke a rule can
 * still be planned where the new shift does not make it worse. `existing` may hold anyone's shifts.
 */
export function wouldViolate(
  existing: readonly RosterShift[],
  candidate: RosterShift,
  rules: RestRules,
): RuleViolation[] {
  const mine: RosterShift[] = [];
  for (const s of existing) if (s.personId === candidate.personId && s !== candidate) mine.push(s);
  mine.push(candidate);
  return findPersonViolations(candidate.personId, mine.sort(byStart), rules, candidate);
}

function findPersonViolations(
  personId: string,
  sorted: readonly RosterShift[],
  rules: RestRules,
  focus: RosterShift | undefined,
): RuleViolation[] {
  const found: RuleViolation[] = [];
  const valid: RosterShift[] = [];
  for (const s of sorted) {
    if (s.end > s.start) valid.push(s);
    else if (!focus || s === focus) found.push(violation("invalid_time", personId, s.start, s.end, 0));
  }
  if (focus && focus.end <= focus.start) return found;

  for (const o of findOverlaps(valid, focus)) found.push(violation("overlap", personId, o.start, o.end, 0));

  if (!focus || rules.gearZones.includes(focus.zone ?? "")) {
    const gear: RosterShift[] = [];
    for (const s of valid) if (s.zone !== undefined && rules.gearZones.includes(s.zone)) gear.push(s);
    for (const stretch of findGearStretches(gear, rules.breakMinutes * 60_000, focus)) {
      if (stretch.end - stretch.start > toMs(rules.maxGearHours))
        found.push(violation("gear_hours", personId, stretch.start, stretch.end, rules.maxGearHours));
    }
  }

  const duty = mergeIntervals(valid);
  const prefix = prefixSums(duty);
  // No window can hold more duty than there is: most people are far under the limits.
  const total = prefix.at(-1) as number;
  if (total > toMs(rules.maxHoursPer24h))
    for (const w of findBusiestWindows(duty, prefix, DAY, toMs(rules.maxHoursPer24h), focus))
      found.push(violation("hours_24h", personId, w.start, w.start + DAY, rules.maxHoursPer24h, w.duty));
  for (const w of findShortRests(duty, toMs(rules.minRestPer24h), focus))
    found.push(violation("rest_24h", personId, w.start, w.start + DAY, rules.minRestPer24h, w.rest));
  if (total > toMs(rules.maxHoursPer7d))
    for (const w of findBusiestWindows(duty, prefix, WEEK, toMs(rules.maxHoursPer7d), focus))
      found.push(violation("hours_7d", personId, w.start, w.start + WEEK, rules.maxHoursPer7d, w.duty));

  return found.length > 1 ? found.sort(byFrom) : found;
}

/** A broken rule; `ms` is what the window holds, the span from → to when not given. */
function violation(
  rule: RestRuleId,
  personId: string,
  from: number,
  to: number,
  limit: number,
  ms = to - from,
): RuleViolation {
  return { rule, personId, from, to, hours: ms / HOUR, limit };
}

function findOverlaps(valid: readonly RosterShift[], focus: RosterShift | undefined): Interval[] {
  const overlaps: Interval[] = [];
  if (focus) {
    for (const s of valid) {
      if (s !== focus && s.start < focus.end && focus.start < s.end)
        overlaps.push({ start: Math.max(s.start, focus.start), end: Math.min(s.end, focus.end) });
    }
    return overlaps;
  }
  let reach = Number.NEGATIVE_INFINITY;
  for (const s of valid) {
    if (s.start < reach) overlaps.push({ start: s.start, end: Math.min(reach, s.end) });
    reach = Math.max(reach, s.end);
  }
  return overlaps;
}

/** Gear shifts chained by pauses shorter than the break; only the focus's chain when planning. */
function findGearStretches(gear: readonly RosterShift[], breakMs: number, focus: RosterShift | undefined) {
  const stretches: (Interval & { hasFocus: boolean })[] = [];
  let current: (Interval & { hasFocus: boolean }) | undefined;
  for (const s of gear) {
    const gap = current ? s.start - current.end : Number.POSITIVE_INFINITY;
    if (current && (gap <= 0 || gap < breakMs)) {
      current.end = Math.max(current.end, s.end);
      current.hasFocus ||= s === focus;
    } else {
      current = { start: s.start, end: s.end, hasFocus: s === focus };
      stretches.push(current);
    }
  }
  return focus ? stretches.filter((s) => s.hasFocus) : stretches;
}

/**
 * Windows of length `span` holding more than `limitMs` of duty. Duty in [t, t + span) is
 * piecewise linear in t and peaks where the window starts at a duty start or ends at a duty end,
 * so only those windows are measured. Overlapping windows over the limit are one violation,
 * reported by the busiest (the earliest of equals).
 */
function findBusiestWindows(
  duty: readonly Interval[],
  prefix: readonly number[],
  span: number,
  limitMs: number,
  focus: RosterShift | undefined,
): { start: number; duty: number }[] {
  const starts: number[] = [];
  for (const d of duty) starts.push(d.start, d.end - span);
  starts.sort((a, b) => a - b);
  const worst: { start: number; duty: number; last: number }[] = [];
  for (const t of starts) {
    if (focus && (t >= focus.end || t + span <= focus.start)) continue;
    const held = dutyWithin(duty, prefix, t, t + span);
    if (held <= limitMs) continue;
    const open = worst.at(-1);
    if (open && t < open.last + span) {
      open.last = t;
      if (held > open.duty) {
        open.start = t;
        open.duty = held;
      }
    } else worst.push({ start: t, duty: held, last: t });
  }
  return worst;
}

/**
 * Duty spans too long for the rest rule. Rests of at least `minRestMs` split duty into spans; a
 * span longer than 24 h − minRest leaves no such rest inside the 24 h from its start. Reported:
 * the longest rest those 24 h do hold.
 */
function findShortRests(
  duty: readonly Interval[],
  minRestMs: number,
  focus: RosterShift | undefined,
): { start: number; rest: number }[] {
  if (minRestMs <= 0) return [];
  const short: { start: number; rest: number }[] = [];
  let first = 0;
  for (let last = 0; last < duty.length; last++) {
    const here = duty[last] as Interval;
    const next = duty[last + 1];
    if (next && next.start - here.end < minRestMs) continue;
    const spanFirst = first;
    first = last + 1;
    const begin = (duty[spanFirst] as Interval).start;
    if (here.end - begin <= DAY - minRestMs) continue;
    if (focus && (focus.start < begin || focus.end > here.end)) continue;
    const to = begin + DAY;
    let longest = 0;
    for (let j = spanFirst; j <= last; j++) {
      const after = duty[j + 1]?.start ?? Number.POSITIVE_INFINITY;
      longest = Math.max(longest, Math.min(after, to) - (duty[j] as Interval).end);
    }
    short.push({ start: begin, rest: longest });
  }
  return short;
}

function toMs(hours: number): number {
  return Math.round(hours * HOUR);
}

function byFrom(a: RuleViolation, b: RuleViolation): number {
  return a.from - b.from;
}

function byStart(a: RosterShift, b: RosterShift): number {
  return a.start - b.start || a.end - b.end;
}
