// Public surface of the HTTP API: build the server, declare routes on it, and the shapes it answers.
export { buildServer, CORE_AREAS } from "./server.js";
export type { ApiArea } from "./server.js";
export type { ApiDeps, RateLimitOptions, ServerOptions } from "./deps.js";
export { openRateLimitRedis } from "./rate-limit-redis.js";
export type { RateLimitRedis } from "./rate-limit-redis.js";
export { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_RATE_LIMIT } from "./deps.js";
export { addRoute } from "./route.js";
export type { DeclaredRoute, HttpMethod, ResponseSpec, RouteInput, RouteSpec } from "./route.js";
export { roleAllows } from "./auth.js";
export type { Access, AuditMode, Caller } from "./auth.js";
export { ErrorBodySchema, statusForCode } from "./errors.js";
export type { ErrorBody } from "./errors.js";
export { buildOpenApi } from "./openapi.js";
export type { OpenApiInfo } from "./openapi.js";
export { JobSchema, RunDetailSchema, RunReportSchema, SubmissionSchema } from "./schemas.js";
