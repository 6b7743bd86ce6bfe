// The simulated account: its state, loaded from and saved atomically to one JSON file, and
// reloaded when someone edits the file behind our back (drift, as in a console).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { AgpmError } from "../../core/errors.js";
import { SandboxLookup } from "./lookup.js";
import { parseSandboxText, parseSandboxValue } from "./parse.js";
import type { SandboxState } from "./schema.js";

interface Stamp {
  mtimeMs: number;
  ctimeMs: number;
  size: number;
  ino: number;
}

function stampOf(file: string): Stamp | null {
  try {
    const { mtimeMs, ctimeMs, size, ino } = statSync(file);
    return { mtimeMs, ctimeMs, size, ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size && a.ino === b.ino;
}

function readState(file: string): { state: SandboxState; stamp: Stamp } {
  const before = stampOf(file);
  if (before === null) {
    throw new AgpmError("SANDBOX_FILE_INVALID", `Sandbox file ${file} does not exist (create one with \`generateDemoAccount\` + \`writeSandboxFile\`)`, {
      details: { file, path: "$", problem: "missing file" },
    });
  }
  const state = parseSandboxText(readFileSync(file, "utf8"), file);
  return { state, stamp: before };
}

let tempCounter = 0;

/** Writes text to `file` atomically: a temp file in the same directory, then rename. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * One sandbox account. Handlers read `state` and mutate it in place; every write is followed by `save()`.
 *
 * @example
 * const account = SandboxAccount.load("sandbox.json");
 * const clients = createSandboxClients(account);
 */
export class SandboxAccount {
  /** The file this account persists to; undefined for an in-memory account. */
  readonly file: string | undefined;
  private current: SandboxState;
  private stamp: Stamp | null = null;
  private lookupCache: SandboxLookup | null = null;
  /** Writers waiting for the next coalesced save (see saveSoon). */
  private pending: Array<{ resolve: () => void; reject: (error: unknown) => void }> | null = null;

  private constructor(state: SandboxState, file: string | undefined) {
    this.current = state;
    this.file = file;
  }

  /** Loads and validates a file; throws SANDBOX_FILE_INVALID (missing or malformed), never half-loads. */
  static load(file: string): SandboxAccount {
    const { state, stamp } = readState(file);
    const account = new SandboxAccount(state, file);
    account.stamp = stamp;
    return account;
  }

  /** Validates a state (file format); with `file`, writes it there now and persists later writes. */
  static fromState(state: unknown, file?: string): SandboxAccount {
    const account = new SandboxAccount(parseSandboxValue(state), file);
    if (file !== undefined) account.save();
    return account;
  }

  /** The loaded state; handlers mutate it in place, then `save()`. */
  get state(): SandboxState {
    return this.current;
  }

  get account(): string {
    return this.current.account;
  }

  get defaultRegion(): string {
    return this.current.region;
  }

  /** Region and id indexes over the current state. */
  get lookup(): SandboxLookup {
    this.lookupCache ??= new SandboxLookup(this.current);
    return this.lookupCache;
  }

  /** Writes the state back to the file atomically (no-op for an in-memory account). */
  save(): void {
    if (this.file === undefined) return;
    writeFileAtomic(this.file, `${JSON.stringify(this.current, null, 2)}\n`);
    this.stamp = stampOf(this.file);
  }

  /**
   * Saves on the next turn of the event loop, once for every write made until then, and resolves
   * when the file holds them. Concurrent remediations of a large account share one write instead
   * of rewriting a multi-megabyte file per call.
   */
  saveSoon(): Promise<void> {
    if (this.file === undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (this.pending) {
        this.pending.push({ resolve, reject });
        return;
      }
      this.pending = [{ resolve, reject }];
      setImmediate(() => {
        const waiters = this.pending ?? [];
        this.pending = null;
        try {
          this.save();
          for (const w of waiters) w.resolve();
        } catch (error) {
          for (const w of waiters) w.reject(error);
        }
      });
    });
  }

  /** Reloads when the file changed since we last read or wrote it; true when it did. */
  refreshIfChanged(): boolean {
    // Unsaved writes win over an external edit: they are about to be written.
    if (this.file === undefined || this.pending) return false;
    if (sameStamp(stampOf(this.file), this.stamp)) return false;
    const { state, stamp } = readState(this.file);
    this.current = state;
    this.stamp = stamp;
    this.lookupCache = null;
    return true;
  }
}
