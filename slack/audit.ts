// What Slack requests leave in the audit log: each one received (with the Slack user as actor)
// or refused (with why). Written without holding up the answer to Slack; flushed on close.
import { errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";
import type { Store } from "../store/index.js";

/** The audit action of every event written here: `agpm audit` lists Slack's traffic under it. */
export const SLACK_AUDIT_ACTION = "slack";

export interface SlackAuditEvent {
  /** `slack:<user id>` once the request is verified; `anonymous` before. */
  actor: string;
  result: "received" | "refused";
  detail: string;
  runId?: string;
}

export interface SlackAudit {
  record(event: SlackAuditEvent): void;
  /** Waits for every write still pending. */
  flush(): Promise<void>;
}

export function createSlackAudit(store: Store, logger: Logger): SlackAudit {
  const pending = new Set<Promise<void>>();
  return {
    record(event) {
      const write = store.audit
        .appendAudit({
          actor: event.actor, action: SLACK_AUDIT_ACTION, result: event.result, detail: event.detail.slice(0, 1000),
          ...(event.runId ? { runId: event.runId } : {}),
        })
        .then(
          () => undefined,
          (error: unknown) => logger.error({ err: errorMessage(error) }, "could not audit a Slack request"),
        );
      pending.add(write);
      void write.finally(() => pending.delete(write));
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
