import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { createLimiter } from "../../tools/aws/limiter.js";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("when many tasks share a limiter", () => {
  it("never runs more than the limit at once, and does reach it", async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const tasks = Array.from({ length: 20 }, (_, i) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        running -= 1;
        return i;
      }),
    );
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it("starts waiting tasks in arrival order", async () => {
    const limiter = createLimiter(1);
    const started: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.run(async () => { started.push(i); await tick(); })));
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it("frees the slot when a task fails", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "next")).toBe("next");
  });
});

describe("when the limit is not a positive integer", () => {
  it("refuses it as invalid configuration", () => {
    for (const bad of [0, -1, 1.5]) {
      let caught: unknown;
      try { createLimiter(bad); } catch (e) { caught = e; }
      expect(isAgpmError(caught, "CONFIG_INVALID")).toBe(true);
    }
  });
});
