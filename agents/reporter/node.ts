// The reporter: closes a run — stores its findings and report, audits a rejection.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { readRunFindings, type GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import { buildReport, findingOf } from "./report.js";

export function createReporterNode(deps: GraphDeps) {
  return async function reporter(state: State): Promise<StateUpdate> {
    const status = state.status === "running" ? "completed" : state.status;
    // Read back from the run's working findings (or an older run's state), never carried in the state.
    const { findings } = await readRunFindings(deps.store, state);
    // A check is side-effect free but for its run record (the report keeps its findings): what
    // `agpm findings`, the dashboard and drift show is governance state, which a check is not.
    if (findings.length > 0 && state.options.command !== "check") {
      // Idempotent on re-run: a retried reporter replaces nothing twice (insert is keyed by run).
      const stored = await deps.store.findings.listFindings({ runId: state.runId, limit: 1 });
      if (stored.length === 0) await deps.store.findings.insertFindings(state.runId, findings);
    }
    const verified = state.actions.filter((a) => a.status === "verified");
    if (verified.length > 0 && state.policy && state.drift) {
      await deps.store.history.recordRemediations({
        runId: state.runId, policyId: state.policy.id, policyVersion: state.policy.version,
        items: verified.map((a) => {
          // The fixed resource's location; an action checkpointed before actions carried one: its finding's.
          const location = a.location ?? findingOf(findings, a)?.location;
          return { kind: a.kind, region: a.region, ...(location ? { location } : {}), resourceId: a.resourceId, ruleIds: a.ruleIds, summary: a.summary };
        }),
      });
    }
    if (status === "rejected" && state.approval) {
      await deps.store.audit.appendAudit({
        actor: state.approval.by, runId: state.runId, policyId: state.policy?.id ?? null, policyVersion: state.policy?.version ?? null,
        action: "approval", result: "rejected", detail: state.approval.comment ?? "enforcement rejected", dedupeKey: `${state.runId}:approval`,
      });
    }
    const report = buildReport(state, status, findings);
    // Building a report of thousands of findings and storing it are each tens of milliseconds of
    // synchronous work: let timers (a progress line, a worker's lock renewal) run between them.
    await yieldToLoop();
    await deps.store.runs.updateRun(state.runId, {
      status,
      policyId: state.policy?.id ?? null,
      policyVersion: state.policy?.version ?? null,
      result: report,
      error: state.error,
    });
    await yieldToLoop();
    return { status };
  };
}
