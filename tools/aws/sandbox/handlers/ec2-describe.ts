// The shared shape of EC2 Describe* calls: region scoping, id lists (with the NotFound error AWS
// raises for unknown ids), Filters, MaxResults/NextToken pagination and DryRun.
import type { Filter } from "@aws-sdk/client-ec2";
import { awsError } from "../errors.js";
import type { ListName } from "../lookup.js";
import { checkRange, pageOf } from "./common.js";
import type { Page } from "./common.js";
import { filterPredicate } from "./ec2-filters.js";
import type { HandlerContext } from "./types.js";

type Item = Record<string, unknown>;

export interface DescribeSpec {
  list: ListName;
  command: string;
  idField: string;
  /** The request member that lists ids, e.g. "InstanceIds". */
  idParam: string;
  /** AWS's error for unknown ids, e.g. "InvalidInstanceID.NotFound", and the noun in its message. */
  notFound: string;
  noun: string;
  /** Larger MaxResults are silently capped, as AWS does. */
  maxCap: number;
  /** Filter member name (DescribeFlowLogs calls it "Filter"). */
  filterParam?: string;
}

export interface DescribeInput {
  DryRun?: boolean | undefined;
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
  [member: string]: unknown;
}

export function dryRun(input: { DryRun?: boolean | undefined }): void {
  if (input.DryRun) throw awsError("ec2", "DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set.");
}

/** The ids a request names, checked against what exists in the client's region. */
function byIds(spec: DescribeSpec, ids: readonly string[], ctx: HandlerContext): Item[] {
  const lookup = ctx.account.lookup;
  const index = new Map<string, Item>();
  for (const id of ids) {
    const item = lookup.byId(spec.list, spec.idField, id);
    if (item && lookup.regionOf(spec.list, item) === ctx.region) index.set(id, item);
  }
  const missing = ids.filter((id) => !index.has(id));
  if (missing.length > 0) {
    const many = missing.length > 1;
    throw awsError("ec2", spec.notFound, 400, `The ${spec.noun}${many ? "s" : ""} '${missing.join(", ")}' ${many ? "do" : "does"} not exist`);
  }
  return [...new Set(ids)].map((id) => index.get(id) as Item);
}

/** One page of the items a Describe* request selects in the client's region. */
export function describe(spec: DescribeSpec, input: DescribeInput, ctx: HandlerContext, select?: (item: Item) => boolean): Page<Item> {
  dryRun(input);
  const ids = (input[spec.idParam] as string[] | undefined) ?? [];
  if (ids.length > 0 && input.MaxResults !== undefined) {
    throw awsError("ec2", "InvalidParameterCombination", 400, `The parameter ${spec.idParam} cannot be used with the parameter maxResults`);
  }
  checkRange(ctx, "MaxResults", input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, 1000), 5, 1000);
  const chosen = ids.length > 0 ? byIds(spec, ids, ctx) : ctx.account.lookup.inRegion(spec.list, ctx.region);
  const matches = filterPredicate(spec.list, spec.command, input[spec.filterParam ?? "Filters"] as Filter[] | undefined);
  const selected = chosen.filter((item) => matches(item) && (select === undefined || select(item)));
  const size = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, spec.maxCap);
  return pageOf(selected, input.NextToken, size, () => awsError("ec2", "InvalidParameterValue", 400, `The token '${input.NextToken}' is invalid`));
}

/** Output fields for the next token: absent on the last page, as AWS omits it. */
export function nextTokenField(next: string | undefined): { NextToken?: string } {
  return next === undefined ? {} : { NextToken: next };
}
