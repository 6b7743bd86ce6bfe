// The simulated account: its state, loaded from and saved atomically to one JSON file, and
// reloaded when someone edits the file behind our back (drift, as in a console). Several
// processes (workers) may write one file: each write runs under a lock file, see FileLock.
import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
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

/** How long a lock may go untouched before it counts as abandoned, and how long a writer waits for one holder. */
const LOCK_TIMEOUT_MS = 10_000;
const HOST = hostname();

interface LockOwner {
  pid: number;
  host: string;
  at: string;
  token: string;
}

/** What a waiter sees of someone else's lock file. */
interface LockSighting {
  /** Changes when the lock changes hands (a touch of the same lock does not). */
  key: string;
  mtimeMs: number;
  owner: LockOwner | null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string"
      ? { pid: value.pid, host: value.host, at: String(value.at), token: value.token }
      : null;
  } catch {
    return null; // being written, or not one of ours: judged by its age alone
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `${file}.lock`, created exclusively ("wx") by the one process allowed to write the file; it
 * holds the owner's pid, host, time and a token. Held from the first write of an event-loop turn
 * until the coalesced save of that turn, so for milliseconds: a lock whose (same-host) pid is
 * dead, or that nobody touched for `timeoutMs`, was abandoned and is removed.
 */
class FileLock {
  private token: string | null = null;
  private waiting: Promise<void> | null = null;

  constructor(
    readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  get held(): boolean {
    return this.token !== null;
  }

  /** Takes the lock: null when taken at once, else a promise that settles when taken (or given up). */
  acquire(): Promise<void> | null {
    if (this.token !== null) return null;
    if (this.waiting) return this.waiting;
    const other = this.attempt();
    if (other === null) return null;
    // Waiting asynchronously: a worker running two jobs has two accounts on one file, and the
    // holder's save needs this process's event loop to run.
    this.waiting = this.wait(other).finally(() => {
      this.waiting = null;
    });
    return this.waiting;
  }

  release(): void {
    const token = this.token;
    if (token === null) return;
    this.token = null;
    // Only our own lock: if we stalled past the timeout, someone may have taken over.
    if (this.sight()?.owner?.token === token) rmSync(this.path, { force: true });
  }

  private async wait(first: LockSighting): Promise<void> {
    let seen = first;
    let since = Date.now();
    for (;;) {
      await sleep(2 + Math.random() * 3);
      const now = this.attempt();
      if (now === null) return;
      if (now.key !== seen.key) {
        seen = now;
        since = Date.now();
      } else if (Date.now() - since > this.timeoutMs) {
        const holder = now.owner ? `pid ${now.owner.pid} on ${now.owner.host} since ${now.owner.at}` : "an unknown process";
        // Transient, like AWS throttling: the worker retries the job later.
        throw new AgpmError("AWS_THROTTLED", `Sandbox lock ${this.path} is held by ${holder}; gave up after ${this.timeoutMs} ms (remove it if no agpm process is running)`, {
          details: { lock: this.path, holder: now.owner, waitedMs: Date.now() - since },
        });
      }
    }
  }

  /** One try: null when we now hold the lock, else the lock that is in the way. */
  private attempt(): LockSighting | null {
    for (let tries = 0; tries < 3; tries++) {
      if (this.create()) return null;
      const other = this.sight();
      if (other === null) continue; // released between our two calls
      if (!this.abandoned(other)) return other;
      this.breakAbandoned(other);
    }
    // The lock kept changing hands under us: that is progress, not a stuck holder.
    return { key: randomUUID(), mtimeMs: Date.now(), owner: null };
  }

  private create(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    }
    const owner: LockOwner = { pid: process.pid, host: HOST, at: new Date().toISOString(), token: randomUUID() };
    try {
      writeSync(fd, JSON.stringify(owner));
    } catch (error) {
      rmSync(this.path, { force: true });
      throw error;
    } finally {
      closeSync(fd);
    }
    this.token = owner.token;
    return true;
  }

  private sight(): LockSighting | null {
    try {
      const { mtimeMs, ino } = statSync(this.path);
      const text = readFileSync(this.path, "utf8");
      return { key: `${ino}:${text}`, mtimeMs, owner: parseOwner(text) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  private abandoned(lock: LockSighting): boolean {
    if (Date.now() - lock.mtimeMs > this.timeoutMs) return true;
    return lock.owner !== null && lock.owner.host === HOST && !isAlive(lock.owner.pid);
  }

  /**
   * Removes an abandoned lock under a second, short-lived lock: without it, two waiters could
   * both judge the same dead lock, and the slower one would delete the lock the faster one
   * has just created.
   */
  private breakAbandoned(lock: LockSighting): void {
    const guard = `${this.path}.break`;
    let fd: number;
    try {
      fd = openSync(guard, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Someone else is breaking it; a guard left by a breaker that died goes by age.
      const age = Date.now() - (stampOf(guard)?.mtimeMs ?? Date.now());
      if (age > this.timeoutMs) rmSync(guard, { force: true });
      return;
    }
    try {
      const now = this.sight();
      if (now?.key === lock.key) rmSync(this.path, { force: true });
    } finally {
      closeSync(fd);
      rmSync(guard, { force: true });
    }
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
