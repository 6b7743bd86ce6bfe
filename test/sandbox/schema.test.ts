import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { SandboxAccount } from "../../tools/aws/sandbox/index.js";
import { tempDir } from "./helpers.js";

/** Loads file text and returns the refusal (fails when it loads). */
function refusalOf(text: string): { message: string; path: unknown } {
  const file = join(tempDir(), "account.json");
  writeFileSync(file, text);
  try {
    SandboxAccount.load(file);
  } catch (error) {
    expect(isAgpmError(error, "SANDBOX_FILE_INVALID")).toBe(true);
    const e = error as { message: string; details: { path: unknown } };
    return { message: e.message, path: e.details.path };
  }
  throw new Error("expected the file to be refused");
}

const base = { account: "123456789012", region: "us-east-1" };

describe("when a sandbox file is malformed", () => {
  it("names a bad account id", () => {
    const refusal = refusalOf(JSON.stringify({ ...base, account: "12345" }));
    expect(refusal.path).toBe("$.account");
    expect(refusal.message).toContain("$.account: expected a 12-digit account id");
  });

  it("names the bucket without a Name", () => {
    const buckets = [{ Name: "a" }, { Name: "b" }, { CreationDate: "2024-03-01T00:00:00Z" }];
    const refusal = refusalOf(JSON.stringify({ ...base, s3: { buckets } }));
    expect(refusal.message).toContain("$.s3.buckets[2].Name: expected a string");
  });

  it("refuses text that is not JSON", () => {
    const refusal = refusalOf('{ "account": "123456789012", ');
    expect(refusal.path).toBe("$");
    expect(refusal.message).toMatch(/not valid JSON/);
  });

  it("refuses a Policy string that is not JSON", () => {
    const refusal = refusalOf(JSON.stringify({ ...base, s3: { buckets: [{ Name: "a", Policy: "{ not json" }] } }));
    expect(refusal.path).toBe("$.s3.buckets[0].Policy");
    expect(refusal.message).toMatch(/policy is not valid JSON/);
  });

  it("refuses duplicate ids, pointing at the second and naming the first", () => {
    const instances = [{ InstanceId: "i-1" }, { InstanceId: "i-2" }, { InstanceId: "i-1" }];
    const refusal = refusalOf(JSON.stringify({ ...base, ec2: { instances } }));
    expect(refusal.path).toBe("$.ec2.instances[2].InstanceId");
    expect(refusal.message).toContain('duplicate InstanceId "i-1" (also at $.ec2.instances[0].InstanceId)');
  });

  it("refuses duplicate bucket names across regions (names are global)", () => {
    const buckets = [{ Name: "a", Region: "eu-west-1" }, { Name: "a", Region: "us-east-1" }];
    expect(refusalOf(JSON.stringify({ ...base, s3: { buckets } })).path).toBe("$.s3.buckets[1].Name");
  });

  it("refuses a date that is not ISO-8601, a bad region and a non-boolean Block Public Access flag", () => {
    expect(refusalOf(JSON.stringify({ ...base, ec2: { volumes: [{ VolumeId: "vol-1", CreateTime: "yesterday" }] } })).path).toBe("$.ec2.volumes[0].CreateTime");
    expect(refusalOf(JSON.stringify({ ...base, region: "Europe" })).path).toBe("$.region");
    const pab = { BlockPublicAcls: "yes" };
    expect(refusalOf(JSON.stringify({ ...base, s3: { buckets: [{ Name: "a", PublicAccessBlock: pab }] } })).path).toBe("$.s3.buckets[0].PublicAccessBlock.BlockPublicAcls");
  });

  it("reports the first problem when there are several", () => {
    const refusal = refusalOf(JSON.stringify({ ...base, ec2: { instances: [{ InstanceId: "i-1" }, {}] , volumes: [{}] } }));
    expect(refusal.path).toBe("$.ec2.instances[1].InstanceId");
  });

  it("refuses a missing file with a clear message", () => {
    const file = join(tempDir(), "nope.json");
    expect(() => SandboxAccount.load(file)).toThrow(/does not exist/);
  });
});

describe("when a sandbox file is valid", () => {
  it("treats missing sections and lists as empty and keeps unknown fields", () => {
    const file = join(tempDir(), "account.json");
    const pasted = { InstanceId: "i-1", Hypervisor: "xen", CpuOptions: { CoreCount: 2 } };
    writeFileSync(file, JSON.stringify({ account: "123456789012", ec2: { instances: [pasted] }, note: "kept" }));
    const account = SandboxAccount.load(file);
    expect(account.state.region).toBe("us-east-1");
    expect(account.state.s3.buckets).toEqual([]);
    expect(account.state.efs.fileSystems).toEqual([]);
    expect(account.state.s3.accountPublicAccessBlock).toBeNull();
    expect(account.state.ec2.instances[0]).toMatchObject(pasted);
    expect((account.state as Record<string, unknown>)["note"]).toBe("kept");
  });

  it("accepts a Policy given as the API's JSON string and parses it", () => {
    const policy = { Version: "2012-10-17", Statement: [] };
    const account = SandboxAccount.fromState({ ...base, s3: { buckets: [{ Name: "a", Policy: JSON.stringify(policy) }] } });
    expect(account.state.s3.buckets[0]?.Policy).toEqual(policy);
  });

  it("accepts dates with offsets as the AWS CLI prints them", () => {
    const account = SandboxAccount.fromState({ ...base, s3: { buckets: [{ Name: "a", CreationDate: "2024-03-01T00:00:00+00:00" }] } });
    expect(account.state.s3.buckets).toHaveLength(1);
  });
});
