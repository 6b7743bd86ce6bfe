// Public surface of observability: structured logs, Prometheus metrics and their HTTP endpoint.
export { LOG_LEVELS, createLogger } from "./logger.js";
export type { LogIds, LogLevel, Logger, LoggerOptions } from "./logger.js";
export { JOB_DURATION_BUCKETS, createMetrics } from "./metrics.js";
export type { FindingStatus, JobOutcome, Metrics, RemediationResult } from "./metrics.js";
export { startMetricsServer } from "./metrics-server.js";
export type { MetricsServer, MetricsServerOptions } from "./metrics-server.js";
