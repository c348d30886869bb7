import { describe, expect, it } from "vitest";
import { checkRoster, DEFAULT_REST_RULES } from "./rest-rules";
import { buildProposedRoster, type FillWorker, proposeFill, type ShiftDemand } from "./shift-fill";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 0); // 08:00 in Beijing
const at = (hours: number) => T0 + hours * HOUR;
const options = { rules: DEFAULT_REST_RULES };

const demand = (id: string, from: number, to: number, over: Partial<ShiftDemand> = {}): ShiftDemand => ({
  id,
  pointId: "p1",
  zone: "queue",
  startsAt: at(from),
  endsAt: at(to),
  needed: 1,
  ...over,
});
const worker = (id: string, over: Partial<FillWorker> = {}): FillWorker => ({
  id,
  qualifications: [],
  availability: [{ start: at(-24), end: at(72) }],
  existingShifts: [],
  ...over,
});
const medic = (id: string, over: Partial<FillWorker> = {}) =>
  worker(id, { qualifications: ["may_swab"], ...over });
const who = (result: ReturnType<typeof proposeFill>, demandId: string) =>
  result.assignments.filter((a) => a.demandId === demandId).map((a) => a.workerId);

describe("proposeFill: who may and can work", () => {
  it("puts only medics on sampling and shows the rest as a gap", () => {
    const result = proposeFill(
      [demand("s", 0, 2, { zone: "sampling", needed: 2 })],
      [worker("a"), medic("m"), worker("b")],
      options,
    );
    expect(who(result, "s")).toEqual(["m"]);
    expect(result.gaps).toEqual([{ demandId: "s", missing: 1 }]);
  });

  it("asks for a demand's own qualification on top of the zone's", () => {
    const result = proposeFill(
      [demand("d", 0, 2, { zone: "disinfection", qualification: "disinfection" })],
      [worker("a"), worker("v", { qualifications: ["veteran", "disinfection"] })],
      options,
    );
    expect(who(result, "d")).toEqual(["v"]);
  });

  it("keeps medics for sampling: queue order goes to someone who cannot swab, even with more hours", () => {
    const busy = { existingShifts: [{ start: at(-30), end: at(-22) }] };
    const result = proposeFill(
      [demand("q", 0, 2), demand("s", 0, 2, { zone: "sampling", pointId: "p2" })],
      [medic("m"), worker("z", busy)],
      options,
    );
    expect(who(result, "s")).toEqual(["m"]);
    expect(who(result, "q")).toEqual(["z"]);
  });

  it("uses only people available for the whole window", () => {
    const result = proposeFill(
      [demand("late", 10, 14)],
      [worker("a", { availability: [{ start: at(0), end: at(12) }] })],
      options,
    );
    expect(result.assignments).toEqual([]);
    expect(result.gaps).toEqual([{ demandId: "late", missing: 1 }]);
  });

  it("treats touching availability windows as one", () => {
    const result = proposeFill(
      [demand("d", 10, 14)],
      [
        worker("a", {
          availability: [
            { start: at(12), end: at(20) },
            { start: at(0), end: at(12) },
          ],
        }),
      ],
      options,
    );
    expect(who(result, "d")).toEqual(["a"]);
  });

  it("never puts one person in two places at once, nor over a shift they already hold", () => {
    const result = proposeFill(
      [demand("x", 0, 2), demand("y", 1, 3, { pointId: "p2" }), demand("z", 4, 6)],
      [worker("a", { existingShifts: [{ start: at(5), end: at(7) }] })],
      options,
    );
    expect(result.assignments).toEqual([{ demandId: "x", workerId: "a" }]);
    expect(result.gaps).toEqual([
      { demandId: "y", missing: 1 },
      { demandId: "z", missing: 1 },
    ]);
  });
});

describe("proposeFill: rest rules", () => {
  it("takes a medic out of the suit after 6 h and puts them on registration instead", () => {
    const sampling = [0, 2, 4, 6].map((h) => demand(`s${h}`, h, h + 2, { zone: "sampling" }));
    const result = proposeFill(
      [...sampling, demand("r6", 6, 8, { zone: "registration" })],
      [medic("m")],
      options,
    );
    expect(result.assignments.map((a) => a.demandId)).toEqual(["s0", "s2", "s4", "r6"]);
    expect(result.gaps).toEqual([{ demandId: "s6", missing: 1 }]);
  });

  it("stops the 71-year-old veteran at 12 h on the queue and gives the next hours to someone else", () => {
    const windows = Array.from({ length: 8 }, (_, i) => demand(`q${i}`, 2 * i, 2 * i + 2));
    const veteran = worker("a-veteran", { qualifications: ["veteran"] });
    const result = proposeFill(
      windows,
      [veteran, worker("b", { availability: [{ start: at(12), end: at(20) }] })],
      {
        ...options,
        continuitySlackHours: 24,
      },
    );
    expect(result.assignments.filter((a) => a.workerId === "a-veteran")).toHaveLength(6);
    expect(result.assignments.filter((a) => a.workerId === "b").map((a) => a.demandId)).toEqual(["q6", "q7"]);
    expect(result.gaps).toEqual([]);
  });

  it("counts shifts already worked: 10 h this morning leave room for 2 h more today", () => {
    const tired = worker("a", { existingShifts: [{ start: at(-10), end: at(0) }] });
    const result = proposeFill([demand("d", 0, 4)], [tired], options);
    expect(result.assignments).toEqual([]);
    expect(proposeFill([demand("d", 0, 2)], [tired], options).assignments).toHaveLength(1);
  });

  it("follows the round's own rules", () => {
    const rules = { ...DEFAULT_REST_RULES, maxHoursPer24h: 4 };
    const result = proposeFill([demand("a", 0, 2), demand("b", 2, 4), demand("c", 4, 6)], [worker("w")], {
      rules,
    });
    expect(result.gaps).toEqual([{ demandId: "c", missing: 1 }]);
  });
});

describe("proposeFill: spreading the load", () => {
  it("asks whoever has worked least so far", () => {
    const result = proposeFill(
      [demand("d", 0, 2)],
      [worker("a", { existingShifts: [{ start: at(-30), end: at(-26) }] }), worker("b")],
      options,
    );
    expect(who(result, "d")).toEqual(["b"]);
  });

  it("keeps someone at the same point for the next window, within the slack, then rotates", () => {
    const windows = [0, 2, 4, 6].map((h) => demand(`w${h}`, h, h + 2));
    const team = [worker("a"), worker("b")];
    const kept = proposeFill(windows, team, options);
    // a: 0–2, 2–4, 4–6 (4 h more than b at 4:00 is within the slack), then b at 6:00.
    expect(kept.assignments.map((a) => a.workerId)).toEqual(["a", "a", "a", "b"]);
    const rotated = proposeFill(windows, team, { ...options, continuitySlackHours: 0 });
    // Without slack, continuing only breaks ties: b (2 h, just finished here) goes on at 4:00, not a (2 h).
    expect(rotated.assignments.map((a) => a.workerId)).toEqual(["a", "b", "b", "a"]);
  });

  it("lets each point keep its own people before another point, short of hands, takes them mid-stint", () => {
    const result = proposeFill(
      [
        demand("x-first", 0, 2, { pointId: "p1" }),
        demand("y-first", 0, 2, { pointId: "p2" }),
        demand("a-second", 2, 4, { pointId: "p2", needed: 2 }),
        demand("b-second", 2, 4, { pointId: "p1" }),
      ],
      [worker("a"), worker("b")],
      options,
    );
    expect(who(result, "x-first")).toEqual(["a"]);
    expect(who(result, "b-second")).toEqual(["a"]);
    expect(who(result, "y-first")).toEqual(["b"]);
    expect(who(result, "a-second")).toEqual(["b"]);
    expect(result.gaps).toEqual([{ demandId: "a-second", missing: 1 }]);
  });

  it("asks the point's own community first, then people without one, then lends from elsewhere", () => {
    const demands = [0, 1, 2].map((i) => demand(`d${i}`, 0, 2, { pointId: `p${i}`, communityId: "c1" }));
    const result = proposeFill(
      demands,
      [
        worker("x", { homeCommunityId: "c2" }),
        worker("y", { homeCommunityId: "c1", existingShifts: [{ start: at(-30), end: at(-24) }] }),
        worker("z"),
      ],
      options,
    );
    expect(result.assignments.map((a) => a.workerId)).toEqual(["y", "z", "x"]);
  });

  it("gives the same proposal whatever order the workers come in", () => {
    const demands = [0, 2, 4].flatMap((h) => [
      demand(`q${h}`, h, h + 2, { needed: 2 }),
      demand(`t${h}`, h, h + 2, { zone: "triage" }),
    ]);
    const team = ["e", "a", "d", "b", "c"].map((id) => worker(id));
    const one = proposeFill(demands, team, options);
    expect(proposeFill(demands, [...team].reverse(), options)).toEqual(one);
    expect(checkRoster(buildProposedRoster(demands, team, one.assignments), DEFAULT_REST_RULES)).toEqual([]);
  });
});

describe("proposeFill: bad demands", () => {
  it("shows a window that ends before it starts as a gap and ignores a demand for nobody", () => {
    const result = proposeFill(
      [demand("bad", 4, 2, { needed: 2 }), demand("none", 0, 2, { needed: 0 })],
      [worker("a")],
      options,
    );
    expect(result).toEqual({ assignments: [], gaps: [{ demandId: "bad", missing: 2 }] });
  });
});
