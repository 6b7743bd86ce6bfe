// Policy repository: every version of every policy, append-only, with a lifecycle status per policy.
import { AgpmError } from "../core/errors.js";
import { PolicySchema } from "../contracts/policy.js";
import type { Policy, PolicyInput } from "../contracts/policy.js";
import { decodeRows, fromJson, guarded, parseInput, toJson } from "./codec.js";
import type { StoreContext } from "./context.js";
import type { PolicySummary, PolicyVersionEntry } from "./records.js";

export interface PolicyRepository {
  createPolicy(policy: PolicyInput, createdBy: string): Promise<Policy>;
  addVersion(policy: PolicyInput, createdBy: string): Promise<Policy>;
  getPolicy(id: string, version?: number): Promise<Policy | null>;
  listPolicies(): Promise<PolicySummary[]>;
  history(id: string): Promise<PolicyVersionEntry[]>;
  findActiveByKind(kind: string): Promise<Policy[]>;
  retire(id: string): Promise<Policy>;
}

interface VersionRow {
  policy_id: string;
  version: number;
  document: string;
  status?: Policy["status"];
}

/** A stored document; `status` (when given) is the policy's live lifecycle status, which wins. */
function toPolicy(row: VersionRow): Policy {
  const policy = fromJson(PolicySchema, row.document, `policy_versions(${row.policy_id}, ${row.version})`);
  return row.status === undefined ? policy : { ...policy, status: row.status };
}

function validPolicy(input: PolicyInput): Policy {
  return parseInput(PolicySchema, input, "policy", "POLICY_INVALID");
}

export function createPolicyRepository({ db, now, unreadable }: StoreContext): PolicyRepository {
  const latest = () =>
    db
      .selectFrom("policies as p")
      .innerJoin("policy_versions as v", (join) =>
        join.onRef("v.policy_id", "=", "p.id").onRef("v.version", "=", "p.current_version"),
      )
      .select(["v.policy_id", "v.version", "v.document", "p.status", "p.updated_at"]);

  const versionRow = (policy: Policy, createdBy: string, at: string) => ({
    policy_id: policy.id,
    version: policy.version,
    document: toJson(policy),
    intent: policy.intent,
    created_at: at,
    created_by: createdBy,
  });

  /** The given version (latest by default) with the policy's live status, or null. */
  async function getPolicy(id: string, version?: number): Promise<Policy | null> {
    const row = await guarded("getPolicy", () => {
      if (version === undefined) return latest().where("p.id", "=", id).executeTakeFirst();
      return db
        .selectFrom("policy_versions as v")
        .innerJoin("policies as p", "p.id", "v.policy_id")
        .select(["v.policy_id", "v.version", "v.document", "p.status"])
        .where("v.policy_id", "=", id)
        .where("v.version", "=", version)
        .executeTakeFirst();
    });
    return row === undefined ? null : toPolicy(row);
  }

  return {
    /**
     * Stores version 1 of a new policy.
     * @example await store.policies.createPolicy({ ...draft, version: 1 }, "alice")
     */
    async createPolicy(input, createdBy) {
      const policy = validPolicy(input);
      if (policy.version !== 1) {
        throw new AgpmError("POLICY_INVALID", `a new policy starts at version 1, not ${policy.version}`, {
          details: { policyId: policy.id, version: policy.version },
        });
      }
      const at = now();
      await guarded("createPolicy", () =>
        db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto("policies")
            .values({ id: policy.id, title: policy.title, status: policy.status, current_version: 1, created_at: at, updated_at: at })
            .onConflict((oc) => oc.column("id").doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
            throw new AgpmError("STORE_ERROR", `policy ${policy.id} already exists; add a version instead`, {
              details: { policyId: policy.id, reason: "exists" },
            });
          }
          await trx.insertInto("policy_versions").values(versionRow(policy, createdBy, at)).execute();
        }),
      );
      return policy;
    },

    /**
     * Stores the next version; it must be exactly current + 1. The guarded update makes the
     * check and the bump one atomic step, so of two concurrent writers only one can win.
     * The policy takes the new version's title and status (a new version of a retired policy
     * reactivates it unless its status says otherwise).
     */
    async addVersion(input, createdBy) {
      const policy = validPolicy(input);
      const at = now();
      await guarded("addVersion", () =>
        db.transaction().execute(async (trx) => {
          const bumped = await trx
            .updateTable("policies")
            .set({ current_version: policy.version, title: policy.title, status: policy.status, updated_at: at })
            .where("id", "=", policy.id)
            .where("current_version", "=", policy.version - 1)
            .executeTakeFirst();
          if (Number(bumped.numUpdatedRows) === 0) {
            const current = await trx.selectFrom("policies").select("current_version").where("id", "=", policy.id).executeTakeFirst();
            if (current === undefined) {
              throw new AgpmError("POLICY_NOT_FOUND", `policy ${policy.id} does not exist; create it first`, {
                details: { policyId: policy.id },
              });
            }
            throw new AgpmError(
              "STORE_ERROR",
              `policy ${policy.id} is at version ${current.current_version}; version ${policy.version} conflicts`,
              { details: { policyId: policy.id, reason: "version-conflict", currentVersion: current.current_version, version: policy.version } },
            );
          }
          await trx.insertInto("policy_versions").values(versionRow(policy, createdBy, at)).execute();
        }),
      );
      return policy;
    },

    getPolicy,

    async listPolicies() {
      const rows = await guarded("listPolicies", () => latest().orderBy("p.id").execute());
      return decodeRows("listPolicies", rows, (row) => {
        const policy = toPolicy(row);
        return {
          id: policy.id,
          title: policy.title,
          status: policy.status,
          version: policy.version,
          kinds: [...new Set(policy.rules.map((rule) => rule.kind))].sort(),
          rules: policy.rules.length,
          mode: policy.mode,
          updatedAt: row.updated_at,
        };
      }, unreadable);
    },

    /** Every version as written, oldest first; empty for an unknown id. */
    async history(id) {
      const rows = await guarded("history", () =>
        db
          .selectFrom("policy_versions")
          .select(["policy_id", "version", "document", "created_at", "created_by"])
          .where("policy_id", "=", id)
          .orderBy("version")
          .execute(),
      );
      return decodeRows("history", rows, (row) => ({ version: row.version, policy: toPolicy(row), createdAt: row.created_at, createdBy: row.created_by }), unreadable);
    },

    /** Latest versions of active policies with at least one rule of `kind`. */
    async findActiveByKind(kind) {
      // Filtered here rather than in SQL: JSON operators differ between SQLite and PostgreSQL,
      // and the active policy set is small.
      const rows = await guarded("findActiveByKind", () => latest().where("p.status", "=", "active").orderBy("p.id").execute());
      return decodeRows("findActiveByKind", rows, toPolicy, unreadable).filter((policy) => policy.rules.some((rule) => rule.kind === kind));
    },

    /** Marks the policy retired (its versions stay); returns its latest version. */
    async retire(id) {
      const updated = await guarded("retire", () =>
        db.updateTable("policies").set({ status: "retired", updated_at: now() }).where("id", "=", id).executeTakeFirst(),
      );
      if (Number(updated.numUpdatedRows) === 0) {
        throw new AgpmError("POLICY_NOT_FOUND", `policy ${id} does not exist`, { details: { policyId: id } });
      }
      const policy = await getPolicy(id);
      if (policy === null) throw new AgpmError("POLICY_NOT_FOUND", `policy ${id} does not exist`, { details: { policyId: id } });
      return policy;
    },
  };
}
