// Public surface of the posture dashboard: the API area that serves it, and its options.
export { createDashboardArea, DEFAULT_SESSION_MAX_AGE_SECONDS } from "./area.js";
export type { DashboardOptions } from "./area.js";
export { BOARD_PATH } from "./queues.js";
export { SESSION_COOKIE, CSRF_COOKIE, CSRF_FIELD } from "./session.js";
