// The in-code migration list: names sort in the order they must run; never rename or edit a shipped one.
import type { Migration, MigrationProvider } from "kysely";
import { initial } from "./0001_initial.js";
import { history } from "./0002_history.js";
import { tokens } from "./0003_tokens.js";
import { location } from "./0004_location.js";
import { auditLocation } from "./0005_audit_location.js";
import { runFindings } from "./0006_run_findings.js";
import { statesByRoot } from "./0007_states_by_root.js";

const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_history": history,
  "0003_tokens": tokens,
  "0004_location": location,
  "0005_audit_location": auditLocation,
  "0006_run_findings": runFindings,
  "0007_states_by_root": statesByRoot,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
