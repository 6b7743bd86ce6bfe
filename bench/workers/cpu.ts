// CPU accounting around a measured step: how busy the whole machine was (every process, Redis
// and PostgreSQL included) and how much CPU the worker processes themselves used.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

interface MachineTimes {
  busy: number;
  total: number;
}

function machineTimes(): MachineTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

// Linux reports process times in clock ticks; 100 per second on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

interface ProcStat {
  name: string;
  /** User + system CPU seconds of the process itself. */
  seconds: number;
  /** The same of its children that have exited and been waited for. */
  childSeconds: number;
}

function readStat(pid: number | string): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]];
    if (utime === undefined || stime === undefined || cutime === undefined || cstime === undefined || [utime, stime, cutime, cstime].some((v) => !Number.isFinite(v))) return null;
    return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), seconds: (utime + stime) / TICKS_PER_SECOND, childSeconds: (cutime + cstime) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, or null where /proc is not available. */
export function processCpuSeconds(pid: number): number | null {
  return readStat(pid)?.seconds ?? null;
}

/** PostgreSQL and Redis server processes on this machine, by pid, with their CPU seconds so far. */
function serviceTimes(): Map<string, number> | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const times = new Map<string, number>();
  for (const pid of pids) {
    const stat = readStat(pid);
    // A backend that exited is counted in its parent's (the postmaster's) children time.
    if (stat && (stat.name === "postgres" || stat.name.startsWith("redis-server"))) times.set(pid, stat.seconds + stat.childSeconds);
  }
  return times;
}

export interface CpuUse {
  /** Share of all cores' time that was busy (0..1), across every process on the machine. */
  machineBusy: number;
  /** CPU seconds the given processes used, null when it cannot be read. */
  processSeconds: number | null;
  /** CPU seconds local PostgreSQL and Redis server processes used, null when it cannot be read. */
  serviceSeconds: number | null;
  /** CPU seconds this benchmark process used (producing, waiting, reading results). */
  benchSeconds: number;
  /** CPU seconds the whole machine was busy. */
  machineSeconds: number;
}

/** Starts measuring; the returned function reports the use since then. */
export function startCpuMeter(pids: readonly number[]): () => CpuUse {
  const before = machineTimes();
  const procBefore = pids.map(processCpuSeconds);
  const servicesBefore = serviceTimes();
  const benchBefore = process.cpuUsage();
  return () => {
    const bench = process.cpuUsage(benchBefore);
    const after = machineTimes();
    const procAfter = pids.map(processCpuSeconds);
    const servicesAfter = serviceTimes();
    const readable = procBefore.every((v) => v !== null) && procAfter.every((v) => v !== null);
    const processSeconds = readable ? procAfter.reduce<number>((sum, v, i) => sum + (v ?? 0) - (procBefore[i] ?? 0), 0) : null;
    let serviceSeconds: number | null = null;
    if (servicesBefore && servicesAfter) {
      serviceSeconds = 0;
      // A backend that started in between counts from zero.
      for (const [pid, seconds] of servicesAfter) serviceSeconds += seconds - (servicesBefore.get(pid) ?? 0);
    }
    const total = after.total - before.total;
    return { machineBusy: total > 0 ? (after.busy - before.busy) / total : 0, processSeconds, serviceSeconds, benchSeconds: (bench.user + bench.system) / 1e6, machineSeconds: (after.busy - before.busy) / 1000 };
  };
}
