// Run repository: one row per intent or check run, updated as the graph moves it along.
import { AgpmError } from "../core/errors.js";
import { JsonValueSchema } from "../contracts/policy.js";
import { decodeRows, fromJson, fromJsonOrNull, guarded, parseInput, toJson, toJsonOrNull } from "./codec.js";
import type { StoreContext } from "./context.js";
import { newId } from "./ids.js";
import { JsonObjectSchema, NewRunSchema, RunErrorSchema, RunPatchSchema, RunQuerySchema } from "./records.js";
import type { NewRun, Run, RunPatch, RunQuery, RunStatus } from "./records.js";
import type { RunsTable } from "./tables.js";

/** A run's plain columns — never stored JSON — so it can be listed even when its JSON is unreadable. */
export type RunRef = Pick<Run, "id" | "kind" | "status" | "policyId" | "policyVersion" | "createdAt">;

export interface RunRepository {
  createRun(run: NewRun): Promise<Run>;
  updateRun(id: string, patch: RunPatch): Promise<Run>;
  /** Applies `patch` only while the run is still `expected` (one statement, so a concurrent change wins); null otherwise. */
  updateRunIf(id: string, expected: RunStatus, patch: RunPatch): Promise<Run | null>;
  getRun(id: string): Promise<Run | null>;
  listRuns(query?: RunQuery): Promise<Run[]>;
  /**
   * Like listRuns, but only the plain columns, so no row is ever left out as unreadable: for callers
   * that must fail closed on a run they cannot read (the approval hold), not skip it.
   */
  listRunRefs(query?: RunQuery): Promise<RunRef[]>;
}

function toRun(row: RunsTable): Run {
  const where = `runs(${row.id})`;
  return {
    id: row.id,
    intent: row.intent,
    kind: row.kind,
    status: row.status,
    target: fromJson(JsonObjectSchema, row.target, `${where}.target`),
    options: fromJson(JsonObjectSchema, row.options, `${where}.options`),
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    actor: row.actor,
    result: fromJsonOrNull(JsonValueSchema, row.result, `${where}.result`),
    error: fromJsonOrNull(RunErrorSchema, row.error, `${where}.error`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Only the columns the patch names; absent fields stay as they are. */
function patchColumns(patch: ReturnType<typeof RunPatchSchema.parse>): Partial<RunsTable> {
  const columns: Partial<RunsTable> = {};
  if (patch.status !== undefined) columns.status = patch.status;
  if (patch.policyId !== undefined) columns.policy_id = patch.policyId;
  if (patch.policyVersion !== undefined) columns.policy_version = patch.policyVersion;
  if (patch.result !== undefined) columns.result = toJsonOrNull(patch.result);
  if (patch.error !== undefined) columns.error = toJsonOrNull(patch.error);
  return columns;
}

export function createRunRepository({ db, now, unreadable }: StoreContext): RunRepository {
  async function getRun(id: string): Promise<Run | null> {
    const row = await guarded("getRun", () => db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst());
    return row === undefined ? null : toRun(row);
  }

  /**
   * The run as a patch left it. A result the patch wrote is returned as the patch holds it (already
   * in its JSON form), not read back and validated again: for a report of thousands of findings
   * that re-validation alone held the event loop for ~100 ms.
   */
  async function afterPatch(id: string, patch: ReturnType<typeof RunPatchSchema.parse>): Promise<Run | null> {
    if (patch.result === undefined) return getRun(id);
    const row = await guarded("getRun", () => db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst());
    return row === undefined ? null : { ...toRun({ ...row, result: null }), result: patch.result };
  }

  /** The rows a run query names, newest first, undecoded. */
  async function selectRuns(what: string, input: RunQuery): Promise<RunsTable[]> {
    const query = parseInput(RunQuerySchema, input, "run query");
    return guarded(what, () => {
      let select = db.selectFrom("runs").selectAll().orderBy("created_at", "desc").orderBy("id", "desc");
      if (query.status !== undefined) select = select.where("status", "=", query.status);
      if (query.limit !== undefined) select = select.limit(query.limit);
      return select.execute();
    });
  }

  return {
    /**
     * Records a new run (status `running` unless given).
     * @example await store.runs.createRun({ intent, kind: "run", target: { type: "sandbox" }, actor: "alice" })
     */
    async createRun(input) {
      const run = parseInput(NewRunSchema, input, "run");
      const at = now();
      const row: RunsTable = {
        id: run.id ?? newId("run"),
        intent: run.intent,
        kind: run.kind,
        status: run.status,
        target: toJson(run.target),
        options: toJson(run.options),
        policy_id: run.policyId,
        policy_version: run.policyVersion,
        actor: run.actor,
        result: null,
        error: null,
        created_at: at,
        updated_at: at,
      };
      await guarded("createRun", () => db.insertInto("runs").values(row).execute());
      return toRun(row);
    },

    /** Applies `patch` and bumps `updatedAt`; RUN_NOT_FOUND for an unknown id. */
    async updateRun(id, input) {
      const patch = parseInput(RunPatchSchema, input, "run patch");
      const updated = await guarded("updateRun", () =>
        db.updateTable("runs").set({ ...patchColumns(patch), updated_at: now() }).where("id", "=", id).executeTakeFirst(),
      );
      const run = Number(updated.numUpdatedRows) === 0 ? null : await afterPatch(id, patch);
      if (run === null) throw new AgpmError("RUN_NOT_FOUND", `run ${id} does not exist`, { details: { runId: id } });
      return run;
    },

    async updateRunIf(id, expected, input) {
      const patch = parseInput(RunPatchSchema, input, "run patch");
      const updated = await guarded("updateRunIf", () =>
        db.updateTable("runs").set({ ...patchColumns(patch), updated_at: now() }).where("id", "=", id).where("status", "=", expected).executeTakeFirst(),
      );
      return Number(updated.numUpdatedRows) === 0 ? null : afterPatch(id, patch);
    },

    getRun,

    /** Newest first; all runs unless `limit` is given. */
    async listRuns(input = {}) {
      return decodeRows("listRuns", await selectRuns("listRuns", input), toRun, unreadable);
    },

    async listRunRefs(input = {}) {
      const rows = await selectRuns("listRunRefs", input);
      return rows.map((row) => ({ id: row.id, kind: row.kind, status: row.status, policyId: row.policy_id, policyVersion: row.policy_version, createdAt: row.created_at }));
    },
  };
}
