// Vitest globalSetup: checks once that PostgreSQL and Redis answer, and otherwise stops the whole
// suite with one message naming the service and how to start it (not a wall of connection errors).
import { connect } from "node:net";
import pg from "pg";

/** Long enough for a loaded local server, short enough that a dead one fails the run at once. */
const CHECK_TIMEOUT_MS = 2_000;

const START_HINT = "run scripts/ensure-services.sh (it starts both and waits until they answer)";

const POSTGRES_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
const REDIS_START =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** Resolves when `select 1` succeeds; rejects with the driver's reason otherwise. */
async function checkPostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Resolves when Redis answers PING (after AUTH when the URL carries credentials). */
function checkRedis(redisUrl: string): Promise<void> {
  const url = new URL(redisUrl);
  const auth = url.password === "" ? "" : `AUTH ${url.username === "" ? "" : `${decodeURIComponent(url.username)} `}${decodeURIComponent(url.password)}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 6379) });
    let reply = "";
    const fail = (reason: string): void => {
      socket.destroy();
      reject(new Error(reason));
    };
    socket.setTimeout(CHECK_TIMEOUT_MS, () => fail(`no answer within ${CHECK_TIMEOUT_MS} ms`));
    socket.on("error", (error) => fail(error.message));
    socket.on("connect", () => socket.write(`${auth}PING\r\n`));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes("+PONG")) {
        socket.end();
        resolve();
      } else if (reply.startsWith("-")) fail(reply.trim());
    });
  });
}

function redact(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return raw;
  }
}

/** Why a check failed, in a line; some socket errors (AggregateError) carry no message of their own. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(reasonOf).join("; ");
  if (error instanceof Error) return error.message || ("code" in error ? String(error.code) : error.name);
  return String(error);
}

/**
 * Checks both services in parallel. When one is down it prints one message and ends the run:
 * a thrown error would also make vitest report "No test files found", which misleads.
 */
export async function setup(): Promise<void> {
  const databaseUrl = process.env.AGPM_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const checks = [
    { service: "PostgreSQL", at: redact(databaseUrl), env: "AGPM_TEST_DATABASE_URL", start: POSTGRES_START, run: () => checkPostgres(databaseUrl) },
    { service: "Redis", at: redact(redisUrl), env: "REDIS_URL", start: REDIS_START, run: () => checkRedis(redisUrl) },
  ];
  const results = await Promise.allSettled(checks.map((check) => check.run()));
  const down = checks.flatMap((check, i) => {
    const result = results[i];
    return result?.status === "rejected"
      ? [`${check.service} is not reachable at ${check.at} (${reasonOf(result.reason)}).\n  Start it with: ${check.start}\n  (or point ${check.env} at a running one)`]
      : [];
  });
  if (down.length === 0) return;
  process.stderr.write(`\nThe test suite needs running services; nothing was run.\n${down.join("\n")}\nOr ${START_HINT}.\n\n`);
  process.exit(1);
}
