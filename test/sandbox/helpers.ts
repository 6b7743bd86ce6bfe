// Test fixtures: a temp directory per test with a sandbox file, an account and its SDK clients.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AwsClients } from "../../tools/aws/clients.js";
import { createSandboxClients, generateDemoAccount, SandboxAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { SandboxClientOptions, SandboxFile } from "../../tools/aws/sandbox/index.js";

export interface Fixture {
  dir: string;
  file: string;
  account: SandboxAccount;
  clients: AwsClients;
  /** The file as it is on disk now, parsed. */
  onDisk(): SandboxFile & Record<string, unknown>;
  cleanup(): void;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "agpm-sandbox-"));
}

/** Writes `state` (default: the demo account) to a temp file and opens it like the CLI would. */
export function fixture(state: SandboxFile = generateDemoAccount(), options: SandboxClientOptions = {}): Fixture {
  const dir = tempDir();
  const file = join(dir, "account.json");
  writeSandboxFile(file, state);
  const account = SandboxAccount.load(file);
  const clients = createSandboxClients(account, options);
  return {
    dir,
    file,
    account,
    clients,
    onDisk: () => JSON.parse(readFileSync(file, "utf8")) as SandboxFile & Record<string, unknown>,
    cleanup: () => {
      clients.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A minimal valid file with one resource list filled in. */
export function minimal(extra: Record<string, unknown> = {}): SandboxFile {
  return { account: "123456789012", region: "us-east-1", ...extra } as SandboxFile;
}
