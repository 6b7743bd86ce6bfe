// What a sandbox list is, and what a kind folder adds when it owns one: the items of the demo
// account and of generated (scale) accounts. schema.ts, lookup.ts, parse.ts, demo.ts and scale.ts
// read the lists from the kind folders, so a kind with a new list touches only its own folder.
// This module imports no kind folder (they import it), so there is no import cycle.
import type { z } from "zod";

/** The sections of the sandbox file (docs/SANDBOX.md), in file order. */
export const SANDBOX_SECTIONS = ["s3", "ec2", "efs", "autoscaling"] as const;
export type SandboxSection = (typeof SANDBOX_SECTIONS)[number];

type Item = Record<string, unknown>;
/** The zod schema of one list item: a loose object (unknown fields are kept, as AWS returns them). */
export type ItemSchema = z.ZodType<Item, Item>;

/** One list of the sandbox file, such as ec2.images. */
export interface SandboxListDef<Sec extends SandboxSection = SandboxSection, Name extends string = string, S extends ItemSchema = ItemSchema> {
  section: Sec;
  /** Its key in the section; unique across sections, since handlers name lists by it alone. */
  list: Name;
  /** The field naming an item: unique in the file (per region with `perRegion`). */
  id: string;
  schema: S;
  /** Items without "Region" live in the region of their availability zone (instances, volumes). */
  zoned?: boolean;
  /** Ids repeat across regions, as AWS allows for names (Auto Scaling groups). */
  perRegion?: boolean;
}

/** The demo account's two regions. */
export type DemoRegion = "us-east-1" | "eu-west-1";

/** The demo account's shared vocabulary: ids one kind's demo items reference in another's. */
export interface DemoIds {
  account: string;
  /** The file's region, where most of the demo lives. */
  us: "us-east-1";
  /** The demo's second region. */
  eu: "eu-west-1";
  /** The customer-managed KMS key the eu-west-1 resources use. */
  kmsEu: string;
  vpc: Readonly<Record<DemoRegion, string>>;
  subnet: Readonly<Record<DemoRegion, string>>;
  /** The AMI the region's instances run. */
  ami: Readonly<Record<DemoRegion, string>>;
  instance(n: number): string;
  securityGroup(n: number): string;
  volume(n: number): string;
  snapshot(n: number): string;
  fileSystem(n: number): string;
}

/** What a list's item builder gets while a scale account is generated. */
export interface ScaleContext {
  account: string;
  /** The account's regions (2–4, drawn from the seed). */
  regions: readonly string[];
  /** The seeded random source, shared by every list: draw from it only through `item`. */
  random(): number;
  /** One draw: whether this item is drifted (about 30%). */
  drifted(): boolean;
  /** The items generated so far of a list (earlier phases; in the same phase, items before this one). */
  items(list: string): readonly Item[];
  /** How many items a list gets in this account (0 for a list nobody generates). */
  count(list: string): number;
}

export interface ScaleSpec<I> {
  /** Its share of the account's resources. */
  share: number;
  /**
   * When its items draw from the seeded random source. Lists of one phase are generated together,
   * item n of each in turn (an instance, then its root volume); phases run in ascending order.
   * A seed must keep giving the same account, so existing phases never move: a new list takes a
   * phase after all others.
   */
  phase: number;
  /** Item n (0-based) of the list. */
  item(n: number, ctx: ScaleContext): I;
}

/** A sandbox list a kind folder owns, with its demo and generated items. */
export interface KindSandboxList<Sec extends SandboxSection = SandboxSection, Name extends string = string, S extends ItemSchema = ItemSchema>
  extends SandboxListDef<Sec, Name, S> {
  /** The demo account's items, in file order. */
  demo(ids: DemoIds): Array<z.input<S>>;
  scale: ScaleSpec<z.input<S>>;
}

/** Declares a kind's sandbox list, keeping its section and name as literal types (the file's type is built from them). */
export function kindSandboxList<const Sec extends SandboxSection, const Name extends string, S extends ItemSchema>(
  spec: KindSandboxList<Sec, Name, S>,
): KindSandboxList<Sec, Name, S> {
  return spec;
}

/** Generated ids: prefix-<n in 17 hex digits>, as AWS ids look. */
export const scaleId = (prefix: string, n: number): string => `${prefix}-${n.toString(16).padStart(17, "0")}`;
/** Generated dates: a day from 2022-01-01 on, repeating every 900 days. */
export const scaleDate = (n: number): string => new Date(Date.UTC(2022, 0, 1) + (n % 900) * 86_400_000).toISOString();
