// A progress line on stderr while a run reads and evaluates (terminals only), so long scans show
// life: resources, kinds and partitions collected as each listing finishes, then resources evaluated.
import type { GraphProgress } from "../graphs/deps.js";
import type { CliIo } from "./io.js";
import { plural } from "../core/plural.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface Progress {
  onProgress(event: GraphProgress): void;
  stop(): void;
}

export function createProgress(io: CliIo): Progress {
  if (!io.interactive) return { onProgress: () => undefined, stop: () => undefined };
  let stage = "starting";
  let collected = 0;
  const kinds = new Set<string>();
  const partitions = new Set<string>();
  let evaluated = { resources: 0, total: 0, findings: 0 };
  let throttles = 0;
  let frame = 0;
  const retried = () => (throttles ? `, ${plural(throttles, "throttled call")} retried` : "");
  const extra = (): string => {
    if (stage === "collecting") return ` ${plural(collected, "resource")} (${plural(kinds.size, "kind")}, ${plural(partitions.size, "partition")})${retried()}`;
    if (stage === "evaluating") return ` ${evaluated.resources.toLocaleString("en-US")}/${plural(evaluated.total, "resource")}, ${plural(evaluated.findings, "rule check")}`;
    return "";
  };
  const draw = () => {
    io.stderr(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${stage}…${extra()}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    onProgress(event) {
      if (event.type === "stage") stage = event.stage;
      else if (event.type === "collect-done") {
        collected += event.count;
        kinds.add(event.kind);
        partitions.add(event.region);
      } else if (event.type === "evaluated") evaluated = event;
      else if (event.type === "throttled") throttles++;
    },
    stop() {
      clearInterval(timer);
      io.stderr("\r\x1b[2K");
    },
  };
}
