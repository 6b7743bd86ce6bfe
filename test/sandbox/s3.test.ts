import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SandboxAccount } from "../../tools/aws/sandbox/index.js";
import { fixture, rejectionOf } from "./helpers.js";
import type { Fixture } from "./helpers.js";

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

const FULL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

describe("when reading bucket configuration through the S3 client", () => {
  it("returns the SDK shapes with metadata", async () => {
    const out = await f.clients.s3("eu-west-1").send(new GetBucketEncryptionCommand({ Bucket: "payments-data" }));
    const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe("aws:kms");
    expect(rule?.BucketKeyEnabled).toBe(true);
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(typeof out.$metadata.requestId).toBe("string");
  });

  it("returns copies, so changing an output does not change the account", async () => {
    const s3 = f.clients.s3("eu-west-1");
    const first = await s3.send(new GetBucketEncryptionCommand({ Bucket: "payments-data" }));
    first.ServerSideEncryptionConfiguration!.Rules = [];
    const second = await s3.send(new GetBucketEncryptionCommand({ Bucket: "payments-data" }));
    expect(second.ServerSideEncryptionConfiguration?.Rules).toHaveLength(1);
  });

  it("raises each 'not configured' error with AWS's name and status", async () => {
    const s3 = f.clients.s3("us-east-1");
    const cases = [
      [new GetBucketEncryptionCommand({ Bucket: "www-assets" }), "ServerSideEncryptionConfigurationNotFoundError"],
      [new GetPublicAccessBlockCommand({ Bucket: "www-assets" }), "NoSuchPublicAccessBlockConfiguration"],
      [new GetBucketPolicyCommand({ Bucket: "www-assets" }), "NoSuchBucketPolicy"],
      [new GetBucketPolicyStatusCommand({ Bucket: "www-assets" }), "NoSuchBucketPolicy"],
      [new GetBucketLifecycleConfigurationCommand({ Bucket: "www-assets" }), "NoSuchLifecycleConfiguration"],
      [new GetObjectLockConfigurationCommand({ Bucket: "www-assets" }), "ObjectLockConfigurationNotFoundError"],
      [new GetBucketTaggingCommand({ Bucket: "legacy-uploads" }), "NoSuchTagSet"],
    ] as const;
    for (const [command, name] of cases) {
      const error = await rejectionOf(s3.send(command as never));
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(S3ServiceException);
      expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    }
  });

  it("answers versioning, logging, ACL and ownership as AWS does when they were never set", async () => {
    const s3 = f.clients.s3("us-east-1");
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: "www-assets" }));
    expect(versioning.Status).toBeUndefined();
    const logging = await s3.send(new GetBucketLoggingCommand({ Bucket: "www-assets" }));
    expect(logging.LoggingEnabled).toBeUndefined();
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: "www-assets" }));
    expect(acl.Grants?.some((g) => g.Grantee?.URI?.endsWith("/AllUsers") && g.Permission === "READ")).toBe(true);
    const ownership = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: "app-logs" }));
    expect(ownership.OwnershipControls?.Rules?.[0]?.ObjectOwnership).toBe("BucketOwnerEnforced");
  });

  it("throws NoSuchBucket for a bucket that does not exist, in any region", async () => {
    const error = await rejectionOf(f.clients.s3("ap-south-1").send(new GetBucketEncryptionCommand({ Bucket: "no-such-bucket" })));
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error.name).toBe("NoSuchBucket");
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
  });

  it("throws PermanentRedirect (301) when the client's region is not the bucket's", async () => {
    const error = await rejectionOf(f.clients.s3("us-east-1").send(new GetBucketEncryptionCommand({ Bucket: "payments-data" })));
    expect(error.name).toBe("PermanentRedirect");
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(301);
    expect((error.$response as { headers: Record<string, string> }).headers["x-amz-bucket-region"]).toBe("eu-west-1");
  });

  it("answers GetBucketLocation from any region, with no constraint for us-east-1", async () => {
    const s3 = f.clients.s3("us-east-1");
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "payments-data" }))).LocationConstraint).toBe("eu-west-1");
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "app-logs" }))).LocationConstraint).toBeUndefined();
  });

  it("answers HeadBucket with the bucket's region, and NotFound for a missing bucket", async () => {
    const s3 = f.clients.s3("eu-west-1");
    expect((await s3.send(new HeadBucketCommand({ Bucket: "payments-data" }))).BucketRegion).toBe("eu-west-1");
    const error = await rejectionOf(s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })));
    expect(error.name).toBe("NotFound");
  });

  it("fails a missing Bucket parameter like the SDK does", async () => {
    const error = await rejectionOf(f.clients.s3("us-east-1").send(new GetBucketEncryptionCommand({} as never)));
    expect(error.message).toMatch(/No value provided for input HTTP label: Bucket/);
  });
});

describe("when deciding whether a bucket policy is public", () => {
  it("says public for Principal '*', not public for a SourceIp-restricted or service principal", async () => {
    const status = async (region: string, Bucket: string) =>
      (await f.clients.s3(region).send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic;
    expect(await status("eu-west-1", "marketing-site")).toBe(true);
    expect(await status("eu-west-1", "partner-exchange")).toBe(false);
    expect(await status("us-east-1", "audit-logs")).toBe(false);
  });

  it("returns the policy as a JSON string", async () => {
    const out = await f.clients.s3("eu-west-1").send(new GetBucketPolicyCommand({ Bucket: "marketing-site" }));
    expect(JSON.parse(out.Policy ?? "")).toMatchObject({ Statement: [{ Principal: "*", Effect: "Allow" }] });
  });
});

describe("when listing buckets", () => {
  it("lists every region's buckets with BucketRegion and Date creation dates", async () => {
    const out = await f.clients.s3("us-east-1").send(new ListBucketsCommand({}));
    const names = out.Buckets?.map((b) => b.Name) ?? [];
    expect(names).toContain("payments-data");
    expect(names).toEqual([...names].sort());
    const payments = out.Buckets?.find((b) => b.Name === "payments-data");
    expect(payments?.BucketRegion).toBe("eu-west-1");
    expect(payments?.CreationDate).toBeInstanceOf(Date);
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages with MaxBuckets and ContinuationToken without losing or repeating a bucket", async () => {
    const s3 = f.clients.s3("eu-west-1");
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await s3.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: token }));
      expect(out.Buckets!.length).toBeLessThanOrEqual(2);
      seen.push(...(out.Buckets ?? []).map((b) => b.Name ?? ""));
      token = out.ContinuationToken;
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(f.account.state.s3.buckets.length / 2));
    expect(new Set(seen).size).toBe(f.account.state.s3.buckets.length);
  });
});

describe("when remediating buckets", () => {
  it("persists PutPublicAccessBlock, PutBucketEncryption and PutBucketVersioning to the file", async () => {
    const s3 = f.clients.s3("us-east-1");
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: "www-assets", PublicAccessBlockConfiguration: FULL }));
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: "www-assets",
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
    }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: "www-assets", VersioningConfiguration: { Status: "Enabled" } }));
    const reloaded = SandboxAccount.load(f.file).state.s3.buckets.find((b) => b.Name === "www-assets");
    expect(reloaded?.PublicAccessBlock).toEqual(FULL);
    expect(reloaded?.Encryption?.Rules?.[0]).toMatchObject({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } });
    expect(reloaded?.Versioning?.Status).toBe("Enabled");
    const again = await s3.send(new GetPublicAccessBlockCommand({ Bucket: "www-assets" }));
    expect(again.PublicAccessBlockConfiguration).toEqual(FULL);
  });

  it("works when the SDK serializes the request first (checksums on Put*)", async () => {
    const strict = fixture(undefined, { serialize: true });
    try {
      await strict.clients.s3("us-east-1").send(new PutBucketVersioningCommand({ Bucket: "data-lake-raw", VersioningConfiguration: { Status: "Enabled" } }));
      const out = await strict.clients.s3("us-east-1").send(new GetBucketVersioningCommand({ Bucket: "data-lake-raw" }));
      expect(out.Status).toBe("Enabled");
    } finally {
      strict.cleanup();
    }
  });

  it("refuses an invalid algorithm with MalformedXML and changes nothing", async () => {
    const before = JSON.stringify(f.onDisk());
    const error = await rejectionOf(f.clients.s3("us-east-1").send(new PutBucketEncryptionCommand({
      Bucket: "www-assets",
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "ROT13" as never } }] },
    })));
    expect(error.name).toBe("MalformedXML");
    expect(JSON.stringify(f.onDisk())).toBe(before);
  });

  it("denies a public bucket policy when Block Public Access blocks public policies", async () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::app-logs/*" }] });
    const error = await rejectionOf(f.clients.s3("us-east-1").send(new PutBucketPolicyCommand({ Bucket: "app-logs", Policy: policy })));
    expect(error.name).toBe("AccessDenied");
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);
  });
});

describe("when disabling ACLs and turning on access logging", () => {
  it("refuses BucketOwnerEnforced while the ACL grants others, and accepts it once the ACL is private", async () => {
    const s3 = f.clients.s3("us-east-1");
    const enforce = () => s3.send(new PutBucketOwnershipControlsCommand({ Bucket: "www-assets", OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } }));
    const before = JSON.stringify(f.onDisk());
    const error = await rejectionOf(enforce());
    expect(error.name).toBe("InvalidBucketAclWithObjectOwnership");
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(JSON.stringify(f.onDisk())).toBe(before);
    await s3.send(new PutBucketAclCommand({ Bucket: "www-assets", ACL: "private" }));
    await enforce();
    const out = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: "www-assets" }));
    expect(out.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
    expect(SandboxAccount.load(f.file).state.s3.buckets.find((b) => b.Name === "www-assets")?.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
  });

  it("refuses an unknown Object Ownership with MalformedXML", async () => {
    const error = await rejectionOf(f.clients.s3("us-east-1").send(new PutBucketOwnershipControlsCommand({
      Bucket: "app-logs", OwnershipControls: { Rules: [{ ObjectOwnership: "Nobody" as never }] },
    })));
    expect(error.name).toBe("MalformedXML");
  });

  it("logs into an existing bucket of the same region, and persists it", async () => {
    const s3 = f.clients.s3("us-east-1");
    await s3.send(new PutBucketLoggingCommand({ Bucket: "www-assets", BucketLoggingStatus: { LoggingEnabled: { TargetBucket: "audit-logs", TargetPrefix: "s3/www-assets/" } } }));
    expect((await s3.send(new GetBucketLoggingCommand({ Bucket: "www-assets" }))).LoggingEnabled).toEqual({ TargetBucket: "audit-logs", TargetPrefix: "s3/www-assets/" });
    expect(SandboxAccount.load(f.file).state.s3.buckets.find((b) => b.Name === "www-assets")?.Logging).toEqual({ TargetBucket: "audit-logs", TargetPrefix: "s3/www-assets/" });
  });

  it("refuses a missing or other-region target bucket as S3 does", async () => {
    const s3 = f.clients.s3("us-east-1");
    const log = (TargetBucket: string) => s3.send(new PutBucketLoggingCommand({ Bucket: "www-assets", BucketLoggingStatus: { LoggingEnabled: { TargetBucket, TargetPrefix: "x/" } } }));
    expect((await rejectionOf(log("no-such-bucket"))).name).toBe("InvalidTargetBucketForLogging");
    const cross = await rejectionOf(log("payments-data"));
    expect(cross.name).toBe("CrossLocationLoggingProhibited");
    expect((cross.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);
  });
});

describe("when reading and setting the account-level Block Public Access", () => {
  it("raises NoSuchPublicAccessBlockConfiguration until it is put, then returns it", async () => {
    const control = f.clients.s3control("us-east-1");
    const error = await rejectionOf(control.send(new GetAccountPublicAccessBlockCommand({ AccountId: "123456789012" })));
    expect(error.name).toBe("NoSuchPublicAccessBlockConfiguration");
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    await control.send(new PutAccountPublicAccessBlockCommand({ AccountId: "123456789012", PublicAccessBlockConfiguration: FULL }));
    const out = await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: "123456789012" }));
    expect(out.PublicAccessBlockConfiguration).toEqual(FULL);
    expect(f.onDisk().s3?.accountPublicAccessBlock).toEqual(FULL);
  });

  it("denies access for another account id", async () => {
    const error = await rejectionOf(f.clients.s3control("us-east-1").send(new GetAccountPublicAccessBlockCommand({ AccountId: "210987654321" })));
    expect(error.name).toBe("AccessDenied");
  });
});
