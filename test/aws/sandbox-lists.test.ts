// The sandbox file's lists come from the kind folders (kinds/<kind>/sandbox-list.ts) and the shared
// support set (sandbox/schema.ts): every list has exactly one owner, every folder's demo and generated
// items fit its schema, and the files written from them are byte for byte what they were before the
// lists moved into the folders (docs/SANDBOX.md is a public contract).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { simulatedSource } from "../../engine/registry.js";
import { AWS_KIND_FOLDERS } from "../../tools/aws/kinds/index.js";
import { DEMO_IDS } from "../../tools/aws/sandbox/demo.js";
import { generateDemoAccount, generateScaleAccount, parseSandboxValue } from "../../tools/aws/sandbox/index.js";
import { SANDBOX_SECTIONS } from "../../tools/aws/sandbox/kind-lists.js";
import { SANDBOX_LISTS, SHARED_LISTS } from "../../tools/aws/sandbox/schema.js";
import type { SandboxState, VolumeState } from "../../tools/aws/sandbox/schema.js";

const FOLDER_LISTS = AWS_KIND_FOLDERS.flatMap((folder) => (folder.sandbox?.lists ?? []).map((list) => ({ kind: folder.kind.name, list })));
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("each kind folder's sandbox lists", () => {
  it("exist: at least the five lists that moved into their folders", () => {
    expect(FOLDER_LISTS.map(({ kind, list }) => `${kind} ${list.section}.${list.list}`)).toEqual(expect.arrayContaining([
      "aws.ebs.volume ec2.volumes", "aws.ebs.snapshot ec2.snapshots", "aws.ec2.image ec2.images",
      "aws.efs.file-system efs.fileSystems", "aws.efs.access-point efs.accessPoints",
    ]));
  });

  it.each(FOLDER_LISTS.map(({ kind, list }) => [`${kind} ${list.list}`, list] as const))("%s: demo items fit its schema and carry its id", (_, list) => {
    const items = list.demo(DEMO_IDS);
    expect(items.length).toBeGreaterThan(0);
    for (const [index, item] of items.entries()) {
      const result = list.schema.safeParse(item);
      expect(result.error?.issues ?? [], `${list.list}[${index}]`).toEqual([]);
      expect(typeof item[list.id], `${list.list}[${index}].${list.id}`).toBe("string");
    }
  });

  it.each(FOLDER_LISTS.map(({ kind, list }) => [`${kind} ${list.list}`, list] as const))("%s: generated items fit its schema, with unique ids", (_, list) => {
    const file = generateScaleAccount({ resources: 600, seed: 11 }) as Record<string, Record<string, unknown> | undefined>;
    const items = (file[list.section]?.[list.list] ?? []) as Array<Record<string, unknown>>;
    expect(items.length).toBe(Math.max(1, Math.round(600 * list.scale.share)));
    for (const item of items) expect(list.schema.safeParse(item).success).toBe(true);
    expect(new Set(items.map((i) => i[list.id])).size).toBe(items.length);
  });
});

describe("the sandbox file's lists", () => {
  const empty = parseSandboxValue({ account: "123456789012" });
  /** Every list the schema builds (array-valued keys of an empty file's sections). */
  const schemaLists = SANDBOX_SECTIONS.flatMap((section) =>
    Object.entries(empty[section]).filter(([, value]) => Array.isArray(value)).map(([name]) => `${section}.${name}`));

  it("each belong to exactly one kind folder or the shared support set", () => {
    const owners = [...FOLDER_LISTS.map(({ list }) => list), ...SHARED_LISTS].map((l) => `${l.section}.${l.list}`);
    expect(schemaLists.length).toBeGreaterThanOrEqual(13);
    expect([...owners].sort()).toEqual([...schemaLists].sort());
    expect(new Set(owners).size).toBe(owners.length);
  });

  it("have names unique across sections (handlers name a list by its name alone)", () => {
    const names = SANDBOX_LISTS.map((l) => l.list);
    expect(new Set(names).size).toBe(names.length);
  });

  it("keep the file's order: shared lists first, the kinds' lists in catalogue order, then support lists", () => {
    expect(SANDBOX_LISTS.map((l) => `${l.section}.${l.list}`)).toEqual(schemaLists);
    expect(schemaLists.slice(0, 8)).toEqual([
      "s3.buckets", "ec2.instances", "ec2.securityGroups", "ec2.volumes", "ec2.snapshots", "ec2.images", "ec2.vpcs", "ec2.flowLogs",
    ]);
    expect(schemaLists.slice(8, 11)).toEqual(["efs.fileSystems", "efs.accessPoints", "efs.mountTargets"]);
  });

  it("are typed from the folders: a loaded state's kind lists have their items' fields", () => {
    const state: SandboxState = parseSandboxValue(generateDemoAccount());
    const volumes: VolumeState[] = state.ec2.volumes;
    expect(volumes.map((v) => v.VolumeId)).toContain("vol-0a1b2c3d4e5f00003");
    expect(state.efs.fileSystems.find((fs) => fs.FileSystemId === "fs-0a1b2c3d4e5f00002")?.FileSystemPolicy?.["Statement"]).toBeDefined();
  });

  it("refuses a duplicate id in a folder's list, naming both places", () => {
    expect(() => parseSandboxValue({ account: "123456789012", efs: { accessPoints: [{ AccessPointId: "a", FileSystemId: "f" }, { AccessPointId: "a", FileSystemId: "f" }] } }))
      .toThrow('$.efs.accessPoints[1].AccessPointId: duplicate AccessPointId "a" (also at $.efs.accessPoints[0].AccessPointId)');
  });
});

// sha256 of the files written before the lists moved into the kind folders (commit de555e1).
const DEMO_SHA256 = "10d1cf219e73983016921a2cd336ebbbc59fb054aac75fedaacbef1f535b1f4a";
const SCALE_2000_SEED_9_SHA256 = "1bac20918484166964e28d2dd284d59b8ae0f5776b2b5ed13be7f31f34806eb1";
const SCALE_300_DEFAULT_SEED_SHA256 = "e6c1b9039d5b7fdb6ac292f1a02765381b56d195a2de1cdcbc6e13cee9e3bc68";

describe("the files agpm sandbox init writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "agpm-sandbox-lists-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const init = (name: string, options: { resources?: number; seed?: number }) => {
    const file = join(dir, name);
    simulatedSource()?.initSimulated(file, options);
    return readFileSync(file, "utf8");
  };

  it("write the demo account byte for byte as before", () => {
    expect(sha256(init("demo.json", {}))).toBe(DEMO_SHA256);
  });

  it("write a seeded generated account byte for byte as before", () => {
    expect(sha256(init("scale-9.json", { resources: 2000, seed: 9 }))).toBe(SCALE_2000_SEED_9_SHA256);
    expect(sha256(init("scale-42.json", { resources: 300 }))).toBe(SCALE_300_DEFAULT_SEED_SHA256);
  });
});
