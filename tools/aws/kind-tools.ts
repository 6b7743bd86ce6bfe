// The per-kind tool contracts (Cloud Custodian style): a collector and remediation actions,
// each small, each declaring the IAM permissions it needs.
import type { z } from "zod";
import type { JsonValue } from "../../contracts/policy.js";
import type { Resource } from "../../contracts/resource.js";
import type { AwsContext } from "./context.js";

export interface KindCollector {
  kind: string;
  /** IAM actions the collector calls, e.g. `s3:GetBucketEncryption`. */
  permissions: readonly string[];
  /** regional: collected once per region; account: once per account (id = account id). */
  scope: "regional" | "account";
  /** Every resource of the kind in one region (for account scope, `region` is the default region). */
  collect(ctx: AwsContext, region: string): Promise<Resource[]>;
  /**
   * Optional, regional kinds whose listing is global (S3 ListBuckets): the resources of all
   * `regions` from one listing. The inventory calls it instead of `collect` per region.
   */
  collectMany?(ctx: AwsContext, regions: readonly string[]): Promise<Resource[]>;
  /** Re-reads one resource (for verification); null when it no longer exists. */
  collectOne(ctx: AwsContext, id: string, region: string): Promise<Resource | null>;
}

export interface RemediationPlan {
  /** The part of the resource the action changes, as it is now and as it will be. */
  before: JsonValue;
  after: JsonValue;
  /** One line for people, e.g. "enable SSE-KMS default encryption with key alias/data". */
  summary: string;
}

/**
 * What an action does to the account's security posture. Only "tightens" may be applied without
 * a person: the validator refuses to auto-apply an action that weakens or destroys.
 */
export type ActionEffect = "tightens" | "weakens" | "destructive";

/** `kind` of an action that applies to a resource of any kind (e.g. adding required tags). */
export const ANY_KIND = "*";

interface ActionBase<P> {
  /** Catalogue name, e.g. `s3.enable-default-encryption`. */
  name: string;
  /** The resource kind it acts on, or {@link ANY_KIND}. */
  kind: string;
  title: string;
  effect: ActionEffect;
  /** IAM actions `apply` calls. */
  permissions: readonly string[];
  /** Parameters the policy passes, validated before planning. */
  params: z.ZodType<P>;
}

/** A change the enforcer may make in place. */
export interface AutomaticAction<P = Record<string, JsonValue>> extends ActionBase<P> {
  manual: false;
  /** Pure: what would change, or null when the resource already has what the action sets. */
  plan(resource: Resource, params: P): RemediationPlan | null;
  apply(ctx: AwsContext, resource: Resource, params: P): Promise<void>;
}

/** A fix that cannot be made in place (e.g. encryption set at creation): guidance only. */
export interface ManualAction<P = Record<string, JsonValue>> extends ActionBase<P> {
  manual: true;
  guidance(resource: Resource, params: P): string;
}

export type RemediationAction<P = Record<string, JsonValue>> = AutomaticAction<P> | ManualAction<P>;
