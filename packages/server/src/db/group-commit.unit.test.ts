import { describe, expect, it } from "vitest";
import { createGroupCommit, QueueFullError, type Settled } from "./group-commit";

/** A commit that "writes" to a log after a pause, like a flush to disk, and fails items named "bad". */
function makeStore(pauseMs = 5) {
  const committed: string[] = [];
  const groups: string[][] = [];
  const commit = async (items: string[]): Promise<Settled<number>[]> => {
    await new Promise((r) => setTimeout(r, pauseMs));
    groups.push(items);
    return items.map((item) => {
      if (item.startsWith("bad")) return { ok: false, error: new Error(`refused ${item}`) };
      committed.push(item);
      return { ok: true, value: committed.length };
    });
  };
  return { committed, groups, commit };
}

describe("group commit", () => {
  it("answers each of many concurrent items only after the commit that holds it, in few commits", async () => {
    const store = makeStore();
    const queue = createGroupCommit({
      maxWaiting: 1000,
      maxBatch: 100,
      concurrency: 1,
      commit: store.commit,
    });
    const items = Array.from({ length: 200 }, (_, i) => `scan-${i}`);
    const answers = await Promise.all(
      items.map(async (item) => {
        await queue.submit<number>(item, 1);
        // By the time the caller hears back, its item is in the store.
        return store.committed.includes(item);
      }),
    );
    expect(answers.every(Boolean)).toBe(true);
    expect(store.committed.sort()).toEqual([...items].sort());
    expect(store.groups.length).toBeLessThanOrEqual(4);
    expect(Math.max(...store.groups.map((g) => g.length))).toBeLessThanOrEqual(100);
  });

  it("fails only the bad item of a group, and every item when the commit itself throws", async () => {
    const store = makeStore();
    const queue = createGroupCommit({ maxWaiting: 100, maxBatch: 100, concurrency: 1, commit: store.commit });
    const settled = await Promise.allSettled(["a", "b", "bad-c", "d"].map((x) => queue.submit(x, 1)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);

    const broken = createGroupCommit<string, number>({
      maxWaiting: 100,
      maxBatch: 100,
      concurrency: 1,
      commit: async () => {
        throw new Error("disk full");
      },
    });
    const all = await Promise.allSettled(["x", "y"].map((x) => broken.submit(x, 1)));
    expect(all.every((s) => s.status === "rejected")).toBe(true);
  });

  it("refuses at once above its bound with a Retry-After, and still answers everything it took", async () => {
    const store = makeStore(20);
    const queue = createGroupCommit({ maxWaiting: 10, maxBatch: 5, concurrency: 1, commit: store.commit });
    const taken: Promise<number>[] = [];
    const refused: QueueFullError[] = [];
    for (let i = 0; i < 40; i++) {
      try {
        taken.push(queue.submit<number>(`scan-${i}`, 2));
      } catch (error) {
        expect(error).toBeInstanceOf(QueueFullError);
        refused.push(error as QueueFullError);
      }
    }
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.retryAfterSeconds >= 1)).toBe(true);
    await Promise.all(taken);
    await queue.drain();
    expect(store.committed.length).toBe(taken.length);
    expect(queue.waiting).toBe(0);
  });
});
