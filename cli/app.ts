// Wires the application for one CLI invocation: configuration, store, checkpointer,
// translators and the target opener, built once and passed down.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { loadConfig, resolvePaths, type Config, type ResolvedPaths } from "../core/config.js";
import { createOfflineTranslator } from "../agents/translator/offline.js";
import { createChatModel, createLlmTranslator } from "../agents/translator/llm.js";
import type { GraphDeps } from "../graphs/deps.js";
import { openStore, type Store } from "../store/index.js";
import { openTarget } from "../tools/target.js";
import type { CliIo } from "./io.js";
import { createProgress, type Progress } from "./progress.js";

export interface App {
  config: Config;
  paths: ResolvedPaths;
  store: Store;
  checkpointer: Store["checkpointer"];
  deps: GraphDeps;
  progress: Progress;
  close(): Promise<void>;
}

export async function openApp(io: CliIo, options: { progress?: boolean } = {}): Promise<App> {
  const config = loadConfig(io.env);
  const paths = resolvePaths(config, io.cwd);
  mkdirSync(dirname(paths.dbFile), { recursive: true });
  const store = await openStore({ file: paths.dbFile });
  const checkpointer = store.checkpointer;
  const progress = options.progress ? createProgress(io) : createProgress({ ...io, interactive: false });
  const deps: GraphDeps = {
    store,
    translators: {
      offline: createOfflineTranslator(),
      // Configured when an endpoint or key is given; otherwise `--translator llm` says how to set it up.
      ...(config.llm.baseUrl || config.llm.apiKey ? { llm: createLlmTranslator(createChatModel(config.llm)) } : {}),
    },
    openTarget: (target) => openTarget(target, { concurrency: config.concurrency, onProgress: progress.onProgress }),
    now: () => new Date(),
    onProgress: progress.onProgress,
  };
  return {
    config, paths, store, checkpointer, deps, progress,
    async close() {
      progress.stop();
      await store.close();
    },
  };
}
