// What a command handler is: a pure function of (input, account, client region) to the SDK output
// (without $metadata), plus whether it writes (then the account is saved after it).
import type { SandboxAccount } from "../account.js";
import type { ServiceName } from "../errors.js";
import type { SandboxOrg } from "../org.js";

export interface HandlerContext {
  account: SandboxAccount;
  /** The region of the client that sent the command. */
  region: string;
  service: ServiceName;
  /** The organisation the account manages (a sandbox organisation folder), if any. */
  org?: SandboxOrg;
}

export interface CommandHandler {
  write: boolean;
  handle(input: unknown, ctx: HandlerContext): object;
}

/** Handlers of one service, keyed by operation name (e.g. "GetBucketEncryption"). */
export type HandlerTable = Readonly<Record<string, CommandHandler>>;

/** A read-only command; input is the SDK's input type, as the SDK typed it at the call site. */
export function read<I, O extends object>(handle: (input: I, ctx: HandlerContext) => O): CommandHandler {
  return { write: false, handle: handle as (input: unknown, ctx: HandlerContext) => O };
}

/** A command that changes the account; the middleware saves the file after it succeeds. */
export function write<I, O extends object>(handle: (input: I, ctx: HandlerContext) => O): CommandHandler {
  return { write: true, handle: handle as (input: unknown, ctx: HandlerContext) => O };
}
