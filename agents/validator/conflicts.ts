// Conflicts with active policies: two rules on the same kind that no resource can meet at once.
import { compileRule, evaluate } from "../../engine/evaluate.js";
import type { Policy, Rule } from "../../contracts/policy.js";
import { witnesses } from "../../engine/witness.js";
import type { Store } from "../../store/index.js";
import { exampleResource } from "./proofs.js";

const REF = { id: "conflict", version: 1 };

/** True when meeting one rule breaks the other, whichever is met first. */
export function contradicts(a: Rule, b: Rule): boolean {
  if (a.kind !== b.kind) return false;
  const sa = witnesses(a.require).satisfying;
  const sb = witnesses(b.require).satisfying;
  if (!sa || !sb) return false;
  const [ca, cb] = [compileRule(a), compileRule(b)];
  const bothPass = (first: typeof sa, second: typeof sb) => {
    const resource = exampleResource(a.kind, first, second);
    return evaluate(ca, resource, REF).status !== "fail" && evaluate(cb, resource, REF).status !== "fail";
  };
  return !bothPass(sa, sb) && !bothPass(sb, sa);
}

/** Sentences naming each contradiction between the candidate and the other active policies. */
export async function findConflicts(store: Store, candidate: Policy): Promise<string[]> {
  const kinds = new Set(candidate.rules.map((r) => r.kind));
  const others = new Map<string, Policy>();
  for (const kind of kinds) for (const p of await store.policies.findActiveByKind(kind)) if (p.id !== candidate.id) others.set(p.id, p);
  const conflicts: string[] = [];
  for (const rule of candidate.rules) {
    for (const other of others.values()) {
      for (const theirs of other.rules) {
        if (contradicts(rule, theirs)) conflicts.push(`rule ${rule.id} contradicts rule ${theirs.id} of active policy ${other.id} v${other.version}: no resource can meet both`);
      }
    }
  }
  return conflicts;
}
