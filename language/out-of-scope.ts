// Subjects outside the catalogue (IAM users, RDS, Kubernetes pods…): an intent about them is
// refused with the closest supported controls rather than read as a rule on a lookalike kind
// ("RDS snapshots" are not EBS snapshots). Each domain lists the services it knows it does not
// cover; this file holds the stack-wide ones no domain owns yet. A subject all of whose words a
// control's phrase uses ("IAM role" of an instance profile) is in scope; one a control uses only
// part of ("flow logging", "root account") is not.
import { joinProse } from "../engine/phrases.js";
import type { Lexicon } from "./lexicon.js";
import { findPhrase, type Token } from "./tokens.js";

/** Subjects of domains agpm does not have yet; a domain that names one (its kind or own words) takes it off. */
export const NEUTRAL_NOT_COVERED: readonly string[] = ["kubernetes", "k8s", "pod", "password"];

/** The out-of-scope subjects the intent names, unless a control's phrases cover all their words. */
export function findOutOfScope(tokens: readonly Token[], covered: ReadonlySet<number>, lexicon: Lexicon): string[] {
  const found: Array<{ start: number; words: string }> = [];
  for (const stems of lexicon.outOfScope) {
    for (const start of findPhrase(tokens, stems)) {
      const span = stems.map((_, j) => start + j);
      if (span.every((k) => covered.has(k))) continue;
      found.push({ start, words: span.map((k) => tokens[k]?.raw ?? "").join(" ") });
    }
  }
  // In the order the intent names them, whichever domain's list holds each.
  return [...new Set(found.sort((a, b) => a.start - b.start).map((f) => f.words))];
}

/** "RDS is outside the catalogue (S3, EC2, EBS, EFS and Auto Scaling)": the list is every registered domain's services. */
export function outsideCatalogue(subjects: readonly string[], lexicon: Lexicon): string {
  return `${subjects.join(", ")} ${subjects.length > 1 ? "are" : "is"} outside the catalogue (${joinProse(lexicon.serviceTitles, "and")})`;
}
