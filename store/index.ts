// Public surface of the store: open it, its repositories' types, and the LangGraph checkpointer.
export { openStore, openMemoryStore, migrateToLatest, unreadableWarning } from "./db.js";
export type { UnreadableRows } from "./context.js";
export type { Store, StoreOptions } from "./db.js";
export type { StoreLocation } from "./dialect.js";
export { createCheckpointer, StoreCheckpointer } from "./checkpointer.js";
export type { Exclusive } from "./checkpointer.js";
export { newId } from "./ids.js";
export { fromLocationColumns } from "./location.js";
export type { PolicyRepository } from "./policies.js";
export type { RunRef, RunRepository } from "./runs.js";
export type { FindingRepository } from "./findings.js";
export { FINDINGS_PER_STATEMENT } from "./findings.js";
export type { AuditRepository } from "./audit.js";
export { ApiTokenSchema, TOKEN_ROLES, TokenNameSchema, TokenRoleSchema, hashSecret } from "./tokens.js";
export type { ApiToken, CreatedToken, NewToken, TokenRepository, TokenRole } from "./tokens.js";
export { FINDING_CHANGES, FindingChangeKindSchema, FindingChangeSchema, FindingStateSchema } from "./history.js";
export type { ChangeQuery, FindingChange, FindingChangeKind, FindingState, HistoryRepository, Observation, ObservationResult, RemediationRecord, StateQuery } from "./history.js";
export {
  AUDIT_RESULTS,
  AuditEventSchema,
  NewAuditEventSchema,
  NewRunSchema,
  RUN_STATUSES,
  RunErrorSchema,
  RunKindSchema,
  RunPatchSchema,
  RunSchema,
  RunStatusSchema,
  StoredFindingSchema,
} from "./records.js";
export type {
  AppendResult,
  AuditEvent,
  AuditQuery,
  FindingQuery,
  JsonObject,
  KnownAuditResult,
  NewAuditEvent,
  NewRun,
  PolicySummary,
  PolicyVersionEntry,
  Run,
  RunError,
  RunKind,
  RunPatch,
  RunQuery,
  RunStatus,
  StoredFinding,
} from "./records.js";
export type { Database } from "./tables.js";
