// `--accounts FILE`: the accounts of an organisation to read, as JSON or as a YAML list — an id per
// item, or a mapping of id, roleArn, externalId and name. Only that small part of YAML is read (no
// YAML library for one list); anything else is refused with the line it is on.
import { readFileSync } from "node:fs";
import { AgpmError } from "../core/errors.js";
import { AccountRefSchema, type AccountRef } from "../contracts/target.js";

const FIELDS = new Set(["id", "roleArn", "externalId", "name"]);

interface Entry {
  line: number;
  value: unknown;
}

function unquote(text: string): string {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

function yamlEntries(file: string, text: string): Entry[] {
  const entries: Entry[] = [];
  let current: { line: number; value: Record<string, string> } | null = null;
  const bad = (line: number, why: string) => new AgpmError("INPUT_INVALID", `${file}:${line}: ${why}`, { details: { file, line } });
  const field = (line: number, body: string, into: Record<string, string>) => {
    const colon = body.indexOf(":");
    if (colon <= 0) throw bad(line, `expected "key: value", found "${body.trim()}"`);
    const key = body.slice(0, colon).trim();
    if (!FIELDS.has(key)) throw bad(line, `unknown field "${key}" (an account has id, roleArn, externalId, name)`);
    into[key] = unquote(body.slice(colon + 1));
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/\s+#.*$/, "").replace(/^#.*$/, "");
    if (content.trim() === "") return;
    const item = /^-\s*(.*)$/.exec(content);
    if (item) {
      const body = item[1] ?? "";
      if (body.includes(":")) {
        current = { line, value: {} };
        field(line, body, current.value);
        entries.push(current);
      } else {
        current = null;
        entries.push({ line, value: { id: unquote(body) } });
      }
      return;
    }
    if (/^\s+\S/.test(content) && current) return field(line, content, current.value);
    throw bad(line, `expected a list item ("- id: 111122223333"), found "${content.trim()}"`);
  });
  return entries;
}

/**
 * The accounts a file lists, validated entry by entry.
 * @throws AgpmError INPUT_INVALID naming the file, and the entry's line (YAML) or index (JSON).
 */
export function readAccountsFile(file: string): AccountRef[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new AgpmError("INPUT_INVALID", `cannot read the accounts file ${file}: ${(e as Error).message}`, { cause: e });
  }
  let entries: Entry[];
  let where: (i: number, e: Entry) => string;
  if (/^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new AgpmError("INPUT_INVALID", `${file} is not JSON: ${(e as Error).message}`, { cause: e });
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { accounts?: unknown }).accounts;
    if (!Array.isArray(list)) throw new AgpmError("INPUT_INVALID", `${file}: expected a list of accounts, or { "accounts": [...] }`);
    entries = list.map((value: unknown) => ({ line: 0, value: typeof value === "string" ? { id: value } : value }));
    where = (i) => `${file}: entry ${i + 1}`;
  } else {
    entries = yamlEntries(file, text);
    where = (_i, e) => `${file}:${e.line}`;
  }
  if (entries.length === 0) throw new AgpmError("INPUT_INVALID", `${file} lists no accounts`);
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const parsed = AccountRefSchema.safeParse(entry.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join(".") || "entry";
      throw new AgpmError("INPUT_INVALID", `${where(i, entry)}: ${path}: ${issue?.message ?? "invalid"}`, { details: { file } });
    }
    if (seen.has(parsed.data.id)) throw new AgpmError("INPUT_INVALID", `${where(i, entry)}: account ${parsed.data.id} is listed twice`, { details: { file } });
    seen.add(parsed.data.id);
    return parsed.data;
  });
}
