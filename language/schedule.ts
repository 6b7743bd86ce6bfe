// Schedule phrases in an intent ("every 15 minutes", "hourly", "daily at 02:00 Europe/London",
// "nightly"): read and removed before the rest is parsed, so they neither count as words
// nothing understood nor look like a "check" verb ("checked hourly").
import type { PolicySchedule } from "../contracts/policy.js";

export interface ScheduleReading {
  schedule: PolicySchedule | null;
  /** The intent without the schedule phrase. */
  text: string;
  /** How the schedule was read, for the plan's interpretation. */
  description: string | null;
}

const UNIT_MS: Record<string, number> = { second: 1_000, sec: 1_000, minute: 60_000, min: 60_000, hour: 3_600_000, hr: 3_600_000, day: 86_400_000 };
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, fifteen: 15, twenty: 20, thirty: 30 };

// "…, checked every 5 minutes", "and swept hourly": the verb belongs to the schedule, not the policy.
const LEAD = String.raw`(?:[,;]?\s*(?:and\s+)?(?:(?:be|is|are|get|gets)\s+)?(?:re-?)?(?:checked|check|swept|sweep|scanned|scan|evaluated|enforced|verified|run|runs)\s+)?`;
const TZ = String.raw`(?:\s+(?:in\s+)?(UTC|GMT|[A-Z][A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?))?`;
const AT = String.raw`(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?)`;

const PATTERNS: Array<{ re: RegExp; read(m: RegExpExecArray): { schedule: PolicySchedule; description: string } | null }> = [
  {
    re: new RegExp(String.raw`${LEAD}\b(?:every|each)\s+(\d+|${Object.keys(WORD_NUMBERS).join("|")})\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\b`, "i"),
    read: (m) => {
      const n = Number(m[1]) || WORD_NUMBERS[(m[1] ?? "").toLowerCase()] || 0;
      const unit = (m[2] ?? "").toLowerCase().replace(/s$/, "");
      const ms = n * (UNIT_MS[unit] ?? 0);
      return ms >= 1_000 ? { schedule: { every: ms }, description: `every ${n} ${unit}${n === 1 ? "" : "s"}` } : null;
    },
  },
  {
    re: new RegExp(String.raw`${LEAD}\b(?:daily|every\s+day|each\s+day|nightly|every\s+night)${AT}${TZ}`, "i"),
    read: (m) => {
      let hour = Number(m[1]);
      const minute = Number(m[2] ?? 0);
      const meridiem = (m[3] ?? "").toLowerCase();
      if (meridiem === "pm" && hour < 12) hour += 12;
      if (meridiem === "am" && hour === 12) hour = 0;
      if (hour > 23 || minute > 59) return null;
      const tz = m[4] && m[4] !== "UTC" && m[4] !== "GMT" ? m[4] : undefined;
      const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
      return { schedule: { cron: `${minute} ${hour} * * *`, ...(tz ? { tz } : {}) }, description: `daily at ${time} ${tz ?? "UTC"}` };
    },
  },
  {
    re: new RegExp(String.raw`${LEAD}\b(hourly|every\s+hour|daily|every\s+day|nightly|every\s+night|weekly|every\s+week|every\s+minute)\b`, "i"),
    read: (m) => {
      const word = (m[1] ?? "").toLowerCase().replace(/\s+/g, " ");
      if (word === "every minute") return { schedule: { every: 60_000 }, description: "every minute" };
      if (word === "hourly" || word === "every hour") return { schedule: { every: 3_600_000 }, description: "every hour" };
      if (word === "daily" || word === "every day") return { schedule: { every: 86_400_000 }, description: "every day" };
      if (word === "nightly" || word === "every night") return { schedule: { cron: "0 2 * * *" }, description: "nightly at 02:00 UTC" };
      return { schedule: { cron: "0 0 * * 1" }, description: "weekly, Mondays at 00:00 UTC" };
    },
  },
];

/** Finds the first schedule phrase; the text comes back without it (and without a dangling comma). */
export function extractSchedule(text: string): ScheduleReading {
  for (const { re, read } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const reading = read(m);
    if (!reading) continue;
    const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`
      .replace(/^\s*[,;:]\s*/, "")
      .replace(/\s+([,.;!?])/g, "$1")
      .replace(/\s{2,}/g, " ")
      .trim();
    return { schedule: reading.schedule, text: rest, description: reading.description };
  }
  return { schedule: null, text, description: null };
}
