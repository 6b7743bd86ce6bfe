// A real graph environment for tests: a store on a temporary file, the offline translator,
// an optional LLM translator over a LangChain fake chat model, and a demo sandbox account.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { createLlmTranslator } from "../../agents/translator/llm.js";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import type { GraphDeps, GraphProgress } from "../../graphs/deps.js";
import type { RunOptionsInput } from "../../contracts/run.js";
import { openSession } from "../../engine/registry.js";
import { openStore, type Store } from "../../store/index.js";
import { generateDemoAccount, writeSandboxFile, type SandboxFaults } from "../../tools/aws/sandbox/index.js";

export interface GraphEnv {
  deps: GraphDeps;
  store: Store;
  sandboxFile: string;
  events: GraphProgress[];
  options(overrides?: Partial<RunOptionsInput>): RunOptionsInput;
  close(): Promise<void>;
}

export async function createGraphEnv(settings: { llmResponses?: string[]; faults?: SandboxFaults } = {}): Promise<GraphEnv> {
  const dir = mkdtempSync(join(tmpdir(), "agpm-graph-"));
  const sandboxFile = join(dir, "sandbox.json");
  writeSandboxFile(sandboxFile, generateDemoAccount());
  const store = await openStore({ file: join(dir, "agpm.db") });
  const events: GraphProgress[] = [];
  const llm = settings.llmResponses ? createLlmTranslator(new FakeListChatModel({ responses: settings.llmResponses })) : undefined;
  const deps: GraphDeps = {
    store,
    translators: { offline: createOfflineTranslator(), ...(llm ? { llm } : {}) },
    // The registry opens it through its source, as the CLI does.
    openTarget: (target) => openSession(target, { retry: { baseDelayMs: 1, maxDelayMs: 5 }, onProgress: (e) => events.push(e) }),
    now: () => new Date(),
    onProgress: (e) => events.push(e),
  };
  return {
    deps,
    store,
    sandboxFile,
    events,
    options: (overrides = {}) => ({
      command: "check",
      maxChanges: 10,
      maxTranslationAttempts: 3,
      actor: "tester",
      target: { type: "sandbox", file: sandboxFile, ...(settings.faults ? { faults: settings.faults } : {}) },
      ...overrides,
    }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
