// Read-only commands over the store: policies, findings, audit, runs.
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { explainPolicy } from "../../engine/explain.js";
import { diffPolicies } from "../../engine/version.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { renderTable, statusColor } from "../output/table.js";
import { formatLocation } from "../../contracts/resource.js";

/** Kind names as nouns ("S3 bucket"), from the domains' registry, which only `policies show` loads. */
async function nounOf(): Promise<(kind: string) => string> {
  const { findKind } = await import("../../engine/registry.js");
  return (kind) => findKind(kind)?.noun ?? kind;
}
export const LimitFlag = z.coerce.number().int().min(1).max(100_000).default(200);
const print = (io: CliIo, json: boolean | undefined, data: unknown, human: () => string) =>
  io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : human());

export async function listPolicies(app: App, io: CliIo, flags: { json?: boolean }): Promise<number> {
  const policies = await app.store.policies.listPolicies();
  print(io, flags.json, { policies }, () =>
    policies.length === 0
      ? "No policies yet. Create one with: agpm run \"Ensure all S3 buckets are private and encrypted\"\n"
      : renderTable(policies, [
          { header: "ID", value: (p) => p.id },
          { header: "VERSION", value: (p) => `v${p.version}` },
          { header: "MODE", value: (p) => p.mode },
          { header: "STATUS", value: (p) => p.status, color: (p, t) => statusColor(p.status, t) },
          { header: "RULES", value: (p) => String(p.rules) },
          { header: "TITLE", value: (p) => p.title, max: 70 },
        ], io),
  );
  return EXIT.ok;
}

export async function showPolicy(app: App, io: CliIo, id: string, flags: { json?: boolean; version?: string }): Promise<number> {
  const version = flags.version === undefined ? undefined : z.coerce.number().int().positive().parse(flags.version);
  const policy = await app.store.policies.getPolicy(id, version);
  if (!policy) throw new AgpmError("POLICY_NOT_FOUND", `no policy ${id}${version ? ` v${version}` : ""}; see agpm policies list`);
  // JSON prints no prose, so it needs no nouns (nor the registry).
  const noun = flags.json ? (kind: string) => kind : await nounOf();
  print(io, flags.json, policy, () => `Policy ${policy.id} v${policy.version} [${policy.mode}, ${policy.status}]\nIntent: ${policy.intent}\n${explainPolicy(policy, noun)}\n\n${JSON.stringify(policy.rules, null, 2)}\n`);
  return EXIT.ok;
}

export async function policyHistory(app: App, io: CliIo, id: string, flags: { json?: boolean }): Promise<number> {
  const history = await app.store.policies.history(id);
  if (history.length === 0) throw new AgpmError("POLICY_NOT_FOUND", `no policy ${id}; see agpm policies list`);
  const rows = history.map((entry, i) => ({ ...entry, changes: i === 0 ? ["created"] : diffPolicies(history[i - 1]?.policy ?? entry.policy, entry.policy).map((c) => c.text) }));
  print(io, flags.json, { id, versions: rows.map(({ version, createdAt, createdBy, changes, policy }) => ({ version, createdAt, createdBy, changes, policy })) }, () =>
    renderTable(rows, [
      { header: "VERSION", value: (r) => `v${r.version}` },
      { header: "CREATED", value: (r) => r.createdAt },
      { header: "BY", value: (r) => r.createdBy },
      { header: "INTENT", value: (r) => r.policy.intent, max: 50 },
      { header: "CHANGES", value: (r) => r.changes.join("; "), max: 80 },
    ], io),
  );
  return EXIT.ok;
}

export async function listFindings(app: App, io: CliIo, flags: { json?: boolean; run?: string; policy?: string; status?: string; limit?: string; all?: boolean }): Promise<number> {
  const status = flags.status === undefined ? undefined : z.enum(["pass", "fail", "error", "skip"]).parse(flags.status);
  const limit = LimitFlag.parse(flags.limit);
  // By default people want what needs attention: failures and errors.
  const wanted = (s: string) => (status ? s === status : flags.all || s === "fail" || s === "error");
  const found = flags.run
    ? await app.store.findings.listFindings({ runId: flags.run, ...(flags.policy ? { policyId: flags.policy } : {}) })
    : await app.store.findings.latestFindings(flags.policy ? { policyId: flags.policy } : {});
  const findings = found.filter((f) => wanted(f.status)).slice(0, limit);
  print(io, flags.json, { findings }, () =>
    findings.length === 0
      ? "No findings.\n"
      : renderTable(findings, [
          { header: "STATUS", value: (f) => f.status.toUpperCase(), color: (f, t) => statusColor(f.status, t) },
          { header: "RESOURCE", value: (f) => f.resourceId, max: 40 },
          { header: "KIND", value: (f) => f.kind },
          { header: "REGION", value: (f) => f.region },
          { header: "POLICY", value: (f) => `${f.policyId} v${f.policyVersion}`, max: 40 },
          { header: "REASON", value: (f) => f.reason, max: 70 },
        ], io),
  );
  return EXIT.ok;
}

export async function listAudit(app: App, io: CliIo, flags: { json?: boolean; run?: string; policy?: string; resource?: string; limit?: string }): Promise<number> {
  const events = await app.store.audit.listAudit({
    ...(flags.run ? { runId: flags.run } : {}), ...(flags.policy ? { policyId: flags.policy } : {}), ...(flags.resource ? { resourceId: flags.resource } : {}),
    limit: LimitFlag.parse(flags.limit),
  });
  print(io, flags.json, { events }, () =>
    events.length === 0
      ? "No audit events.\n"
      : renderTable(events, [
          { header: "AT", value: (e) => e.at },
          { header: "ACTOR", value: (e) => e.actor, max: 24 },
          { header: "RESULT", value: (e) => e.result, color: (e, t) => statusColor(e.result, t) },
          { header: "ACTION", value: (e) => e.action ?? "-" },
          { header: "RESOURCE", value: (e) => e.resourceId ?? e.policyId ?? "-", max: 36 },
          { header: "LOCATION", value: (e) => (e.location ? formatLocation(e.location) : "-"), max: 48 },
          { header: "BEFORE → AFTER", value: (e) => `${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`, max: 80 },
        ], io),
  );
  return EXIT.ok;
}

export async function listRuns(app: App, io: CliIo, flags: { json?: boolean; limit?: string }): Promise<number> {
  const runs = await app.store.runs.listRuns({ limit: LimitFlag.parse(flags.limit) });
  print(io, flags.json, { runs: runs.map(({ result: _r, ...run }) => run) }, () =>
    runs.length === 0
      ? "No runs yet.\n"
      : renderTable(runs, [
          { header: "RUN", value: (r) => r.id },
          { header: "KIND", value: (r) => r.kind },
          { header: "STATUS", value: (r) => r.status, color: (r, t) => statusColor(r.status, t) },
          { header: "POLICY", value: (r) => (r.policyId ? `${r.policyId} v${r.policyVersion}` : "-"), max: 40 },
          { header: "CREATED", value: (r) => r.createdAt },
          { header: "INTENT", value: (r) => r.intent, max: 60 },
        ], io),
  );
  return EXIT.ok;
}

/** `agpm drift`: findings history — what newly failed, recovered or was fixed, when; or, with --failing, what is still failing since when. */
export async function listDrift(app: App, io: CliIo, flags: { json?: boolean; policy?: string; resource?: string; change?: string; since?: string; failing?: boolean; limit?: string }): Promise<number> {
  const limit = LimitFlag.parse(flags.limit);
  if (flags.failing) {
    const states = await app.store.history.listStates({ status: "fail", ...(flags.policy ? { policyId: flags.policy } : {}), limit });
    print(io, flags.json, { failing: states }, () =>
      states.length === 0
        ? "Nothing is failing.\n"
        : renderTable(states, [
            { header: "POLICY", value: (s) => `${s.policyId} v${s.policyVersion}`, max: 40 },
            { header: "RULE", value: (s) => s.ruleId, max: 36 },
            { header: "RESOURCE", value: (s) => s.resourceId, max: 40 },
            { header: "REGION", value: (s) => s.region },
            { header: "FAILING SINCE", value: (s) => s.since },
            { header: "LAST SEEN", value: (s) => s.lastSeen },
          ], io),
    );
    return EXIT.ok;
  }
  const changes = await app.store.history.listChanges({
    ...(flags.policy ? { policyId: flags.policy } : {}), ...(flags.resource ? { resourceId: flags.resource } : {}),
    ...(flags.change ? { change: flags.change as never } : {}), ...(flags.since ? { since: flags.since } : {}), limit,
  });
  print(io, flags.json, { changes }, () =>
    changes.length === 0
      ? "No changes recorded yet. Sweeps record them: agpm sweep --now\n"
      : renderTable(changes, [
          { header: "AT", value: (c) => c.at },
          { header: "CHANGE", value: (c) => c.change, color: (c, t) => statusColor(c.change === "drift" ? "fail" : "pass", t) },
          { header: "POLICY", value: (c) => c.policyId, max: 32 },
          { header: "RULE", value: (c) => c.ruleId, max: 32 },
          { header: "RESOURCE", value: (c) => c.resourceId, max: 36 },
          { header: "REGION", value: (c) => c.region },
          { header: "RUN", value: (c) => c.runId },
        ], io),
  );
  return EXIT.ok;
}
