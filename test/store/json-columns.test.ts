// Sibling of the evidence defect: every JSON column takes a value in the form it keeps, so what a
// writer accepts (undefined keys, Dates, NaN, bigint from SDK objects) always reads back.
import { describe, expect, it } from "vitest";
import { eachBackend, useTempStore } from "./helpers.js";

const sdkLike = { Enabled: undefined, Since: new Date("2025-02-03T04:05:06.000Z"), Ratio: Number.NaN, Bytes: 12n, Rules: [undefined, 1] };
const stored = { Since: "2025-02-03T04:05:06.000Z", Ratio: null, Bytes: "12", Rules: [null, 1] };

eachBackend((kind) => {
  const env = useTempStore(kind);

  describe("when a remediation's before/after or a run's result hold SDK-shaped values", () => {
    it("stores their JSON form and reads it back", async () => {
      const { id } = await env.store.audit.appendAudit({ actor: "a", result: "verified", before: sdkLike, after: { ...sdkLike, Enabled: true } });
      const [event] = await env.store.audit.listAudit();
      expect(event).toMatchObject({ id, before: stored, after: { ...stored, Enabled: true } });

      const run = await env.store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      const updated = await env.store.runs.updateRun(run.id, { result: { summary: sdkLike }, error: { code: "X", message: "m", details: { big: 1n, gone: undefined } } });
      expect(updated.result).toEqual({ summary: stored });
      expect(updated.error).toEqual({ code: "X", message: "m", details: { big: "1" } });
      expect((await env.store.runs.listRuns())[0]).toEqual(updated);
    });

    it("refuses a value JSON cannot hold (circular), naming the field", async () => {
      const loop: Record<string, unknown> = {};
      loop.self = loop;
      await expect(env.store.audit.appendAudit({ actor: "a", result: "verified", before: loop })).rejects.toMatchObject({
        code: "INPUT_INVALID",
        message: expect.stringMatching(/^invalid audit event at \$\.before: not representable as JSON/),
      });
    });
  });
});
