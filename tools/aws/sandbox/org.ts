// A sandbox organisation: a folder of sandbox account files, each one member account. The files
// keep the one-account format of docs/SANDBOX.md unchanged; the folder is the organisation, and the
// first file (by name) is its management account, the one that lists the others and assumes roles.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { AgpmError } from "../../../core/errors.js";

export interface SandboxOrgAccount {
  id: string;
  /** The file's name without `.json`: the account's name, as AWS Organizations would list it. */
  name: string;
  file: string;
}

// writeSandboxFile puts `account` first, so most files say who they are in their first bytes.
const LEADING_ACCOUNT = /^\s*\{\s*"account"\s*:\s*"(\d{12})"/;

function accountOf(file: string): string {
  const text = readFileSync(file, "utf8");
  const lead = LEADING_ACCOUNT.exec(text.slice(0, 256));
  if (lead?.[1]) return lead[1];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new AgpmError("SANDBOX_FILE_INVALID", `${file} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  const id = typeof parsed === "object" && parsed !== null ? (parsed as { account?: unknown }).account : undefined;
  if (typeof id !== "string" || !/^\d{12}$/.test(id)) {
    throw new AgpmError("SANDBOX_FILE_INVALID", `${file} names no 12-digit "account"`, { details: { file } });
  }
  return id;
}

/** Whether a sandbox path names an organisation folder rather than one account file. */
export function isSandboxOrgDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The accounts of a sandbox organisation folder, read once (ids only; each file is loaded when its account is opened). */
export class SandboxOrg {
  private readonly byId: ReadonlyMap<string, SandboxOrgAccount>;

  private constructor(readonly dir: string, readonly accounts: readonly SandboxOrgAccount[]) {
    this.byId = new Map(accounts.map((a) => [a.id, a]));
  }

  /**
   * @throws AgpmError INPUT_INVALID for a folder without account files; SANDBOX_FILE_INVALID for a file
   * that names no account, or two files naming the same one.
   */
  static load(dir: string): SandboxOrg {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
    } catch (e) {
      throw new AgpmError("INPUT_INVALID", `cannot read the sandbox organisation folder ${dir}: ${(e as Error).message}`, { cause: e });
    }
    if (names.length === 0) throw new AgpmError("INPUT_INVALID", `${dir} holds no sandbox account files (*.json); create an organisation with: agpm sandbox init-org ${dir} --accounts 3`);
    const accounts: SandboxOrgAccount[] = [];
    const seen = new Map<string, string>();
    for (const name of names) {
      const file = join(dir, name);
      const id = accountOf(file);
      const other = seen.get(id);
      if (other) throw new AgpmError("SANDBOX_FILE_INVALID", `${other} and ${file} both hold account ${id}: an organisation's accounts are distinct`, { details: { account: id } });
      seen.set(id, file);
      accounts.push({ id, name: basename(name, ".json"), file });
    }
    return new SandboxOrg(dir, accounts);
  }

  /** The management account: the first file by name. */
  get management(): SandboxOrgAccount {
    const [first] = this.accounts;
    if (!first) throw new AgpmError("INTERNAL", "a sandbox organisation without accounts");
    return first;
  }

  find(id: string): SandboxOrgAccount | undefined {
    return this.byId.get(id);
  }
}
