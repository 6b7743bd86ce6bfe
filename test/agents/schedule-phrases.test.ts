import { describe, expect, it } from "vitest";
import { extractSchedule } from "../../language/schedule.js";
import { parseIntent } from "../../language/parse.js";

describe("schedule phrases in an intent", () => {
  it.each([
    ["Every 15 minutes, ensure all S3 buckets are encrypted.", { every: 900_000 }, "ensure all S3 buckets are encrypted."],
    ["Ensure all S3 buckets are encrypted, checked every 5 minutes.", { every: 300_000 }, "Ensure all S3 buckets are encrypted."],
    ["Ensure EBS volumes are encrypted and sweep hourly", { every: 3_600_000 }, "Ensure EBS volumes are encrypted"],
    ["Ensure EBS volumes are encrypted every thirty seconds", { every: 30_000 }, "Ensure EBS volumes are encrypted"],
    ["Daily at 2:30pm Europe/London, ensure S3 buckets block public access", { cron: "30 14 * * *", tz: "Europe/London" }, "ensure S3 buckets block public access"],
    ["Ensure S3 buckets are versioned, checked nightly.", { cron: "0 2 * * *" }, "Ensure S3 buckets are versioned."],
    ["Weekly: ensure security groups do not allow SSH from the internet", { cron: "0 0 * * 1" }, "ensure security groups do not allow SSH from the internet"],
  ])("reads %j", (text, schedule, rest) => {
    const reading = extractSchedule(text);
    expect(reading.schedule).toEqual(schedule);
    expect(reading.text).toBe(rest);
    expect(reading.description).toBeTruthy();
  });

  it("leaves intents without a schedule alone, and refuses impossible times", () => {
    expect(extractSchedule("Ensure all S3 buckets are encrypted")).toEqual({ schedule: null, text: "Ensure all S3 buckets are encrypted", description: null });
    expect(extractSchedule("Daily at 25:00, ensure S3 buckets are encrypted").schedule).toEqual({ every: 86_400_000 });
    expect(extractSchedule("every 0 minutes ensure S3 buckets are encrypted").schedule).toBeNull();
  });

  it("does not let 'checked hourly' turn an enforcing intent into a check, nor lower confidence", () => {
    const plain = parseIntent("Ensure all S3 buckets are encrypted");
    const scheduled = parseIntent("Ensure all S3 buckets are encrypted, checked hourly");
    expect(scheduled.operation).toBe(plain.operation);
    expect(scheduled.controls.map((c) => c.control)).toEqual(plain.controls.map((c) => c.control));
    expect(scheduled.confidence).toBe(plain.confidence);
    expect(scheduled.schedule).toEqual({ every: 3_600_000 });
  });
});
