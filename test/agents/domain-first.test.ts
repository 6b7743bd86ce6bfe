// The parser picks the domain before controls compete, and refusals name the registry's catalogue:
// a second, test-only domain (test data built on the Domain interface) shares "public",
// "encrypted" and "volumes" with AWS.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { refusalFor } from "../../agents/planner/refusal.js";
import { scopeFromEntities } from "../../agents/planner/scope.js";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import { isAgpmError } from "../../core/errors.js";
import type { ControlDefinition, Domain, KindDefinition } from "../../engine/domain.js";
import { DOMAINS, createRegistry } from "../../engine/registry.js";
import { parseIntent } from "../../language/parse.js";

function kind(name: string, noun: string, words: string[]): KindDefinition {
  return { name, noun, plural: `${noun}s`, service: "core", idField: "name", words, model: z.object({ exposed: z.boolean() }) };
}

function control(id: string, kindName: string, words: string[]): ControlDefinition {
  return {
    id, kind: kindName, title: `Cluster ${id}`, description: "Test-only control.", severity: "high", benchmarks: [], words,
    build: () => ({ title: id, require: { path: "exposed", op: "falsy" } }),
    examples: { compliant: { exposed: false }, noncompliant: { exposed: true } },
  };
}

const cluster: Domain = {
  name: "cluster",
  kinds: [kind("cluster.pod", "pod", ["pod", "pods", "workload", "workloads", "k8s"]), kind("cluster.volume", "persistent volume", ["volume", "volumes", "persistent volume"])],
  controls: [control("cluster.pod-not-public", "cluster.pod", ["public", "publicly", "exposed"]), control("cluster.volume-encrypted", "cluster.volume", ["encrypted", "encryption"])],
  params: [],
  polarity: {},
  benchmarks: {},
  actions: [],
  collectors: [],
  sources: [],
  words: ["kubernetes", "cluster"],
  files: ["*.yaml"],
  services: [{ title: "Kubernetes", words: ["k8s"] }],
  notCovered: ["helm"],
};

const both = createRegistry([...DOMAINS, cluster]);
const controls = (intent: string, registry = both) => parseIntent(intent, registry).controls.map((c) => c.control);

describe("with a second domain registered", () => {
  it("reads an intent naming the test domain's kind with its control, not AWS's", () => {
    expect(controls("Pods must not be public")).toEqual(["cluster.pod-not-public"]);
    expect(parseIntent("Pods must not be public", both).domains).toEqual(["cluster"]);
  });

  it("reads a kind word both domains use within the domain the intent names", () => {
    expect(controls("Kubernetes volumes must be encrypted")).toEqual(["cluster.volume-encrypted"]);
    expect(controls("Persistent volumes in the cluster must be encrypted")).toEqual(["cluster.volume-encrypted"]);
    expect(controls("Volumes in manifests/app.yaml must be encrypted")).toEqual(["cluster.volume-encrypted"]);
  });

  it("reads an intent naming no kind within the domain it names", () => {
    expect(controls("Nothing in kubernetes may be public")).toEqual(["cluster.pod-not-public"]);
    expect(controls("Nothing in AWS may be public")).not.toContain("cluster.pod-not-public");
  });

  it("still reads an intent naming an AWS kind with AWS's controls", () => {
    expect(controls("EBS volumes must be encrypted")).toEqual(["ebs.volume-encrypted"]);
    expect(controls("S3 buckets must not be public")).toEqual(["s3.bucket-not-public"]);
    expect(controls("EC2 instances must not have a public IP")).toEqual(["ec2.no-public-ip"]);
    expect(parseIntent("S3 buckets must not be public", both).domains).toEqual(["aws"]);
  });

  it("keeps every domain in play when the intent does not tell them apart", () => {
    expect(parseIntent("Everything must be encrypted", both).domains.sort()).toEqual(["aws", "cluster"]);
  });
});

describe("refusals and out-of-scope subjects", () => {
  it("list exactly the registry's services as the catalogue", () => {
    const intent = "RDS databases must be encrypted";
    expect(refusalFor(parseIntent(intent))?.message).toContain("outside the catalogue (S3, EC2, EBS, EFS and Auto Scaling).");
    expect(refusalFor(parseIntent(intent, both), both)?.message).toContain("outside the catalogue (S3, EC2, EBS, EFS, Auto Scaling and Kubernetes).");
  });

  it("name the offline translator's catalogue from the registry too", async () => {
    const parsed = parseIntent("Lambda functions must be encrypted");
    const error = await createOfflineTranslator()
      .translate({ intent: parsed.text, plan: { operation: parsed.operation, kinds: [], scope: scopeFromEntities(parsed.entities), existing: null, interpretation: [] }, feedback: [], previous: null })
      .catch((e: unknown) => e);
    expect(isAgpmError(error) && error.message).toContain("outside the catalogue (S3, EC2, EBS, EFS and Auto Scaling).");
  });

  it("take a domain's own not-covered services, and drop a subject once a domain names it", () => {
    expect(parseIntent("Helm releases must be signed").outOfScope).toEqual([]);
    expect(parseIntent("Helm releases must be signed", both).outOfScope).toEqual(["Helm"]);
    expect(parseIntent("Pods must not be public").outOfScope).toEqual(["Pods"]);
    expect(parseIntent("Pods must not be public", both).outOfScope).toEqual([]);
  });

  it("refuse every service AWS declares it does not cover", () => {
    const aws = DOMAINS.find((d) => d.name === "aws");
    expect(aws?.notCovered?.length).toBeGreaterThan(0);
    for (const subject of aws?.notCovered ?? []) expect(parseIntent(`${subject} resources must be encrypted`).outOfScope, subject).not.toEqual([]);
  });
});
