// Time zone names, checked the way the runtime (and cron schedules) will read them.

/** True for an IANA time zone the runtime knows, such as Europe/London. */
export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
