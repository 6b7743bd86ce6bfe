// A progress line on stderr while collecting (terminals only), so long scans show life.
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
  let throttles = 0;
  let frame = 0;
  const draw = () => {
    const extra = stage === "collecting" ? ` ${plural(collected, "resource")}${throttles ? `, ${plural(throttles, "throttled call")} retried` : ""}` : "";
    io.stderr(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${stage}…${extra}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    onProgress(event) {
      if (event.type === "stage") stage = event.stage;
      else if (event.type === "collect-done") collected += event.count;
      else if (event.type === "throttled") throttles++;
    },
    stop() {
      clearInterval(timer);
      io.stderr("\r\x1b[2K");
    },
  };
}
