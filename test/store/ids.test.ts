import { describe, expect, it } from "vitest";
import { newId } from "../../store/index.js";

describe("when ids are generated", () => {
  it("sorts them in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 5_000 }, () => newId("evt"));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("orders by the clock across milliseconds and keeps a fixed width", () => {
    const early = newId("run", Date.parse("2030-01-01T00:00:00Z"));
    const late = newId("run", Date.parse("2030-01-01T00:00:00.001Z"));
    expect(early < late).toBe(true);
    expect(early).toMatch(/^run_[0-9a-z]{22}$/);
    expect(late.length).toBe(early.length);
  });
});
