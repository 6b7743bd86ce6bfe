// Reading a child process's stdout line by line, for tests that coordinate real processes.
import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** Resolves with each line a child prints, in order; after it exits, with its stderr. */
export function lineReader(child: ChildProcessWithoutNullStreams): () => Promise<string> {
  let buffered = "";
  let stderr = "";
  let exited: string | undefined;
  const waiting: Array<(line: string) => void> = [];
  const lines: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.on("close", (code) => {
    exited = `child exited (${code}): ${stderr}`;
    for (const waiter of waiting.splice(0)) waiter(exited);
  });
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  return () =>
    new Promise((resolve) => {
      if (lines.length > 0) resolve(lines.shift()!);
      else if (exited !== undefined) resolve(exited);
      else waiting.push(resolve);
    });
}
