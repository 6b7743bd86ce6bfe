// The simulated account: its state, loaded from and saved atomically to one JSON file, and
// reloaded when someone edits the file behind our back (drift, as in a console). Several
// processes (workers) may write one file: each write runs under a lock file (file-lock.ts).
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { AgpmError } from "../../../core/errors.js";
import { FileLock, LOCK_TIMEOUT_MS } from "./file-lock.js";
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

/** Options of `SandboxAccount.load`. */
export interface SandboxLoadOptions {
  /**
   * A write waits at most this long for one other holder of the file's lock, and a lock nobody
   * touched for this long (or whose process is gone) is taken over. Default 10,000 ms.
   */
  lockTimeoutMs?: number;
}

/**
 * One sandbox account. Reads look at `state`; writes go through `write()`, which serialises them
 * with other processes writing the same file.
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
  private readonly lock: FileLock | null;

  private constructor(state: SandboxState, file: string | undefined, options: SandboxLoadOptions = {}) {
    this.current = state;
    this.file = file;
    this.lock = file === undefined ? null : new FileLock(`${file}.lock`, options.lockTimeoutMs ?? LOCK_TIMEOUT_MS);
  }

  /** Loads and validates a file; throws SANDBOX_FILE_INVALID (missing or malformed), never half-loads. */
  static load(file: string, options: SandboxLoadOptions = {}): SandboxAccount {
    const { state, stamp } = readState(file);
    const account = new SandboxAccount(state, file, options);
    account.stamp = stamp;
    return account;
  }

  /** Validates a state (file format); with `file`, writes it there now and persists later writes. */
  static fromState(state: unknown, file?: string): SandboxAccount {
    const account = new SandboxAccount(parseSandboxValue(state), file);
    if (file !== undefined) account.save();
    return account;
  }

  /** The loaded state; read it freely, change it only inside `write()`. */
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

  /**
   * Runs `mutate` (which changes `state` in place) as one write, and resolves with its result once
   * the file holds it. The first write of an event-loop turn takes the file's lock (waiting for
   * another writer if need be) and re-reads the file if someone else wrote it; the turn's other
   * writes find the lock held and just mutate; one save at the end of the turn writes them all and
   * releases the lock — also when `mutate` or the save throws.
   *
   * @throws AgpmError AWS_THROTTLED when another process holds the lock for longer than lockTimeoutMs;
   *         SANDBOX_FILE_INVALID when the file someone else wrote does not load; whatever `mutate` throws.
   */
  write<T>(mutate: () => T): Promise<T> {
    const waiting = this.lock?.acquire() ?? null;
    if (waiting) return waiting.then(() => this.writeLocked(mutate));
    try {
      return this.writeLocked(mutate);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private writeLocked<T>(mutate: () => T): Promise<T> {
    let output: T;
    try {
      // Nobody else writes while we hold the lock, so this reads the file only after another writer.
      this.refreshIfChanged();
      output = mutate();
    } catch (error) {
      // Earlier writes of this turn still need their save, which releases the lock.
      if (!this.pending) this.lock?.release();
      throw error;
    }
    return this.saveSoon().then(() => output);
  }

  /**
   * Writes the state back to the file atomically now (no-op for an in-memory account). It does
   * not take the lock: for creating a file; changes to a shared one go through `write()`.
   */
  save(): void {
    if (this.file === undefined) return;
    writeFileAtomic(this.file, `${JSON.stringify(this.current, null, 2)}\n`);
    this.stamp = stampOf(this.file);
  }

  /**
   * Saves on the next turn of the event loop, once for every write made until then, and resolves
   * when the file holds them. Concurrent remediations of a large account share one write instead
   * of rewriting a multi-megabyte file per call. Releases the write lock once saved (or failed).
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
          try {
            this.save();
          } finally {
            this.lock?.release();
          }
        } catch (error) {
          for (const w of waiters) w.reject(error);
          return;
        }
        for (const w of waiters) w.resolve();
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
