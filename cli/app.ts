// Wires the application for one CLI invocation: configuration, store, checkpointer,
// translators and the target opener, built once and passed down.
import type { SessionOptions } from "../engine/domain.js";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { loadConfig, resolvePaths, type Config, type ResolvedPaths } from "../core/config.js";
import type { Translator } from "../agents/translator/translator.js";
import type { GraphDeps } from "../graphs/deps.js";
import { openStore, unreadableWarning, type Store } from "../store/index.js";
import type { Target } from "../contracts/target.js";
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

// The domains' registry (and with it the parser and the AWS SDK) and the LLM client are loaded on
// first use, so listing policies, findings or runs stays quick.
const lazyOpenTarget = async (target: Target, options: SessionOptions) => (await import("../engine/registry.js")).openSession(target, options);

/** Opens targets with the configured concurrency, reporting AWS progress to `onProgress`. */
function targetOpener(config: Config, onProgress: NonNullable<GraphDeps["onProgress"]>, now: () => Date): GraphDeps["openTarget"] {
  return (target) => lazyOpenTarget(target, { concurrency: config.concurrency, onProgress, now });
}

/** The graph dependencies again, with AWS progress going to `onProgress` (e.g. a worker's metrics). */
export function withProgress(app: Pick<App, "config" | "deps">, onProgress: NonNullable<GraphDeps["onProgress"]>): GraphDeps {
  const { config, deps } = app;
  return { ...deps, onProgress, openTarget: targetOpener(config, onProgress, deps.now) };
}

/** The offline translator, its parser and the domains' vocabulary loaded at the first translation. */
function lazyOfflineTranslator(): Translator {
  let loaded: Promise<Translator> | undefined;
  return {
    name: "offline",
    async translate(input) {
      loaded ??= import("../agents/translator/offline.js").then((m) => m.createOfflineTranslator());
      return (await loaded).translate(input);
    },
  };
}

function lazyLlmTranslator(settings: Config["llm"]): Translator {
  return {
    name: "llm",
    async translate(input) {
      const { createChatModel, createLlmTranslator } = await import("../agents/translator/llm.js");
      return createLlmTranslator(createChatModel(settings)).translate(input);
    },
  };
}

export async function openApp(io: CliIo, options: { progress?: boolean } = {}): Promise<App> {
  const config = loadConfig(io.env);
  const paths = resolvePaths(config, io.cwd);
  mkdirSync(dirname(paths.dbFile), { recursive: true });
  // A configured PostgreSQL URL (AGPM_DATABASE_URL) wins over the embedded SQLite file.
  const store = await openStore({
    ...(config.databaseUrl === undefined
      ? { file: paths.dbFile }
      : { databaseUrl: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) }),
    // Rows a listing could not read are left out; say so where the user looks.
    onUnreadable: (report) => io.stderr(`${unreadableWarning(report)}\n`),
    onWarning: (message) => io.stderr(`${message}\n`),
    findingsRetentionDays: config.findingsRetentionDays,
  });
  const checkpointer = store.checkpointer;
  const now = () => new Date();
  const progress = options.progress ? createProgress(io) : createProgress({ ...io, interactive: false });
  const deps: GraphDeps = {
    store,
    translators: {
      offline: lazyOfflineTranslator(),
      // Configured when an endpoint or key is given; otherwise `--translator llm` says how to set it up.
      ...(config.llm.baseUrl || config.llm.apiKey ? { llm: lazyLlmTranslator(config.llm) } : {}),
    },
    openTarget: targetOpener(config, progress.onProgress, now),
    now,
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
