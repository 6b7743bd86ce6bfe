// Slack settings from the environment: absent means no Slack; half-set or malformed is refused.
import { describe, expect, it } from "vitest";
import { readSlackSettings } from "../../slack/index.js";

describe("readSlackSettings", () => {
  it("is null when Slack is not configured", () => {
    expect(readSlackSettings({})).toBeNull();
    expect(readSlackSettings({ SLACK_APPROVERS: "U0BOB", SLACK_SIGNING_SECRET: " " })).toBeNull();
  });

  it("reads approvers (users and groups, deduplicated), the Web API URL and the change allowance", () => {
    expect(readSlackSettings({
      SLACK_SIGNING_SECRET: "s3cr3t", SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_APPROVERS: "U0BOB, S0SECLEADS,,U0BOB", SLACK_API_URL: "http://127.0.0.1:9999/api/",
    })).toEqual({ signingSecret: "s3cr3t", botToken: "xoxb-1-2-abc", approvers: ["U0BOB", "S0SECLEADS"], authors: ["U0BOB", "S0SECLEADS"], apiUrl: "http://127.0.0.1:9999/api/", maxChanges: 0 });
    expect(readSlackSettings({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1", SLACK_MAX_CHANGES: "5" })).toMatchObject({ approvers: [], maxChanges: 5 });
  });

  it("reads authors apart from approvers; unset, the approvers are the authors (never anyone in the workspace)", () => {
    const base = { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" };
    expect(readSlackSettings({ ...base, SLACK_APPROVERS: "U0BOB", SLACK_AUTHORS: "U0ALICE, S0PLATFORM" })).toMatchObject({ approvers: ["U0BOB"], authors: ["U0ALICE", "S0PLATFORM"] });
    expect(readSlackSettings({ ...base, SLACK_APPROVERS: "U0BOB" })).toMatchObject({ authors: ["U0BOB"] });
    expect(readSlackSettings(base)).toMatchObject({ approvers: [], authors: [] });
    expect(() => readSlackSettings({ ...base, SLACK_AUTHORS: "everyone" })).toThrow(/SLACK_AUTHORS: "everyone" is not/);
  });

  it("refuses half a configuration, a malformed approver, a token that is not one, and a non-HTTP URL", () => {
    const base = { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" };
    for (const env of [
      { SLACK_BOT_TOKEN: "xoxb-1" },
      { ...base, SLACK_APPROVERS: "U0BOB,alice" },
      { ...base, SLACK_BOT_TOKEN: "s3cr3t" },
      { ...base, SLACK_API_URL: "ftp://slack.example/api/" },
      { ...base, SLACK_MAX_CHANGES: "-1" },
    ]) {
      expect(() => readSlackSettings(env), JSON.stringify(env)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
    }
    expect(() => readSlackSettings({ ...base, SLACK_APPROVERS: "U0BOB,alice" })).toThrow(/SLACK_APPROVERS: "alice" is not/);
  });
});
