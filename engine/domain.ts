// What a domain (AWS, later Terraform, Kubernetes…) hands the engine: kinds, controls, params, actions and sources.
import type { z } from "zod";
import type { JsonValue } from "../contracts/policy.js";
import type { ProgressEvent } from "../contracts/progress.js";
import type { Resource } from "../contracts/resource.js";
import type { Target } from "../contracts/target.js";
import type { ErrorCode } from "../core/errors.js";
import { ANY_KIND, type ControlDefinition, type ControlParams } from "./control.js";
import type { KindDefinition } from "./kind.js";

export { ANY_KIND };
export type { ControlDefinition, KindDefinition };

/**
 * A parameter controls take from an intent ("port 22", "alias/data", "30 days"): its schema, how to
 * read it from what the intent's recognisers found, and a sample value for docs and examples.
 *
 * A domain's own values are found by recognisers it declares as data — `token`, `phrases`,
 * `after` — which the parser (language/) implements once for every domain: each puts what it
 * found under the param's name for `recognise` to read.
 */
export interface ParamDefinition<K extends keyof ControlParams = keyof ControlParams> {
  name: K;
  /** One line for the catalogue docs. */
  description: string;
  schema: z.ZodType<NonNullable<ControlParams[K]>>;
  /**
   * Where the param stands among every domain's params, lowest first: the generated params schema
   * and the recognised params list their keys in this order, whichever domains are registered.
   */
  rank: number;
  /** The value the recognised entities carry for this param, or undefined when the intent names none. */
  recognise(found: Readonly<Record<string, unknown>>): ControlParams[K] | undefined;
  sample: NonNullable<ControlParams[K]>;
  /**
   * A token matching this whole (lower case) is the value, as written: "alias/data", a key ARN.
   * Such a token is never read as a tag key.
   */
  token?: RegExp;
  /**
   * Values by the phrases that name them ("block public acls" → `blockPublicAcls`): found as the
   * list of the values named, in this record's order.
   */
  phrases?: Readonly<Record<string, readonly string[]>>;
  /** A value written after a lead word: "logs go to bucket audit-logs", "target bucket x". */
  after?: ParamAfter;
}

/** Where a value follows a lead word (see {@link ParamDefinition.after}); the first match in the intent wins. */
export interface ParamAfter {
  /** A lead counts only in a clause where one of these words (or stems) comes at or before it: "log", "deliver". */
  verbs: readonly string[];
  /** Words that introduce the value in such a clause: "to", "into". */
  leads: readonly string[];
  /** Words that introduce the value in any clause when one of `nouns` (or its plural) follows: "target" (bucket x). */
  labels?: readonly string[];
  /** Words that may stand between the lead and the value: "the", "dedicated". */
  skip?: readonly string[];
  /**
   * Nouns (matched as written) that vouch for the value when they stand between the lead and it ("to bucket logs");
   * a value nothing vouches for must look like a name (a dash, dot, underscore or digit).
   */
  nouns?: readonly string[];
  /** What the value, as written, must match. */
  value: RegExp;
}

/** A benchmark id's published entry (CIS, FSBP…), as a domain's table of titles holds it. */
export interface BenchmarkEntry {
  benchmark: string;
  /** The version the id's number belongs to, or "unversioned". */
  version: string;
  title: string;
}

/** A control's words by what they name: the state it requires (secure) or forbids (insecure). */
export interface ControlPolarity {
  secure: readonly string[];
  insecure: readonly string[];
  also?: { secure?: readonly string[]; insecure?: readonly string[] };
}

/** A change the action would make: the part of the resource it touches, before and after. */
export interface RemediationPlan {
  before: JsonValue;
  after: JsonValue;
  /** One line for people, e.g. "enable SSE-KMS default encryption with key alias/data". */
  summary: string;
}

/**
 * What an action does to the security posture. Only "tightens" may be applied without a person:
 * the validator refuses to auto-apply an action that weakens or destroys.
 */
export type ActionEffect = "tightens" | "weakens" | "destructive";

interface ActionBase<P> {
  /** Catalogue name, e.g. `s3.enable-default-encryption`. */
  name: string;
  /** The resource kind it acts on, or {@link ANY_KIND}. */
  kind: string;
  title: string;
  effect: ActionEffect;
  /** The permissions `apply` needs (for AWS, IAM actions). */
  permissions: readonly string[];
  /** Parameters the policy passes, validated before planning. */
  params: z.ZodType<P>;
}

/** Plan (pure), then apply through the session's context; the enforcer re-reads and re-evaluates to verify. */
export interface AutomaticAction<P = Record<string, JsonValue>, Ctx = unknown> extends ActionBase<P> {
  manual: false;
  /** What would change, or null when the resource already has what the action sets. */
  plan(resource: Resource, params: P): RemediationPlan | null;
  apply(ctx: Ctx, resource: Resource, params: P): Promise<void>;
}

/** A fix that cannot (or, for static sources, may not) be made in place: proposed as guidance only. */
export interface ManualAction<P = Record<string, JsonValue>> extends ActionBase<P> {
  manual: true;
  guidance(resource: Resource, params: P): string;
}

export type Action<P = Record<string, JsonValue>, Ctx = unknown> = AutomaticAction<P, Ctx> | ManualAction<P>;

/** How a kind is read from a session: every resource of a partition, and one resource again (to verify). */
export interface KindCollector<Ctx = unknown> {
  kind: string;
  /** Permissions the collector calls, e.g. `s3:GetBucketEncryption`. */
  permissions: readonly string[];
  /** partition-wide ("regional") or once per root ("account"). */
  scope: "regional" | "account";
  collect(ctx: Ctx, partition: string): Promise<Resource[]>;
  /** Optional: every partition's resources from one listing (S3 ListBuckets). */
  collectMany?(ctx: Ctx, partitions: readonly string[]): Promise<Resource[]>;
  /** Null when the resource no longer exists. */
  collectOne(ctx: Ctx, id: string, partition: string): Promise<Resource | null>;
}

/** A kind that could not be listed in a partition (its resources there are unknown). */
export interface CollectFailure {
  kind: string;
  /** The partition (AWS: the region). */
  region: string;
  code: ErrorCode;
  /** The provider's error name, e.g. "AccessDenied", when it refused. */
  awsError: string | null;
  message: string;
  /** The root it belongs to, in a session of several (an organisation's account). */
  root?: string;
}

export interface Inventory {
  resources: Resource[];
  failures: CollectFailure[];
}

/** An opened target: its root and partitions, collection, and the actions its kinds offer. */
export interface Session<Ctx = unknown> {
  /** The context tools receive (for AWS: clients, limiter, retry policy). */
  ctx: Ctx;
  /**
   * Where this session's automatic actions take effect, as its Source declares: the enforcer calls
   * `apply` only for "cloud"; a "files" session's fixes are proposals, a "none" session plans none.
   */
  applies: SourceApplies;
  /** The root the session reads (AWS: the account id); in a session of several, the first. */
  root(): string;
  /** The partitions it covers (AWS: regions); in a session of several, every root's. */
  partitions(): readonly string[];
  /**
   * A session of several roots (an organisation's accounts) lists them, each with its partitions and
   * the target that opens it alone (sweeps fan out per root); absent = one root.
   */
  roots?(): readonly SessionRoot[];
  collect(kinds: readonly string[], filter?: { regions?: readonly string[]; roots?: readonly string[] }): Promise<Inventory>;
  /** `root` picks the root in a session of several; without it, the root the resource was last collected from. */
  collectOne(kind: string, id: string, partition: string, root?: string): Promise<Resource | null>;
  /** The context actions on this resource get: in a session of several roots, its root's; `ctx` when absent. */
  contextOf?(resource: Resource): Ctx;
  actions(kind: string): readonly Action<Record<string, JsonValue>, Ctx>[];
  /** One line for people, e.g. "sandbox demo.json (account 123456789012; us-east-1)". */
  describe: string;
  close(): void;
}

/** One root of a session of several. */
export interface SessionRoot {
  root: string;
  /** Its partitions; empty when it could not be opened. */
  partitions: readonly string[];
  /** A target that opens this root alone. */
  target: Target;
  /** Why it could not be opened (its collection reports it as a failure), or null. */
  error: string | null;
}

/** How a session reads its target: bounded concurrency, retries, progress and the clock. */
export interface SessionOptions {
  /** Most provider calls in flight at once (default 8). */
  concurrency?: number;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  onProgress?: (event: ProgressEvent) => void;
  /** Clock for ages ("stopped for 30 days"); the system clock by default. */
  now?: () => Date;
}

/**
 * Where a source's automatic actions take effect. "cloud": `apply` calls the provider (a live account,
 * or its sandbox). "files": the target is files (Terraform, manifests): actions only propose edits,
 * the engine never applies them, and an edit is never a cloud call. "none": a read-only source.
 */
export type SourceApplies = "cloud" | "files" | "none";

/**
 * How the conformance suite (test/conformance) exercises a source offline: it writes a target with
 * `initSimulated` and opens it, or — for a source that can only reach the real thing (a live account)
 * — another source of the same domain runs the same collectors and actions offline, and says why.
 */
export type SourceRehearsal =
  | { by: "simulation"; target(file: string): Target }
  | { by: "source"; source: string; why: string };

/** Opens targets of the given types (the target union's `type`) into sessions. */
export interface Source<Ctx = unknown> {
  /** e.g. "aws-live", "aws-sandbox". */
  name: string;
  targetTypes: readonly Target["type"][];
  applies: SourceApplies;
  rehearsal: SourceRehearsal;
  open(target: Target, options?: SessionOptions): Promise<Session<Ctx>>;
  /**
   * Simulated sources only: writes a target file to open — the demo one, or a generated one of
   * about `resources` resources (deterministic for a `seed`).
   */
  initSimulated?(file: string, options?: { resources?: number; seed?: number }): void;
  /**
   * Simulated sources of many roots only: writes an organisation into `dir` — `accounts` targets as
   * `initSimulated` writes them, each its own root and seed — and returns the files written.
   */
  initSimulatedOrg?(dir: string, options: { accounts: number; resources?: number; seed?: number }): readonly string[];
}

/** A service a domain covers, as people name it ("EBS", "Auto Scaling"). */
export interface ServiceDefinition {
  /** Display name for catalogue lists and refusals, e.g. "Auto Scaling". */
  title: string;
  /** Words that name the service alone ("auto scaling"): they pick the domain, but a kind only when nothing better does. */
  words: readonly string[];
}

/** One domain: everything the engine, the parser and the docs know about it comes from here. */
export interface Domain<Ctx = unknown> {
  /** e.g. "aws"; kind names start with it. */
  name: string;
  kinds: readonly KindDefinition[];
  controls: readonly ControlDefinition[];
  params: readonly ParamDefinition[];
  /** Each control's polar words, by control id (the weakening detector reads them). */
  polarity: Readonly<Record<string, ControlPolarity>>;
  /** The benchmark ids its controls may name, with their published titles. */
  benchmarks: Readonly<Record<string, BenchmarkEntry>>;
  actions: readonly Action<Record<string, JsonValue>, Ctx>[];
  collectors: readonly KindCollector<Ctx>[];
  sources: readonly Source<Ctx>[];
  /** Words that name the domain itself ("aws", "amazon"): the parser picks the domain before controls compete. */
  words?: readonly string[];
  /** File names or suffixes only this domain reads ("*.tf", "Dockerfile"): naming one picks the domain. */
  files?: readonly string[];
  /** The services it covers, in catalogue order (refusals list their titles). */
  services?: readonly ServiceDefinition[];
  /** Services people ask about that it knows it does not cover ("rds", "lambda"): refused, never read as a lookalike kind. */
  notCovered?: readonly string[];
  /**
   * How its partitions are written ("us-east-1"): a token matching it scopes the intent to that
   * partition, and is never read as a name, tag key or tag value.
   */
  partitionPattern?: RegExp;
  /** Resource ids people write ("sg-0abc…"): a bare one in an exemption names the resource exempted. */
  idPattern?: RegExp;
  /** Phrases holding a kind word that do not name the kind ("server side", "object versions"). */
  notKindPhrases?: readonly string[];
  /** Words of its own that carry no policy meaning ("region", "account"): never reported as unrecognised. */
  fillerWords?: readonly string[];
}
