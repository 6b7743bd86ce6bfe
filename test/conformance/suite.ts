// The conformance suite every source passes, run once per source as BullMQ runs one suite over each
// adapter: open a rehearsal target, collect → evaluate → plan → apply (cloud) or propose (files) → re-read → verify.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue, Rule } from "../../contracts/policy.js";
import { LocationSchema, locationOf, type Resource } from "../../contracts/resource.js";
import type { ControlParams } from "../../engine/control.js";
import type { AutomaticAction, ControlDefinition, Domain, Inventory, Session, Source } from "../../engine/domain.js";
import { compileRule, evaluate } from "../../engine/evaluate.js";
import { exampleResources } from "../../engine/examples.js";
import { instantiateControl } from "../../engine/instantiate.js";
import { DOMAINS, PARAMS, modelSchema } from "../../engine/registry.js";
import { LIST_VIEWS, afterState } from "../../agents/validator/after-state.js";

const REF = { id: "conformance", version: 1 };

/** A rehearsal target opened for one test; dispose closes the session and removes what was written. */
export interface Rehearsal {
  session: Session;
  dispose(): void;
}

/** The registered source of this name, and the domain that lists it. */
export function registered(name: string): { source: Source; domain: Domain } {
  for (const domain of DOMAINS) {
    const source = domain.sources.find((s) => s.name === name);
    if (source) return { source, domain };
  }
  throw new Error(`no domain lists a source named ${name}`);
}

/** A factory of fresh rehearsal targets, named for the test titles. */
export interface RehearsalTarget {
  label: string;
  open(): Promise<Rehearsal>;
}

/**
 * Fresh simulated targets of the source: initSimulated writes one (its demo target, or a generated
 * one for `options`), the source opens it.
 */
export function simulated(source: Source, options?: { resources: number; seed: number }): RehearsalTarget {
  const { rehearsal, initSimulated } = source;
  if (rehearsal.by !== "simulation" || !initSimulated) throw new Error(`${source.name} is not rehearsed by simulation with initSimulated`);
  const label = options ? `a generated target (${options.resources} resources, seed ${options.seed})` : "its demo target";
  const open = async (): Promise<Rehearsal> => {
    const dir = mkdtempSync(join(tmpdir(), "agpm-conformance-"));
    const file = join(dir, "target.json");
    try {
      initSimulated(file, options);
      const session = await source.open(rehearsal.target(file));
      return { session, dispose: () => { session.close(); rmSync(dir, { recursive: true, force: true }); } };
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  };
  return { label, open };
}

/** A control's rule for its own kind, and the params it was built with, for the test titles. */
interface BuiltRule {
  rule: Rule;
  params: string;
}

/**
 * A control's rules: with its default params, and with every param it takes at its registered
 * sample (some controls name their automatic action only when given one, e.g. a log bucket).
 */
function rulesOf(control: ControlDefinition): BuiltRule[] {
  const rule = (params: ControlParams): Rule => instantiateControl(control, params)[0] as Rule;
  const takes = control.takes ?? [];
  const built: BuiltRule[] = [{ rule: rule({}), params: "default params" }];
  if (takes.length === 0) return built;
  const samples = Object.fromEntries(takes.map((name) => [name, PARAMS.find((p) => p.name === name)?.sample])) as ControlParams;
  return [...built, { rule: rule(samples), params: `sample ${JSON.stringify(samples)}` }];
}

const fails = (rule: Rule, resource: Resource) => evaluate(compileRule(rule), resource, REF).status === "fail";

/** Each automatic action of the kind with the rules (of the kind's controls) whose remediation names it. */
function automaticActions(domain: Domain, kind: string): Array<{ action: AutomaticAction; rules: BuiltRule[] }> {
  const rules = domain.controls.filter((c) => c.kind === kind).flatMap(rulesOf);
  return domain.actions
    .filter((a): a is AutomaticAction => a.kind === kind && !a.manual)
    .map((action) => ({ action, rules: rules.filter(({ rule }) => rule.remediation?.action === action.name) }));
}

/** The parts of the resource the plan's after-state names, as the re-read resource must show them. */
function planned(resource: Resource, after: JsonValue): Record<string, unknown> {
  const keys = typeof after === "object" && after !== null && !Array.isArray(after) ? Object.keys(after).filter((k) => !(k in LIST_VIEWS)) : [];
  return Object.fromEntries(keys.map((k) => [k, resource[k]]));
}

/** A fresh session on the first target that holds a resource of the kind failing the rule, with the action's plan for it. */
async function failingResource(targets: readonly RehearsalTarget[], kind: string, action: AutomaticAction, rule: Rule, params: unknown) {
  for (const target of targets) {
    const rehearsal = await target.open();
    const { resources, failures } = await rehearsal.session.collect([kind]);
    expect(failures).toEqual([]);
    for (const resource of resources) {
      const plan = fails(rule, resource) ? action.plan(resource, params as never) : null;
      if (plan) return { rehearsal, resource, plan };
    }
    rehearsal.dispose();
  }
  throw new Error(`no rehearsal target holds a ${kind} that fails ${rule.id} and ${action.name} plans a change for: add one to the source's simulation`);
}

/** Fixes one failing resource with the rule's action through a session of its own, then re-reads and verifies. */
async function fixOne(source: Source, targets: readonly RehearsalTarget[], kind: string, action: AutomaticAction, rule: Rule): Promise<void> {
  const params = action.params.parse(rule.remediation?.params ?? {});
  const { rehearsal, resource, plan } = await failingResource(targets, kind, action, rule, params);
  const { session } = rehearsal;
  try {
    expect(session.actions(kind)).toContain(action);
    expect(plan.summary.length).toBeGreaterThan(0);
    expect(plan.after).not.toEqual(plan.before);
    const proposed = afterState(resource, plan);
    expect(evaluate(compileRule(rule), proposed, REF).status, "the planned after-state passes the rule").toBe("pass");
    const { partition } = locationOf(resource);
    expect(session.applies).toBe(source.applies);
    if (session.applies === "cloud") await action.apply(session.ctx, resource, params);
    const reread = await session.collectOne(kind, resource.id, partition);
    if (!reread) throw new Error(`${kind} ${resource.id} is gone after ${action.name}`);
    if (session.applies !== "cloud") {
      // A static source only proposes: the target is left as it was.
      expect(reread).toEqual(resource);
      return;
    }
    expect(evaluate(compileRule(rule), reread, REF).status, `${rule.id} on ${resource.id} when read again`).toBe("pass");
    expect(planned(reread, plan.after), "the re-read resource shows what the plan said").toEqual(planned(proposed, plan.after));
    expect(action.plan(reread, params), "nothing is left to plan once applied").toBeNull();
  } finally {
    rehearsal.dispose();
  }
}

/** The read-only half of the suite on one target: partitions, collect, collect-one, evaluate. */
function describeReads(source: Source, domain: Domain, target: RehearsalTarget): void {
  describe(`on ${target.label}`, () => {
    let rehearsal: Rehearsal | undefined;
    const inventories = new Map<string, Inventory>();
    const session = (): Session => {
      if (!rehearsal) throw new Error("the rehearsal target did not open");
      return rehearsal.session;
    };
    const collected = async (kind: string): Promise<Resource[]> => {
      const inventory = inventories.get(kind) ?? (await session().collect([kind]));
      inventories.set(kind, inventory);
      expect(inventory.failures).toEqual([]);
      return inventory.resources;
    };
    beforeAll(async () => { rehearsal = await target.open(); });
    afterAll(() => rehearsal?.dispose());

    it("opens the target with a root and its partitions", () => {
      expect(session().root().length).toBeGreaterThan(0);
      expect(session().partitions().length).toBeGreaterThan(0);
      expect(session().describe.length).toBeGreaterThan(0);
    });

    it("says where its actions take effect, as its source declares (the enforcer reads the session's)", () => {
      expect(session().applies).toBe(source.applies);
    });

    for (const kind of domain.kinds) {
      describe(kind.name, () => {
        it("collects resources that parse against the kind's model, each with its id, kind and location", async () => {
          const resources = await collected(kind.name);
          expect(resources.length, `the rehearsal target holds no ${kind.name}`).toBeGreaterThan(0);
          for (const resource of resources) {
            const parsed = modelSchema(kind).safeParse(resource);
            expect(parsed.success ? [] : parsed.error.issues, `${resource.id} against the ${kind.name} model`).toEqual([]);
            expect(resource.kind).toBe(kind.name);
            expect(resource.id.length).toBeGreaterThan(0);
            // The source sets it: nothing derives it from AWS fields for a resource read today.
            expect(resource.location, `${resource.id} carries no location`).toBeDefined();
            const location = LocationSchema.parse(resource.location);
            expect(location.domain, `${resource.id}: the source's domain`).toBe(domain.name);
            expect(location.root).toBe(session().root());
            expect(session().partitions()).toContain(location.partition);
          }
        });

        it("re-reads each resource equal to the one listed", async () => {
          for (const resource of await collected(kind.name)) {
            expect(await session().collectOne(kind.name, resource.id, locationOf(resource).partition)).toEqual(resource);
          }
        });

        it("reads nothing for an id it does not hold", async () => {
          const [first] = await collected(kind.name);
          const partition = first ? locationOf(first).partition : session().partitions()[0] ?? "";
          expect(await session().collectOne(kind.name, "conformance-no-such-resource", partition)).toBeNull();
        });

        for (const control of domain.controls.filter((c) => c.kind === kind.name)) {
          it(`${control.id}: evaluates every collected resource without error, and fails its noncompliant example`, async () => {
            const compiled = compileRule(rulesOf(control)[0]?.rule as Rule);
            for (const resource of await collected(kind.name)) {
              const finding = evaluate(compiled, resource, REF);
              expect(finding.status, `${resource.id}: ${finding.reason}`).not.toBe("error");
              expect(finding.location).toEqual(locationOf(resource));
            }
            const examples = exampleResources(control);
            if (examples) expect(evaluate(compiled, examples.noncompliant, REF).status).toBe("fail");
          });
        }
      });
    }
  });
}

/**
 * The suite for one registered source. Each target gives a fresh session every time it is opened
 * (actions change it): every kind of the source's domain is read from each, and every automatic
 * action fixes a resource the first target that has one holds — so together they must hold one of each.
 */
export function describeSource(name: string, target: RehearsalTarget, ...more: RehearsalTarget[]): void {
  const { source, domain } = registered(name);
  const targets = [target, ...more];

  describe(`source ${name} (${domain.name})`, () => {
    it("declares where its actions take effect, and a static source's only propose", () => {
      expect(["cloud", "files", "none"]).toContain(source.applies);
      // A files source's changes are edits to propose, never cloud calls: no cloud source can stand in for it.
      if (source.applies !== "cloud") expect(source.rehearsal.by).toBe("simulation");
    });

    for (const t of targets) describeReads(source, domain, t);

    for (const kind of domain.kinds) {
      const actions = automaticActions(domain, kind.name);
      if (actions.length === 0) continue;
      describe(`${kind.name} actions`, () => {
        for (const { action, rules } of actions) {
          it(`${action.name} is the remediation of a rule of the kind's controls`, () => {
            expect(rules.map(({ rule }) => rule.id), `no control's rule names ${action.name}`).not.toEqual([]);
          });
          for (const { rule, params } of rules) {
            const verb = source.applies === "cloud" ? "apply" : "propose";
            it(`${action.name} fixes ${rule.id} (${params}): plan → ${verb} → re-read → verify`, () => fixOne(source, targets, kind.name, action, rule));
          }
        }
      });
    }
  });
}

/**
 * A source that cannot open a target offline (a live account) says which simulated source of its
 * own domain rehearses the same collectors and actions, and why: the suite states it, never skips silently.
 */
export function describeRehearsedBy(name: string): void {
  const { source, domain } = registered(name);
  const { rehearsal } = source;
  if (rehearsal.by !== "source") throw new Error(`${name} is rehearsed by simulation: use describeSource`);
  describe(`source ${name} (${domain.name})`, () => {
    it(`is not opened offline, because ${rehearsal.why}: ${rehearsal.source}'s suite covers its domain`, () => {
      expect(rehearsal.why.length).toBeGreaterThan(0);
      const stand = domain.sources.find((s) => s.name === rehearsal.source);
      expect(stand, `${rehearsal.source} is not a source of the ${domain.name} domain`).toBeDefined();
      expect(stand?.rehearsal.by).toBe("simulation");
      expect(stand?.initSimulated).toBeTypeOf("function");
      expect(stand?.applies).toBe(source.applies);
    });
  });
}
