// The CLI's connection to the world, injectable so tests run commands in-process.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal: show progress. */
  interactive: boolean;
  /** Colours allowed on stdout. */
  color: boolean;
  /** stdout's width when it is a terminal; tables fit it. Absent for pipes and files. */
  columns?: number;
}

export function processIo(): CliIo {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "";
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true,
    color: !noColor && (process.stdout.isTTY === true || process.env.FORCE_COLOR !== undefined),
    ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
  };
}
