// Organisations through the real SDK clients: a sandbox organisation folder opens as one session
// of many accounts (Organizations ListAccounts, STS AssumeRole into each), a check finds failures in
// every account, an account whose role cannot be assumed is that root's collection error, and a run
// fixes each account's resources through that account's own clients.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { sdk } from "../../tools/aws/clients.js";
import { awsSandboxSource } from "../../tools/aws/sources.js";
import { SandboxAccount, createSandboxClients } from "../../tools/aws/sandbox/index.js";
import { SandboxOrg } from "../../tools/aws/sandbox/org.js";
import { openTarget, TargetSchema, type OpenedTarget } from "../../tools/aws/target.js";
import { startRun } from "../../graphs/runner.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import { S3_INTENT } from "../workers/sweep-env.js";

const { ListAccountsCommand } = sdk.organizations;
const { AssumeRoleCommand } = sdk.sts;
const IDS = ["111100000000", "111100000001", "111100000002"];
const FAST = { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } };

let dir = "";
let opened: OpenedTarget | undefined;
let graph: GraphEnv | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "agpm-org-"));
});
afterEach(async () => {
  opened?.close();
  opened = undefined;
  await graph?.close();
  graph = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const writeOrg = (accounts = 3) => awsSandboxSource.initSimulatedOrg?.(dir, { accounts }) ?? [];
const unencrypted = (file: string) =>
  (JSON.parse(readFileSync(file, "utf8")) as { s3: { buckets: Array<{ Name: string; Encryption: unknown }> } }).s3.buckets.filter((b) => !b.Encryption).map((b) => b.Name);

describe("a sandbox organisation folder", () => {
  it("holds one account file per account, in the one-account format, each with its own id", () => {
    const files = writeOrg();
    expect(files.map((f) => SandboxAccount.load(f).account)).toEqual(IDS);
    expect(SandboxOrg.load(dir).management.id).toBe(IDS[0]);
  });

  it("answers ListAccounts page by page and AssumeRole only into accounts it has a file for", async () => {
    writeOrg(23);
    const org = SandboxOrg.load(dir);
    const clients = createSandboxClients(SandboxAccount.load(org.management.file), { org });
    try {
      const first = await clients.organizations("us-east-1").send(new ListAccountsCommand({}));
      expect(first.Accounts).toHaveLength(20);
      expect(first.NextToken).toBeTruthy();
      const second = await clients.organizations("us-east-1").send(new ListAccountsCommand({ NextToken: first.NextToken }));
      expect(second.Accounts?.map((a) => a.Id)).toEqual(["111100000020", "111100000021", "111100000022"]);
      expect(second.NextToken).toBeUndefined();
      const ok = await clients.sts("us-east-1").send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::111100000005:role/Audit", RoleSessionName: "t" }));
      expect(ok.AssumedRoleUser?.Arn).toBe("arn:aws:sts::111100000005:assumed-role/Audit/t");
      const denied = await clients.sts("us-east-1").send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::999999999999:role/Audit", RoleSessionName: "t" })).catch((e: unknown) => e);
      expect((denied as Error).name).toBe("AccessDenied");
    } finally {
      clients.destroy();
    }
  });

  it("refuses ListAccounts from an account that manages no organisation, as AWS does", async () => {
    const [file = ""] = writeOrg(1);
    const clients = createSandboxClients(SandboxAccount.load(file));
    try {
      const error = await clients.organizations("us-east-1").send(new ListAccountsCommand({})).catch((e: unknown) => e);
      expect((error as Error).name).toBe("AWSOrganizationsNotInUseException");
    } finally {
      clients.destroy();
    }
  });

  it("opens as one session of every account, each resource located in its own account", async () => {
    writeOrg();
    opened = await openTarget({ type: "sandbox-org", dir }, FAST);
    expect(opened.roots?.().map((r) => [r.root, r.error])).toEqual(IDS.map((id) => [id, null]));
    // Each root opens alone as its own file: what a sweep gives the run it fans out for it.
    expect(opened.roots?.().map((r) => r.target)).toEqual(IDS.map((_id, i) => ({ type: "sandbox", file: join(dir, `account-0${i + 1}.json`) })));
    const { resources, failures } = await opened.collect(["aws.s3.bucket"]);
    expect(failures).toEqual([]);
    const perRoot = new Map<string, number>();
    for (const r of resources) perRoot.set(r.location?.root ?? "", (perRoot.get(r.location?.root ?? "") ?? 0) + 1);
    expect([...perRoot.keys()].sort()).toEqual(IDS);
    expect(new Set(perRoot.values()).size).toBe(1);
    // Only the roots asked for.
    const one = await opened.collect(["aws.s3.bucket"], { roots: [IDS[1] ?? ""] });
    expect(new Set(one.resources.map((r) => r.location?.root))).toEqual(new Set([IDS[1]]));
  });

  it("reports an account whose role cannot be assumed as that root's failure, and reads the others", async () => {
    writeOrg();
    opened = await openTarget({ type: "sandbox-org", dir, accounts: [{ id: IDS[0] ?? "" }, { id: "999999999999" }, { id: IDS[2] ?? "" }] }, FAST);
    const refused = opened.roots?.().find((r) => r.root === "999999999999");
    expect(refused?.error).toMatch(/AccessDenied/);
    expect(refused?.partitions).toEqual([]);
    // Opened alone, it keeps failing the same way (the folder, not a file, with that one account).
    expect(refused?.target).toMatchObject({ type: "sandbox-org", dir, accounts: [{ id: "999999999999" }] });
    const { resources, failures } = await opened.collect(["aws.s3.bucket"]);
    expect(failures).toEqual([expect.objectContaining({ kind: "*", root: "999999999999", code: "AWS_ERROR", awsError: "AccessDenied" })]);
    expect(new Set(resources.map((r) => r.location?.root))).toEqual(new Set([IDS[0], IDS[2]]));
  });

  it("fails to open a folder without account files, saying how to make one", async () => {
    const error = await openTarget({ type: "sandbox-org", dir }).catch((e: unknown) => e);
    expect(isAgpmError(error, "INPUT_INVALID")).toBe(true);
    expect((error as Error).message).toContain("agpm sandbox init-org");
  });

  it("accepts organisation targets of both kinds and refuses a malformed account entry", () => {
    for (const t of [
      { type: "sandbox-org", dir: "org", accounts: [{ id: "111122223333", roleArn: "arn:aws:iam::111122223333:role/Audit", externalId: "ext-1" }] },
      { type: "aws", region: "us-east-1", accounts: "organization", roleName: "AuditRole" },
      { type: "aws", region: "us-east-1", accounts: [{ id: "111122223333" }] },
    ]) expect(TargetSchema.parse(t)).toEqual(t);
    expect(TargetSchema.safeParse({ type: "aws", region: "us-east-1", accounts: [{ id: "1234" }] }).success).toBe(false);
    expect(TargetSchema.safeParse({ type: "aws", region: "us-east-1", accounts: [] }).success).toBe(false);
  });
});

describe("a run over an organisation", () => {
  it("checks every account, each finding located in its account, and the refused account is an error of the run", async () => {
    writeOrg();
    graph = await createGraphEnv();
    const { report } = await startRun(graph.deps, graph.store.checkpointer, {
      intent: S3_INTENT,
      options: graph.options({ target: { type: "sandbox-org", dir, accounts: [...IDS.map((id) => ({ id })), { id: "999999999999" }] } }),
    });
    const failing = report.findings.filter((f) => f.status === "fail");
    expect(new Set(failing.map((f) => f.location.root))).toEqual(new Set(IDS));
    // The same bucket name in three accounts is three findings, not one.
    const byName = failing.filter((f) => f.resourceId === failing[0]?.resourceId && f.ruleId === failing[0]?.ruleId);
    expect(byName.map((f) => f.location.root).sort()).toEqual(IDS);
    expect(report.collectionErrors).toEqual([expect.stringMatching(/^999999999999: .*AccessDenied/)]);
    expect(report.summary.errors).toBeGreaterThanOrEqual(1);
  });

  it("fixes each account's resources through that account's clients", async () => {
    const files = writeOrg();
    const before = files.map(unencrypted);
    expect(before.every((names) => names.length > 0)).toBe(true);
    graph = await createGraphEnv();
    const { report } = await startRun(graph.deps, graph.store.checkpointer, {
      intent: S3_INTENT,
      options: graph.options({ command: "run", apply: true, autoApprove: true, maxChanges: 100, target: { type: "sandbox-org", dir } }),
    });
    expect(report.status).toBe("completed");
    for (const file of files) expect(unencrypted(file)).toEqual([]);
    // One audit-worthy action per (account, bucket, fix): none folded into another account's.
    const verified = report.actions.filter((a) => a.status === "verified" && a.action === "s3.enable-default-encryption");
    expect(new Set(verified.map((a) => a.location.root))).toEqual(new Set(IDS));
    expect(verified.length).toBe(before.flat().length);
  });
});
