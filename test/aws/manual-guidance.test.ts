import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIND_NAMES, findAction } from "../../engine/registry.js";
import type { Resource } from "../../contracts/resource.js";
import { collectAll } from "../../tools/aws/inventory.js";
import type { ManualAction } from "../../engine/domain.js";
import { factsAccount } from "./fixtures.js";
import { openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

let sandbox: OpenedSandbox;
let resources: Resource[];
beforeAll(async () => {
  sandbox = await openSandbox(factsAccount());
  sandbox.ctx.now = () => new Date("2024-06-01T00:00:00Z");
  resources = (await collectAll(sandbox.ctx, KIND_NAMES)).resources;
});
afterAll(() => sandbox.dispose());

function guidance(name: string, id: string, params: unknown = {}): string {
  const action = findAction(name) as ManualAction | undefined;
  const resource = resources.find((r) => r.id === id);
  if (!action?.manual || !resource) throw new Error(`${name} / ${id}`);
  return action.guidance(resource, action.params.parse(params));
}

describe("when manual guidance is written for a resource", () => {
  it("names exactly the tags that are missing or wrong, and the command that adds them", () => {
    const text = guidance("tags.add-required-tags", "i-0aaa", { tags: { Name: null, owner: null, env: "prod" } });
    expect(text).toContain("lacks owner, env=prod.");
    expect(text).not.toContain("Name");
    expect(text).toContain("aws ec2 create-tags --resources i-0aaa --tags Key=owner,Value=<value> Key=env,Value=prod");
  });

  it("repeats a bucket's existing tags, since S3 replaces the whole tag set", () => {
    const text = guidance("tags.add-required-tags", "configured", { tags: { env: "prod" } });
    expect(text).toContain("TagSet=[{Key=owner,Value=payments},{Key=env,Value=prod}]");
  });

  it("lists the security group's wide public rules and its launch-wizard origin", () => {
    const text = guidance("ec2.restrict-security-group", "sg-0ccc");
    expect(text).toContain("wider than /24: tcp 22 from 198.51.100.0/22");
    expect(text).not.toContain("10.1.0.0/16");
    expect(text).toContain("launch wizard (launch-wizard-3)");
    expect(guidance("ec2.restrict-security-group", "sg-0aaa", { count: 3 })).toContain("it has 5 rules (limit 3)");
    expect(guidance("ec2.restrict-security-group", "sg-0ccc", { prefixLength: 20 })).not.toContain("198.51.100.0/22");
  });

  it("says why an instance should be replaced, with the limit it exceeds", () => {
    const text = guidance("ec2.replace-instance", "i-0ddd", { days: 14 });
    expect(text).toContain("paravirtual");
    expect(text).toContain("stopped for 30 day(s) (limit 14)");
    expect(text).toContain("aws ec2 terminate-instances --instance-ids i-0ddd");
  });

  it("warns that MFA delete and lifecycle rules do not mix", () => {
    expect(guidance("s3.enable-mfa-delete", "configured")).toContain("has 1 lifecycle rule(s)");
    expect(guidance("s3.enable-mfa-delete", "bare")).not.toContain("lifecycle");
  });

  it("asks for a second zone and a larger minimum for a single-zone group of size zero", () => {
    const text = guidance("autoscaling.spread-azs", "batch-asg");
    expect(text).toContain("1 Availability Zone(s) (us-east-1a)");
    expect(text).toContain("raise the minimum size from 0 to at least 2");
    expect(guidance("autoscaling.use-launch-template", "batch-asg")).toContain("launch configuration batch-lc");
  });

  it("recreates an access point with its own POSIX user when it has one", () => {
    expect(guidance("efs.set-access-point-root", "fsap-1")).toContain("--posix-user Uid=1001,Gid=1002");
    expect(guidance("efs.set-access-point-user", "fsap-2")).toContain("--file-system-id fs-0bbb --posix-user Uid=<uid>,Gid=<gid>");
  });

  it("names an instance's unencrypted volumes and its world-open rules with the groups they live in", () => {
    expect(guidance("ec2.encrypt-attached-volumes", "i-0ddd")).toContain("unencrypted volume(s) (none now)");
    expect(guidance("ec2.encrypt-attached-volumes", "i-0aaa")).toContain("unencrypted volume(s) vol-0aaa,");
    const ssh = guidance("ec2.restrict-instance-ingress", "i-0ddd", { ports: [22] });
    expect(ssh).toContain("through tcp 22 from 0.0.0.0/0 in sg-0aaa.");
    expect(ssh).not.toContain("443");
    expect(ssh).not.toContain("198.51.100.0/22");
    expect(guidance("ec2.restrict-instance-ingress", "i-0ddd")).toContain("tcp 443 from ::/0 in sg-0aaa");
  });

  it("copies a public unencrypted snapshot only after making it private, with the requested key", () => {
    const text = guidance("ebs.encrypt-snapshot", "snap-0aaa", { kmsKeyId: "alias/backup" });
    expect(text).toContain("make it private first");
    expect(text).toContain("--source-snapshot-id snap-0aaa --encrypted --kms-key-id alias/backup");
  });
});
