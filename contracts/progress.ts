// Progress events a run emits while it reads a target: what the CLI's progress line and the metrics count.

export type ProgressEvent =
  /** One attempt of an SDK call, sent once it holds a limiter slot (so retries count again). */
  | { type: "aws-call"; command: string; region?: string }
  | { type: "collect-start"; kind: string; region: string }
  | { type: "collect-done"; kind: string; region: string; count: number }
  | { type: "collect-failed"; kind: string; region: string; message: string }
  | { type: "throttled"; command: string; attempt: number; delayMs: number }
  /** A transient (non-throttling) failure such as a 5xx or a timeout, retried. */
  | { type: "retry"; command: string; attempt: number; delayMs: number; error: string };

/** How far a run's evaluation is, sent after each chunk of resources is evaluated and stored. */
export interface EvaluationProgressEvent {
  type: "evaluated";
  /** Resources evaluated so far, of `total` collected. */
  resources: number;
  total: number;
  /** (rule, resource) pairs evaluated so far. */
  findings: number;
}
