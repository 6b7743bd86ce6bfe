// A lock file next to the sandbox file, so several processes (workers) can write one account:
// created exclusively, touched while held, taken over when its owner is gone or silent.
// Not proper-lockfile: it judges a lock by mtime alone (a dead holder blocks for `stale`, ≥ 2 s,
// where a dead pid here is taken over at once), records no holder to name in the error, and
// its timer-driven refresh and compromised-lock crash do not fit a lock held for one turn.
import { randomUUID } from "node:crypto";
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { AgpmError } from "../../../core/errors.js";

/** How long a lock may go untouched before it counts as abandoned, and how long a writer waits for one holder. */
function mtimeOf(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export const LOCK_TIMEOUT_MS = 10_000;
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
export class FileLock {
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
      const age = Date.now() - (mtimeOf(guard) ?? Date.now());
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
