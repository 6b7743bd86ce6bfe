// Reads an S3 bucket policy document the way AWS's "is this public?" analysis does, and finds
// grants to other AWS accounts. The statement reader is shared with other resource policies (EFS).
import { z } from "zod";

const StringOrList = z.union([z.string(), z.array(z.string())]);
const StatementSchema = z.looseObject({
  Effect: z.string(),
  Principal: z.union([z.string(), z.record(z.string(), StringOrList)]).optional(),
  NotPrincipal: z.union([z.string(), z.record(z.string(), StringOrList)]).optional(),
  Action: StringOrList.optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type PolicyStatement = z.infer<typeof StatementSchema>;
type Statement = PolicyStatement;
const PolicySchema = z.looseObject({
  Statement: z.union([StatementSchema, z.array(StatementSchema)]),
});

export interface PolicyAnalysis {
  allowsPublic: boolean;
  deniesInsecureTransport: boolean;
  /** An unconditioned Allow to another AWS account (see {@link analysePolicy}). */
  crossAccount: boolean;
}

/**
 * Condition keys that pin a request to a known network, account or principal: an Allow
 * guarded by one of them (with a fixed value) is not public, as AWS documents it.
 */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner",
  "aws:sourceaccount", "aws:userid", "aws:principalarn", "aws:principalaccount",
  "aws:principalorgid", "aws:principalorgpaths", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
]);
const OPEN_VALUES: ReadonlySet<string> = new Set(["*", "0.0.0.0/0", "::/0"]);

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null ? [] : [String(value)];
}

/** Principal "*" or {"AWS": "*"} (alone or in a list). */
export function principalIsEveryone(principal: Statement["Principal"]): boolean {
  if (principal === undefined) return false;
  if (typeof principal === "string") return principal === "*";
  return asList(principal["AWS"]).includes("*");
}

/** "111122223333", arn:aws:iam::111122223333:… or arn:aws:sts::111122223333:… → the account id. */
function accountOf(principal: string): string | null {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] ?? null;
}

function namedAccounts(principal: Statement["Principal"]): string[] {
  if (principal === undefined || typeof principal === "string") return [];
  return asList(principal["AWS"]).flatMap((p) => {
    const account = accountOf(p);
    return account === null ? [] : [account];
  });
}

function conditionRestricts(condition: Statement["Condition"]): boolean {
  for (const [rawOperator, entries] of Object.entries(condition ?? {})) {
    const operator = rawOperator.replace(/^For(Any|All)Value:/, "");
    // Negated operators and IfExists let requests without the key through.
    if (/^(StringNot|ArnNot|NotIpAddress)/.test(operator) || operator.endsWith("IfExists")) continue;
    for (const [key, value] of Object.entries(entries)) {
      const values = asList(value);
      if (RESTRICTING_KEYS.has(key.toLowerCase()) && values.length > 0 && !values.some((v) => OPEN_VALUES.has(v))) {
        return true;
      }
    }
  }
  return false;
}

function allowsPublic(s: Statement): boolean {
  if (s.Effect !== "Allow") return false;
  const open = principalIsEveryone(s.Principal) || s.NotPrincipal !== undefined;
  return open && !conditionRestricts(s.Condition);
}

function grantsOtherAccount(s: Statement, account: string | null): boolean {
  if (s.Effect !== "Allow" || conditionRestricts(s.Condition)) return false;
  return namedAccounts(s.Principal).some((a) => a !== account);
}

function deniesInsecureTransport(s: Statement): boolean {
  if (s.Effect !== "Deny" || !principalIsEveryone(s.Principal)) return false;
  const actions = asList(s.Action);
  if (!actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
  return Object.entries(s.Condition ?? {}).some(([operator, entries]) =>
    /^Bool(IfExists)?$/.test(operator) &&
    Object.entries(entries).some(
      ([key, value]) => key.toLowerCase() === "aws:securetransport" && asList(value).some((v) => v.toLowerCase() === "false"),
    ),
  );
}

/** The statements of a policy document (the API's JSON string, or already parsed); null when unreadable. */
export function policyStatements(document: unknown): PolicyStatement[] | null {
  let value: unknown = document;
  if (typeof document === "string") {
    try {
      value = JSON.parse(document);
    } catch {
      return null;
    }
  }
  const parsed = PolicySchema.safeParse(value);
  if (!parsed.success) return null;
  return Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
}

/**
 * Analyses a policy document (the API's JSON string, or already parsed). `account` is the
 * bucket owner's id: an unconditioned Allow naming any other account is `crossAccount`
 * (with no account given, every named account counts as another).
 * @returns null when the document cannot be read as a policy.
 * @example analysePolicy('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}', "123456789012")
 */
export function analysePolicy(document: unknown, account: string | null = null): PolicyAnalysis | null {
  const statements = policyStatements(document);
  if (statements === null) return null;
  return {
    allowsPublic: statements.some(allowsPublic),
    deniesInsecureTransport: statements.some(deniesInsecureTransport),
    crossAccount: statements.some((s) => grantsOtherAccount(s, account)),
  };
}
