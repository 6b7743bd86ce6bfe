// Suggestions offered with a refusal read as sentences: acronyms and service names keep their case.
import { describe, expect, it } from "vitest";
import { suggestControls } from "../../agents/translator/suggest.js";
import { CONTROLS } from "../../engine/registry.js";

describe("suggestControls", () => {
  it("keeps acronyms and names as the catalogue writes them", () => {
    const examples = (intent: string) => suggestControls(intent, 3).map((s) => s.example);
    expect(examples("snapshots of disks must be encrypted")).toContain("Ensure EBS snapshots are encrypted");
    expect(examples("bucket default encryption")).toContain("Ensure S3 buckets have default encryption");
    expect(examples("scaling groups span zones")).toContain("Ensure Auto Scaling groups span multiple Availability Zones");
    expect(examples("default security groups closed")).toContain("Ensure default security groups restrict all traffic");
  });

  it("never mis-cases a word of any control's example", () => {
    const all = suggestControls("anything", CONTROLS.length);
    expect(all).toHaveLength(CONTROLS.length);
    for (const s of all) expect(s.example, s.control).not.toMatch(/\b[a-z][A-Z0-9]/);
  });
});
