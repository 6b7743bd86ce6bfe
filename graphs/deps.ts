// What the graph's nodes are given at construction: store, translators, target opener, clock.
// Nodes never read process.env or build their own clients.
import type { Store } from "../store/index.js";
import type { ProgressEvent } from "../tools/aws/context.js";
import type { openTarget, Target } from "../tools/aws/target.js";
import type { Translator } from "../agents/translator/translator.js";

export type OpenedTarget = Awaited<ReturnType<typeof openTarget>>;

export type GraphProgress = ProgressEvent | { type: "stage"; stage: string };

export interface GraphDeps {
  store: Store;
  translators: { offline: Translator; llm?: Translator };
  openTarget(target: Target): Promise<OpenedTarget>;
  now(): Date;
  onProgress?: (event: GraphProgress) => void;
}
