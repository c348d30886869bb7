import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  advanceTube,
  bindToTube,
  openTube,
  reopenTube,
  sealTube,
  type TubeState,
  type TubeStep,
  unbindLast,
} from "./tube-state";

const ok = (step: TubeStep): TubeState => {
  if (!step.ok) throw new Error(`refused: ${step.code}`);
  return step.tube;
};

const bindTimes = (tube: TubeState, n: number): TubeState => {
  let t = tube;
  for (let i = 0; i < n; i++) t = ok(bindToTube(t));
  return t;
};

describe("tube state", () => {
  it("opens with the round's pool size, or one for a fever case", () => {
    expect(openTube(10)).toEqual({ status: "open", poolSize: 10, people: 0 });
    expect(openTube(10, true)).toEqual({ status: "open", poolSize: 1, people: 0 });
  });

  it("seals itself at the tenth person of a 10-in-1 tube and refuses an eleventh as full", () => {
    const nine = bindTimes(openTube(10), 9);
    expect(nine).toMatchObject({ status: "open", people: 9 });
    const ten = ok(bindToTube(nine));
    expect(ten).toMatchObject({ status: "sealed", people: 10 });
    expect(bindToTube(ten)).toEqual({ ok: false, code: "tube_full" });
  });

  it("refuses a person for a tube sealed early by the button", () => {
    const sealed = ok(sealTube(bindTimes(openTube(10), 3)));
    expect(sealed.status).toBe("sealed");
    expect(bindToTube(sealed)).toEqual({ ok: false, code: "tube_sealed" });
  });

  it("undoes the last binding, reopening a full tube, and refuses undo on an empty one", () => {
    const full = bindTimes(openTube(5), 5);
    expect(ok(unbindLast(full))).toEqual({ status: "open", poolSize: 5, people: 4 });
    expect(unbindLast(openTube(5))).toEqual({ ok: false, code: "tube_empty" });
  });

  it("refuses to seal an empty tube or seal twice", () => {
    expect(sealTube(openTube(10))).toEqual({ ok: false, code: "tube_empty" });
    const sealed = ok(sealTube(bindTimes(openTube(10), 1)));
    expect(sealTube(sealed)).toEqual({ ok: false, code: "tube_sealed" });
  });

  it("lets an override reopen a sealed tube with room, never a full or packed one", () => {
    const early = ok(sealTube(bindTimes(openTube(10), 4)));
    expect(ok(reopenTube(early))).toMatchObject({ status: "open", people: 4 });
    expect(reopenTube(bindTimes(openTube(5), 5))).toEqual({ ok: false, code: "tube_full" });
    const boxed = ok(advanceTube(early, "boxed"));
    expect(reopenTube(boxed)).toEqual({ ok: false, code: "tube_used" });
  });

  it("moves a sealed tube along the chain in order only", () => {
    const open = bindTimes(openTube(10), 2);
    expect(advanceTube(open, "boxed")).toEqual({ ok: false, code: "tube_open" });
    const sealed = ok(sealTube(open));
    expect(advanceTube(sealed, "received")).toEqual({ ok: false, code: "out_of_order" });
    const resulted = ok(
      advanceTube(ok(advanceTube(ok(advanceTube(sealed, "boxed")), "received")), "resulted"),
    );
    expect(resulted.status).toBe("resulted");
    expect(unbindLast(resulted)).toEqual({ ok: false, code: "tube_sealed" });
    expect(bindToTube(resulted)).toEqual({ ok: false, code: "tube_sealed" });
  });
});

type Action = "bind" | "unbind" | "seal" | "reopen";

describe("tube invariants (property)", () => {
  const actions = fc.array(fc.constantFrom<Action>("bind", "unbind", "seal", "reopen"), { maxLength: 80 });
  const poolSize = fc.constantFrom(1, 5, 10, 20);

  it("never holds more people than its pool size, nor fewer than none", () => {
    fc.assert(
      fc.property(poolSize, actions, (size, steps) => {
        let tube = openTube(size);
        for (const action of steps) {
          const step = apply(tube, action);
          if (step.ok) tube = step.tube;
          expect(tube.people).toBeGreaterThanOrEqual(0);
          expect(tube.people).toBeLessThanOrEqual(tube.poolSize);
          // A full tube is never left open: it seals itself.
          if (tube.people === tube.poolSize) expect(tube.status).toBe("sealed");
        }
      }),
    );
  });

  it("takes no one once sealed, and refuses undo of an empty tube", () => {
    fc.assert(
      fc.property(poolSize, actions, (size, steps) => {
        let tube = openTube(size);
        for (const action of steps) {
          const before = tube;
          const step = apply(tube, action);
          if (before.status === "sealed" && action === "bind") expect(step.ok).toBe(false);
          if (before.people === 0 && action === "unbind")
            expect(step).toEqual({ ok: false, code: "tube_empty" });
          if (step.ok) tube = step.tube;
        }
      }),
    );
  });

  it("counts exactly the binds minus the undos that were accepted", () => {
    fc.assert(
      fc.property(poolSize, actions, (size, steps) => {
        let tube = openTube(size);
        let count = 0;
        for (const action of steps) {
          const step = apply(tube, action);
          if (!step.ok) continue;
          if (action === "bind") count += 1;
          if (action === "unbind") count -= 1;
          tube = step.tube;
        }
        expect(tube.people).toBe(count);
      }),
    );
  });
});

function apply(tube: TubeState, action: Action): TubeStep {
  switch (action) {
    case "bind":
      return bindToTube(tube);
    case "unbind":
      return unbindLast(tube);
    case "seal":
      return sealTube(tube);
    case "reopen":
      return reopenTube(tube);
  }
}
