// The progress line on a terminal: kinds and partitions collected, then resources evaluated, as they happen.
import { describe, expect, it } from "vitest";
import { createProgress } from "../../cli/progress.js";
import type { CliIo } from "../../cli/io.js";

function io(interactive: boolean): CliIo & { written: string[] } {
  const written: string[] = [];
  return { written, stdout: () => undefined, stderr: (t) => written.push(t), env: {}, cwd: "/", interactive, color: false };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 130));

describe("on a terminal", () => {
  it("shows resources, kinds and partitions collected, then resources and rule checks evaluated", async () => {
    const term = io(true);
    const progress = createProgress(term);
    try {
      progress.onProgress({ type: "stage", stage: "collecting" });
      progress.onProgress({ type: "collect-done", kind: "aws.s3.bucket", region: "eu-west-1", count: 3 });
      progress.onProgress({ type: "collect-done", kind: "aws.ec2.instance", region: "us-east-1", count: 2 });
      await tick();
      expect(term.written.at(-1)).toContain("collecting… 5 resources (2 kinds, 2 partitions)");
      progress.onProgress({ type: "stage", stage: "evaluating" });
      progress.onProgress({ type: "evaluated", resources: 500, total: 1200, findings: 1500 });
      await tick();
      expect(term.written.at(-1)).toContain("evaluating… 500/1200 resources, 1500 rule checks");
    } finally {
      progress.stop();
    }
  });
});

describe("when stderr is not a terminal", () => {
  it("writes nothing", async () => {
    const pipe = io(false);
    const progress = createProgress(pipe);
    progress.onProgress({ type: "stage", stage: "collecting" });
    await tick();
    progress.stop();
    expect(pipe.written).toEqual([]);
  });
});
