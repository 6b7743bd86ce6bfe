import { DescribeInstancesCommand, ModifyInstanceMetadataOptionsCommand } from "@aws-sdk/client-ec2";
import { GetBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { SandboxAccount } from "../../tools/aws/sandbox/index.js";
import { fixture, minimal, rejectionOf, tempDir } from "./helpers.js";
import type { Fixture } from "./helpers.js";

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

interface Editable {
  ec2: { instances: Array<{ InstanceId: unknown; MetadataOptions: { HttpTokens: string } }> };
  s3: { buckets: Array<{ Name: string; Encryption: unknown }> };
}

/** Edits the file as a person would (in place, re-indented so its size changes too). */
function editFile(file: string, change: (state: Editable) => void): void {
  const state = JSON.parse(readFileSync(file, "utf8")) as Editable;
  change(state);
  writeFileSync(file, JSON.stringify(state, null, 4));
}

describe("when a write command succeeds", () => {
  it("replaces the file by rename and leaves no temp file behind", async () => {
    const inodeBefore = statSync(f.file).ino;
    await f.clients.ec2("us-east-1").send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: "i-0a1b2c3d4e5f60003", HttpTokens: "required" }));
    expect(readdirSync(f.dir)).toEqual(["account.json"]);
    expect(statSync(f.file).ino).not.toBe(inodeBefore);
    const reloaded = SandboxAccount.load(f.file);
    expect(reloaded.state.ec2.instances.find((i) => i.InstanceId === "i-0a1b2c3d4e5f60003")?.MetadataOptions?.HttpTokens).toBe("required");
  });

  it("persists every one of many concurrent writes", async () => {
    const ids = f.account.lookup.inRegion("instances", "us-east-1").map((i) => String(i["InstanceId"]));
    const ec2 = f.clients.ec2("us-east-1");
    await Promise.all(ids.map((InstanceId) => ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId, HttpTokens: "required" }))));
    const stored = SandboxAccount.load(f.file).state.ec2.instances.filter((i) => ids.includes(i.InstanceId));
    expect(stored.map((i) => i.MetadataOptions?.HttpTokens)).toEqual(ids.map(() => "required"));
  });
});

describe("when someone edits the file behind our back", () => {
  it("refreshIfChanged reloads the edit, and the next SDK call sees it", async () => {
    expect(f.account.refreshIfChanged()).toBe(false);
    editFile(f.file, (state) => {
      state.ec2.instances[0]!.MetadataOptions.HttpTokens = "optional";
      state.s3.buckets.find((b) => b.Name === "app-logs")!.Encryption = null;
    });
    const error = await rejectionOf(f.clients.s3("us-east-1").send(new GetBucketEncryptionCommand({ Bucket: "app-logs" })));
    expect(error.name).toBe("ServerSideEncryptionConfigurationNotFoundError");
    expect(f.account.refreshIfChanged()).toBe(false);
  });

  it("refuses a malformed edit and keeps the state it had (never half-loaded)", () => {
    const before = JSON.stringify(f.account.state);
    editFile(f.file, (state) => {
      state.ec2.instances[0]!.InstanceId = 42;
    });
    try {
      f.account.refreshIfChanged();
      throw new Error("expected a refusal");
    } catch (error) {
      expect(isAgpmError(error, "SANDBOX_FILE_INVALID")).toBe(true);
      expect((error as Error).message).toContain("$.ec2.instances[0].InstanceId");
    }
    expect(JSON.stringify(f.account.state)).toBe(before);
  });
});

describe("when an account is built in memory", () => {
  it("fromState with a file writes it at once; without one, writes stay in memory", async () => {
    const file = join(tempDir(), "nested", "account.json");
    const account = SandboxAccount.fromState(minimal(), file);
    expect(SandboxAccount.load(file).account).toBe("123456789012");
    expect(account.file).toBe(file);
    const memory = SandboxAccount.fromState(minimal());
    memory.save();
    expect(memory.refreshIfChanged()).toBe(false);
  });

  it("places resources by Region, then availability zone, then the file's region", async () => {
    const account = SandboxAccount.fromState(minimal({
      region: "eu-central-1",
      ec2: {
        instances: [
          { InstanceId: "i-a", Region: "us-west-2", Placement: { AvailabilityZone: "eu-west-1a" } },
          { InstanceId: "i-b", Placement: { AvailabilityZone: "ap-southeast-2c" } },
          { InstanceId: "i-c" },
        ],
        volumes: [{ VolumeId: "vol-a", AvailabilityZone: "us-east-2b" }],
      },
    }));
    const lookup = account.lookup;
    expect(lookup.inRegion("instances", "us-west-2").map((i) => i["InstanceId"])).toEqual(["i-a"]);
    expect(lookup.inRegion("instances", "ap-southeast-2").map((i) => i["InstanceId"])).toEqual(["i-b"]);
    expect(lookup.inRegion("instances", "eu-central-1").map((i) => i["InstanceId"])).toEqual(["i-c"]);
    expect(lookup.inRegion("volumes", "us-east-2").map((v) => v["VolumeId"])).toEqual(["vol-a"]);
    expect(lookup.regions()).toEqual(["ap-southeast-2", "eu-central-1", "us-east-2", "us-west-2"]);
  });

  it("answers SDK calls from the in-memory state", async () => {
    const { createSandboxClients } = await import("../../tools/aws/sandbox/index.js");
    const clients = createSandboxClients(SandboxAccount.fromState(minimal({ ec2: { instances: [{ InstanceId: "i-x", Region: "us-east-1" }] } })));
    const out = await clients.ec2("us-east-1").send(new DescribeInstancesCommand({}));
    expect(out.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe("i-x");
    clients.destroy();
  });
});
