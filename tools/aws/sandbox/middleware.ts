// The one middleware that turns a real SDK client into a sandbox client: it answers each command
// from the SandboxAccount instead of sending HTTP.
//
// Step choice (measured with bench/sandbox.bench.ts on a 10,000-resource account): answering at
// "initialize" costs about what any interception costs — the SDK's own send() floor is ~50–100 µs
// per call and the sandbox stays within the noise of it for per-resource calls. Letting the SDK
// serialize first ("build" step: endpoint resolution + request serialization) adds ~150–300 µs per
// call, 3–4× slower on large collections. So "initialize" is the default and handlers check the
// parameters they need with the errors AWS or the SDK would raise; `serialize: true` intercepts at
// "build" instead, for tests that want the SDK's own serializers to run (Put* checksums included).
// Priority "low" keeps the SDK's own initialize middlewares (logger, S3 bucket-name checks) in front.
import { randomUUID } from "node:crypto";
import { AgpmError } from "../../../core/errors.js";
import type { SandboxAccount } from "./account.js";
import type { ServiceName } from "./errors.js";
import type { FaultInjector } from "./faults.js";
import type { HandlerTable } from "./handlers/types.js";
import type { SandboxOrg } from "./org.js";

export interface SandboxMiddlewareOptions {
  account: SandboxAccount;
  service: ServiceName;
  region: string;
  handlers: HandlerTable;
  faults: FaultInjector;
  /** Intercept after the SDK serialized the request (slower, stricter). */
  serialize: boolean;
  /** The organisation the account manages, if any. */
  org?: SandboxOrg;
}

/** The part of a client's middlewareStack we use (structural, so every client's stack fits). */
interface Stack {
  add(middleware: unknown, options: { step: "initialize" | "build"; priority: "high" | "low"; name: string }): void;
}

interface Context {
  clientName?: string;
  commandName?: string;
}

async function answer(options: SandboxMiddlewareOptions, context: Context, input: unknown): Promise<object> {
  const { account, service, region, handlers } = options;
  const operation = (context.commandName ?? "").replace(/Command$/, "");
  const handler = handlers[operation];
  if (!handler) {
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox does not answer ${context.clientName ?? service} ${context.commandName ?? "(unnamed command)"}`, {
      details: { client: context.clientName ?? service, command: context.commandName ?? null },
    });
  }
  const ctx = { account, region, service, ...(options.org ? { org: options.org } : {}) };
  // Reads need no lock: saves replace the file by rename, so a read sees one whole version.
  if (!handler.write) {
    account.refreshIfChanged();
    return handler.handle(input, ctx);
  }
  return account.write(() => handler.handle(input, ctx));
}

function respond(output: object): { output: object; response: object } {
  const $metadata = { httpStatusCode: 200, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 };
  return { output: { ...output, $metadata }, response: { statusCode: 200, headers: {}, body: undefined } };
}

/** Adds the sandbox middleware to a client's stack. */
export function addSandboxMiddleware(stack: unknown, options: SandboxMiddlewareOptions): void {
  const placement = options.serialize
    ? ({ step: "build", priority: "high", name: "agpmSandbox" } as const)
    : ({ step: "initialize", priority: "low", name: "agpmSandbox" } as const);
  const middleware = (_next: unknown, context: Context) => async (args: { input: unknown }) => {
    const operation = (context.commandName ?? "").replace(/Command$/, "");
    if (!options.faults.idle) await options.faults.before(options.service, operation);
    return respond(await answer(options, context, args.input));
  };
  (stack as Stack).add(middleware, placement);
}
