// aws.ec2.image end to end on the sandbox: the owned AMIs are read, a public one fails ec2.ami-not-public,
// ec2.make-ami-private plans, applies and re-reads private, and the sandbox answers the launch-permission commands as EC2 does.
import { DescribeImageAttributeCommand, DescribeImagesCommand, ModifyImageAttributeCommand } from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { generateDemoAccount } from "../../tools/aws/sandbox/index.js";
import { compileRule, evaluate } from "../../engine/evaluate.js";
import { instantiateControl } from "../../engine/instantiate.js";
import { actionsForKind, findAction, findControl } from "../../engine/registry.js";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import type { Resource } from "../../contracts/resource.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";
import { fixture, rejectionOf } from "../sandbox/helpers.js";
import type { Fixture } from "../sandbox/helpers.js";

const OTHER = "210987654321";
const KIND = "aws.ec2.image";

function account(): SandboxFile {
  return {
    account: ACCOUNT,
    region: "us-east-1",
    ec2: {
      images: [
        { ImageId: "ami-0public", Name: "web-2024.01", State: "available", Public: true, CreationDate: "2024-01-01T00:00:00.000Z", LaunchPermissions: [{ UserId: OTHER }],
          BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { Encrypted: false } }], Tags: [{ Key: "team", Value: "web" }] },
        { ImageId: "ami-0private", Name: "db-2024.02", OwnerId: ACCOUNT, State: "available", Public: false, CreationDate: "2024-02-01T00:00:00.000Z",
          DeprecationTime: "2024-03-01T00:00:00.000Z", BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { Encrypted: true } }] },
        { ImageId: "ami-0theirs", Name: "vendor", OwnerId: OTHER, State: "available", Public: true },
        { Region: "eu-west-1", ImageId: "ami-0eu", Name: "eu", State: "available", Public: false },
      ],
    },
  } as SandboxFile;
}

let sandbox: OpenedSandbox | undefined;
let fx: Fixture | undefined;
afterEach(() => {
  sandbox?.dispose();
  sandbox = undefined;
  fx?.cleanup();
  fx = undefined;
});

function notPublic(resource: Resource): string {
  const control = findControl("ec2.ami-not-public");
  if (!control) throw new Error("ec2.ami-not-public is not in the catalogue");
  const [rule] = instantiateControl(control, {});
  return evaluate(compileRule(rule!), resource, { id: "p", version: 1 }).status;
}

describe("collecting AMIs", () => {
  it("reads only the account's own images, in each region, with public, encryption, age and deprecation", async () => {
    sandbox = await openSandbox(account());
    const { resources, failures } = await collectAll(sandbox.ctx, [KIND]);
    expect(failures).toEqual([]);
    expect(resources.map((r) => `${r.region}/${r.id}`).sort()).toEqual(["eu-west-1/ami-0eu", "us-east-1/ami-0private", "us-east-1/ami-0public"]);
    const pub = resources.find((r) => r.id === "ami-0public");
    expect(pub).toMatchObject({ kind: KIND, account: ACCOUNT, name: "web-2024.01", tags: { team: "web" }, public: true, encrypted: false, deprecationTime: null, deprecated: false });
    expect(pub?.["ageDays"]).toBeGreaterThan(300);
    expect(resources.find((r) => r.id === "ami-0private")).toMatchObject({ public: false, encrypted: true, deprecated: true });
    expect(resources.find((r) => r.id === "ami-0eu")).toMatchObject({ encrypted: null });
  });

  it("re-reads one of its own images, and not another account's public one", async () => {
    sandbox = await openSandbox(account());
    expect(await collectOne(sandbox.ctx, KIND, "ami-0private", "us-east-1")).toMatchObject({ id: "ami-0private", public: false });
    expect(await collectOne(sandbox.ctx, KIND, "ami-0theirs", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, KIND, "ami-0missing", "us-east-1")).toBeNull();
  });
});

describe("ec2.ami-not-public and ec2.make-ami-private", () => {
  it("fails the public AMI, makes it private, keeps the accounts it is shared with, and verifies on a re-read", async () => {
    sandbox = await openSandbox(account());
    const before = await collectOne(sandbox.ctx, KIND, "ami-0public", "us-east-1");
    expect(notPublic(before!)).toBe("fail");
    expect(actionsForKind(KIND).map((a) => a.name).sort()).toEqual(["ec2.make-ami-private", "tags.add-required-tags"]);
    const action = findAction("ec2.make-ami-private");
    if (!action || action.manual) throw new Error("ec2.make-ami-private is not automatic");
    expect(action.plan(before!, {})).toEqual({ before: { public: true }, after: { public: false }, summary: expect.stringContaining("ami-0public") });
    await action.apply(sandbox.ctx, before!, {});
    const after = await collectOne(sandbox.ctx, KIND, "ami-0public", "us-east-1");
    expect(after).toMatchObject({ public: false });
    expect(notPublic(after!)).toBe("pass");
    expect(action.plan(after!, {})).toBeNull();
    const onDisk = (sandbox.onDisk()["ec2"] as { images: Array<Record<string, unknown>> }).images.find((i) => i["ImageId"] === "ami-0public");
    expect(onDisk).toMatchObject({ Public: false, LaunchPermissions: [{ UserId: OTHER }] });
  });

  it("finds the demo account's public AMI and passes its private one", async () => {
    sandbox = await openSandbox(generateDemoAccount());
    const { resources } = await collectAll(sandbox.ctx, [KIND]);
    expect(resources.map((r) => [r.id, notPublic(r)]).sort()).toEqual([["ami-0a1b2c3d4e5f00101", "pass"], ["ami-0a1b2c3d4e5f00102", "fail"]]);
  });
});

describe("the sandbox's launch-permission commands", () => {
  it("adds and removes permissions in either request form, and DescribeImageAttribute shows them", async () => {
    fx = fixture(account());
    const ec2 = fx.clients.ec2("us-east-1");
    const attribute = async () => (await ec2.send(new DescribeImageAttributeCommand({ ImageId: "ami-0private", Attribute: "launchPermission" }))).LaunchPermissions;
    expect(await attribute()).toEqual([]);
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0private", Attribute: "launchPermission", OperationType: "add", UserGroups: ["all"], UserIds: [OTHER] }));
    expect(await attribute()).toEqual([{ Group: "all" }, { UserId: OTHER }]);
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0private", LaunchPermission: { Remove: [{ Group: "all" }] } }));
    expect(await attribute()).toEqual([{ UserId: OTHER }]);
    // As in EC2, DescribeImages says Public and never lists the accounts an image is shared with.
    const [image] = (await ec2.send(new DescribeImagesCommand({ ImageIds: ["ami-0private"] }))).Images ?? [];
    expect(image).toMatchObject({ ImageId: "ami-0private", Public: false });
    expect(image).not.toHaveProperty("LaunchPermissions");
    expect(image).not.toHaveProperty("Region");
  });

  it("refuses what EC2 refuses, and names what the sandbox does not simulate", async () => {
    fx = fixture(account());
    const ec2 = fx.clients.ec2("us-east-1");
    expect(await rejectionOf(ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0nope", LaunchPermission: { Remove: [{ Group: "all" }] } })))).toMatchObject({ name: "InvalidAMIID.NotFound" });
    expect(await rejectionOf(ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0theirs", LaunchPermission: { Remove: [{ Group: "all" }] } })))).toMatchObject({ name: "AuthFailure" });
    expect(await rejectionOf(ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0public", UserGroups: ["all"] })))).toMatchObject({ name: "MissingParameter" });
    expect(await rejectionOf(ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0public", UserIds: ["12"], OperationType: "add" })))).toMatchObject({ name: "InvalidUserID.Malformed" });
    const unsupported = await rejectionOf(ec2.send(new ModifyImageAttributeCommand({ ImageId: "ami-0public", Description: { Value: "x" } })));
    expect(isAgpmError(unsupported, "SANDBOX_UNSUPPORTED_COMMAND")).toBe(true);
    expect((fx.onDisk().ec2?.images ?? []).find((i) => i.ImageId === "ami-0public")).toMatchObject({ Public: true });
  });
});
