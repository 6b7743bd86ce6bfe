// What the graph's nodes are given at construction: store, translators, target opener, clock.
// Nodes never read process.env or build their own clients.
import type { Store } from "../store/index.js";
import type { ProgressEvent } from "../contracts/progress.js";
import type { Target } from "../contracts/target.js";
import type { Session } from "../engine/domain.js";
import type { Translator } from "../agents/translator/translator.js";

/** An opened target: agents collect, re-read and act through it, never through a domain's tools. */
export type OpenedTarget = Session;

export type GraphProgress = ProgressEvent | { type: "stage"; stage: string };

export interface GraphDeps {
  store: Store;
  translators: { offline: Translator; llm?: Translator };
  openTarget(target: Target): Promise<OpenedTarget>;
  now(): Date;
  onProgress?: (event: GraphProgress) => void;
}
