// The graph dependencies the benchmark process itself needs (to publish a policy before the
// workers start): the run's shared store, the offline translator and the sandbox opener.
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { Store } from "../../store/index.js";
import { openSession } from "../../engine/registry.js";

export function benchGraphDeps(store: Store): GraphDeps {
  return {
    store,
    translators: { offline: createOfflineTranslator() },
    openTarget: (target) => openSession(target, { concurrency: 16 }),
    now: () => new Date(),
  };
}

