// AWS Organizations: ListAccounts for the management account of a sandbox organisation folder —
// every file's account, ACTIVE, in file-name order, 20 a page as AWS pages them.
import type { Account, ListAccountsRequest, ListAccountsResponse } from "@aws-sdk/client-organizations";
import { awsError } from "../errors.js";
import { checkRange, pageOf } from "./common.js";
import { read } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

const PAGE = 20;
// AWS's fixed organisation id for every sandbox folder: nothing reads it but people.
const ORG_ID = "o-agpmsandbox";

function listAccounts(input: ListAccountsRequest, ctx: HandlerContext): ListAccountsResponse {
  const org = ctx.org;
  if (!org) throw awsError("organizations", "AWSOrganizationsNotInUseException", 400, "Your account is not a member of an organization.");
  checkRange(ctx, "MaxResults", input.MaxResults, 1, PAGE);
  const management = org.management.id;
  const accounts = org.accounts.map((a): Account => ({
    Id: a.id,
    Arn: `arn:aws:organizations::${management}:account/${ORG_ID}/${a.id}`,
    Name: a.name,
    Email: `${a.name}@sandbox.agpm.invalid`,
    Status: "ACTIVE",
    JoinedMethod: a.id === management ? "CREATED" : "INVITED",
  }));
  const page = pageOf(accounts, input.NextToken, input.MaxResults ?? PAGE, () =>
    awsError("organizations", "InvalidInputException", 400, "You specified an invalid value for nextToken.", { Reason: "INVALID_NEXT_TOKEN" }));
  return { Accounts: page.items, ...(page.next ? { NextToken: page.next } : {}) };
}

export const ORGANIZATIONS_HANDLERS: HandlerTable = {
  ListAccounts: read(listAccounts),
};
