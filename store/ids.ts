// Time-sortable text ids (`run_lz3k9q2a0…`) so rows sort by creation without autoincrement.
import { randomBytes } from "node:crypto";

const TIME_WIDTH = 9; // base36 milliseconds; 36^9 ms reaches past the year 5000
const RANDOM_WIDTH = 13; // base36 of 64 random bits
const RANDOM_LIMIT = 36n ** BigInt(RANDOM_WIDTH);

let lastTime = -1;
let lastRandom = 0n;

function freshRandom(): bigint {
  return randomBytes(8).readBigUInt64BE();
}

/**
 * A new id: `<prefix>_<time><random>`, lower-case base36, fixed width.
 * Ids made by one process are strictly increasing (within a millisecond the random part
 * is incremented, as ULID does), so ordering by id is ordering by creation.
 *
 * @example newId("run") // "run_0lz3k9q2a3f0k1x9c2m7q1bz"
 */
export function newId(prefix: string, now: number = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = (lastRandom + 1n) % RANDOM_LIMIT;
  } else {
    lastTime = now;
    lastRandom = freshRandom();
  }
  const time = lastTime.toString(36).padStart(TIME_WIDTH, "0");
  const random = lastRandom.toString(36).padStart(RANDOM_WIDTH, "0");
  return `${prefix}_${time}${random}`;
}
