import { Annotation, Command, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCheckpointer, openStore } from "../../store/index.js";
import { eachBackend, sampleFinding, samplePolicy, tempDbFile, tempLocation } from "./helpers.js";
import type { TempLocation } from "./helpers.js";

const ApprovalState = Annotation.Root({
  request: Annotation<string>,
  decision: Annotation<string>,
  /** Updates the node wrote: the interrupted attempt writes none, the resumed re-run one. */
  writes: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});

/** A one-node graph that pauses for approval; built fresh for each "process". */
function approvalGraph(checkpointer: BaseCheckpointSaver) {
  return new StateGraph(ApprovalState)
    .addNode("approve", (state) => {
      const answer = interrupt<{ question: string }, string>({ question: `apply ${state.request}?` });
      return { decision: `${state.request}: ${answer}`, writes: 1 };
    })
    .addEdge(START, "approve")
    .addEdge("approve", END)
    .compile({ checkpointer });
}

let temp: ReturnType<typeof tempDbFile>;
beforeEach(() => {
  temp = tempDbFile();
});
afterEach(() => temp.cleanup());

describe("when a run pauses for approval and the process restarts", () => {
  it("resumes the paused thread from the same file with the human's answer", async () => {
    const config = { configurable: { thread_id: "run_approval_1" } };

    const before = createCheckpointer(temp.file);
    const first = approvalGraph(before);
    const paused = await first.invoke({ request: "s3.block-public-access" }, config);
    expect(paused.decision).toBeUndefined();
    const pending = await first.getState(config);
    expect(pending.tasks[0]?.interrupts[0]?.value).toEqual({ question: "apply s3.block-public-access?" });
    before.close();

    const after = createCheckpointer(temp.file);
    try {
      const graph = approvalGraph(after);
      expect((await graph.getState(config)).next).toEqual(["approve"]);
      const done = await graph.invoke(new Command({ resume: "approved by alice" }), config);
      expect(done.decision).toBe("s3.block-public-access: approved by alice");
      expect(done.writes).toBe(1);
      expect((await graph.getState(config)).next).toEqual([]);
    } finally {
      after.close();
    }
  });

  it("keeps threads apart", async () => {
    const checkpointer = createCheckpointer(temp.file);
    try {
      const graph = approvalGraph(checkpointer);
      await graph.invoke({ request: "a" }, { configurable: { thread_id: "a" } });
      await graph.invoke({ request: "b" }, { configurable: { thread_id: "b" } });
      const done = await graph.invoke(new Command({ resume: "no" }), { configurable: { thread_id: "b" } });
      expect(done.decision).toBe("b: no");
      expect((await graph.getState({ configurable: { thread_id: "a" } })).next).toEqual(["approve"]);
    } finally {
      checkpointer.close();
    }
  });
});

describe("when a graph checkpoints while the store is mid-transaction", () => {
  it("waits for the transaction instead of failing on a locked file", async () => {
    const store = await openStore({ file: temp.file });
    try {
      const run = await store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      const findings = Array.from({ length: 5_000 }, (_, i) => sampleFinding({ resourceId: `b-${i}` }));
      // Both start in the same tick: the insert's transaction spans several awaited statements.
      const [inserted, paused] = await Promise.all([
        store.findings.insertFindings(run.id, findings),
        approvalGraph(store.checkpointer).invoke({ request: "r" }, { configurable: { thread_id: "t" } }),
      ]);
      expect(inserted).toBe(5_000);
      expect(paused.request).toBe("r");
      expect((await store.checkpointer.getTuple({ configurable: { thread_id: "t" } }))?.checkpoint).toBeDefined();
    } finally {
      await store.close();
    }
  });
});

eachBackend((kind) => {
  let place: TempLocation;
  beforeEach(() => {
    place = tempLocation(kind);
  });
  afterEach(() => place.cleanup());

  describe("when the store is closed while a run waits for approval", () => {
    it("resumes through the store's own checkpointer after the store is reopened", async () => {
      const config = { configurable: { thread_id: "run_approval_2" } };
      const first = await openStore(place.location);
      await first.policies.createPolicy(samplePolicy(), "alice");
      await approvalGraph(first.checkpointer).invoke({ request: "ec2.require-imdsv2" }, config);
      await first.close();

      const second = await openStore(place.location);
      try {
        expect((await approvalGraph(second.checkpointer).getState(config)).next).toEqual(["approve"]);
        const done = await approvalGraph(second.checkpointer).invoke(new Command({ resume: "rejected" }), config);
        expect(done.decision).toBe("ec2.require-imdsv2: rejected");
        expect(done.writes).toBe(1);
        expect(await second.policies.getPolicy("s3-private")).not.toBeNull();
      } finally {
        await second.close();
      }
    });
  });

  describe("when two stores share the database, as two workers would", () => {
    it("lets the other one resume a pause, and keeps threads apart", async () => {
      const [a, b] = [await openStore(place.location), await openStore(place.location)];
      try {
        await approvalGraph(a.checkpointer).invoke({ request: "x" }, { configurable: { thread_id: "x" } });
        await approvalGraph(a.checkpointer).invoke({ request: "y" }, { configurable: { thread_id: "y" } });
        const done = await approvalGraph(b.checkpointer).invoke(new Command({ resume: "ok" }), { configurable: { thread_id: "y" } });
        expect(done.decision).toBe("y: ok");
        expect((await approvalGraph(a.checkpointer).getState({ configurable: { thread_id: "y" } })).next).toEqual([]);
        expect((await approvalGraph(b.checkpointer).getState({ configurable: { thread_id: "x" } })).next).toEqual(["approve"]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});
