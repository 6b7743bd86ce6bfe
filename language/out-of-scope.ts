// Services and subjects outside the catalogue (IAM users, RDS, Lambda…): an intent about them
// is refused with the closest supported controls rather than read as a rule on a lookalike
// kind ("RDS snapshots" are not EBS snapshots). Words a control itself uses ("IAM role" of
// an instance profile) are in scope.
import { findPhrase, phraseStems, type Token } from "./tokens.js";

const FOREIGN = [
  "iam", "rds", "aurora cluster", "lambda", "dynamodb", "cloudtrail", "cloud trail", "cloudfront", "cloud front", "guardduty", "guard duty",
  "elasticache", "elasti cache", "eks", "ecs", "ecr", "sqs", "sns", "kinesis", "redshift", "kubernetes", "k8s", "pod", "flow log", "flow logs",
  "flow logging", "metric filter", "alarm", "root account", "root user", "password", "secrets manager", "route53", "route 53", "waf",
  "api gateway", "cognito", "glue", "athena", "emr", "sagemaker", "macie", "cloudformation", "cloud formation", "beanstalk", "step functions",
  "access analyzer", "organizations", "scp", "codebuild", "opensearch domain", "elasticsearch domain", "dax", "neptune", "documentdb", "msk",
].map(phraseStems);

/** The out-of-scope subjects the intent names outside any control's own words. */
export function findOutOfScope(tokens: readonly Token[], covered: ReadonlySet<number>): string[] {
  const found: string[] = [];
  for (const stems of FOREIGN) {
    for (const start of findPhrase(tokens, stems)) {
      const span = stems.map((_, j) => start + j);
      if (span.some((k) => covered.has(k))) continue;
      found.push(span.map((k) => tokens[k]?.raw ?? "").join(" "));
    }
  }
  return [...new Set(found)];
}
