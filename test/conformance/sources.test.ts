// Every registered source, from the registry (a new domain's sources join by being listed), through
// the conformance suite: simulated ones end to end, live ones through the source that rehearses them.
import { describe, expect, it } from "vitest";
import { SOURCES } from "../../engine/registry.js";
import { describeRehearsedBy, describeSource, simulated } from "./suite.js";

describe("every source", () => {
  it("declares how it is rehearsed: by simulation, with initSimulated, or by another named source", () => {
    for (const source of SOURCES) {
      if (source.rehearsal.by === "simulation") expect(source.initSimulated, source.name).toBeTypeOf("function");
      else expect(SOURCES.map((s) => s.name), source.name).toContain(source.rehearsal.source);
    }
  });
});

for (const source of SOURCES) {
  if (source.rehearsal.by === "simulation") describeSource(source.name, simulated(source, { resources: 300, seed: 1 }), simulated(source));
  else describeRehearsedBy(source.name);
}
