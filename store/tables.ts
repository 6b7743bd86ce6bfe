// The kysely `Database` interface: the row shapes of every table, as stored (JSON as TEXT,
// timestamps as ISO-8601 TEXT, ids as TEXT), portable between SQLite and PostgreSQL.
import type { EvaluationStatus } from "../contracts/resource.js";
import type { PolicyStatus, RunKind, RunStatus } from "./records.js";
import type { TokenRole } from "./tokens.js";

export interface PoliciesTable {
  id: string;
  title: string;
  status: PolicyStatus;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface PolicyVersionsTable {
  policy_id: string;
  version: number;
  /** The full Policy JSON, as validated by PolicySchema. */
  document: string;
  intent: string;
  created_at: string;
  created_by: string;
}

export interface RunsTable {
  id: string;
  intent: string;
  kind: RunKind;
  status: RunStatus;
  target: string;
  options: string;
  policy_id: string | null;
  policy_version: number | null;
  actor: string;
  result: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface FindingsTable {
  id: string;
  run_id: string;
  policy_id: string;
  policy_version: number;
  rule_id: string;
  kind: string;
  resource_id: string;
  region: string;
  /** Where the resource lives (contracts/resource.ts Location); region stays as the AWS spelling. */
  domain: string;
  partition: string;
  root: string;
  file: string | null;
  line: number | null;
  status: EvaluationStatus;
  reason: string;
  evidence: string;
  created_at: string;
}

/** A run's working findings (see migrations/0006_run_findings.ts). */
export interface RunFindingsTable {
  run_id: string;
  /** Order of evaluation within the run, from 0. */
  seq: number;
  status: EvaluationStatus;
  /** The Finding as JSON. */
  finding: string;
  /** Failing pairs: the resource's snapshot as JSON, for planning fixes; null otherwise. */
  resource: string | null;
}

export interface AuditEventsTable {
  id: string;
  at: string;
  actor: string;
  run_id: string | null;
  policy_id: string | null;
  policy_version: number | null;
  resource_id: string | null;
  kind: string | null;
  region: string | null;
  /** Where the event's resource lives (contracts/resource.ts Location); all null when it names none. */
  domain: string | null;
  partition: string | null;
  root: string | null;
  file: string | null;
  line: number | null;
  action: string | null;
  before: string | null;
  after: string | null;
  result: string;
  detail: string | null;
  /** Idempotency key: a retried step carrying the same key never writes a second event. */
  dedupe_key: string | null;
}

export interface FindingStatesTable {
  policy_id: string;
  rule_id: string;
  kind: string;
  region: string;
  /** Where the resource lives (contracts/resource.ts Location); region stays as the AWS spelling. */
  domain: string;
  partition: string;
  root: string;
  file: string | null;
  line: number | null;

  resource_id: string;
  status: EvaluationStatus;
  /** When the resource entered this status. */
  since: string;
  last_seen: string;
  run_id: string;
  policy_version: number;
}

export interface FindingChangesTable {
  id: string;
  at: string;
  run_id: string;
  policy_id: string;
  policy_version: number;
  rule_id: string;
  kind: string;
  region: string;
  /** Where the resource lives (contracts/resource.ts Location); region stays as the AWS spelling. */
  domain: string;
  partition: string;
  root: string;
  file: string | null;
  line: number | null;
  resource_id: string;
  change: string;
  from_status: EvaluationStatus | null;
  /** null when the resource is gone. */
  to_status: EvaluationStatus | null;
  reason: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: TokenRole;
  /** sha256 of the secret, hex; the secret itself is never stored. */
  token_hash: string;
  /** The secret's first characters, to tell tokens apart in listings. */
  prefix: string;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface Database {
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  runs: RunsTable;
  findings: FindingsTable;
  run_findings: RunFindingsTable;
  audit_events: AuditEventsTable;
  finding_states: FindingStatesTable;
  finding_changes: FindingChangesTable;
  api_tokens: ApiTokensTable;
}
