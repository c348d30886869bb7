import { describe, expect, it } from "vitest";
import { burnUp, projectFinish } from "./coverage-projection";

const at = (s: string) => new Date(`2026-11-28T${s}:00Z`);

describe("projectFinish", () => {
  it("judges the last 60 minutes, counting the part of the previous hour still inside them", () => {
    // 10:15: this hour 300 so far, the previous hour 1,200 of which three quarters count → 1,200/h.
    const p = projectFinish({
      hours: [
        { hour: at("09:00"), sampled: 1200 },
        { hour: at("10:00"), sampled: 300 },
      ],
      remaining: 2400,
      now: at("10:15"),
      deadline: at("18:00"),
    });
    expect(p.ratePerHour).toBe(1200);
    expect(p.finishAt).toBe(at("12:15").toISOString());
    expect(p.verdict).toBe("on_track");
    expect(p.neededPerHour).toBeCloseTo(2400 / 7.75);
  });

  it("is late when the recent rate cannot finish by the deadline, and has no finish at rate 0", () => {
    const slow = projectFinish({
      hours: [{ hour: at("10:00"), sampled: 10 }],
      remaining: 1000,
      now: at("10:30"),
      deadline: at("12:00"),
    });
    expect(slow.verdict).toBe("late");
    const stopped = projectFinish({ hours: [], remaining: 5, now: at("10:30"), deadline: at("12:00") });
    expect(stopped).toMatchObject({ ratePerHour: 0, finishAt: null, verdict: "late" });
  });

  it("says done when nobody is left, and no needed rate after the deadline", () => {
    const p = projectFinish({ hours: [], remaining: -3, now: at("13:00"), deadline: at("12:00") });
    expect(p).toMatchObject({ remaining: 0, verdict: "done", neededPerHour: null });
  });
});

describe("burnUp", () => {
  it("accumulates hours in time order and merges the same hour", () => {
    expect(
      burnUp([
        { hour: at("11:00"), sampled: 5 },
        { hour: at("10:00"), sampled: 2 },
        { hour: "2026-11-28T11:00:00.000Z", sampled: 1 },
      ]),
    ).toEqual([
      { hour: at("10:00").toISOString(), cumulative: 2 },
      { hour: at("11:00").toISOString(), cumulative: 8 },
    ]);
  });
});
