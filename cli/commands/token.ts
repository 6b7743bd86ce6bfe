// `agpm token create|list|revoke`: bearer tokens for the HTTP API. The secret is printed once,
// on creation; the store keeps only its hash.
import { TokenNameSchema, TokenRoleSchema, type ApiToken } from "../../store/index.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { renderTable } from "../output/table.js";

const summary = (t: ApiToken) => ({ id: t.id, name: t.name, role: t.role, prefix: t.prefix, createdAt: t.createdAt, createdBy: t.createdBy, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt });

export async function createToken(app: App, io: CliIo, flags: { role?: string; name?: string; json?: boolean }): Promise<number> {
  const role = TokenRoleSchema.parse(flags.role);
  const name = flags.name === undefined ? undefined : TokenNameSchema.parse(flags.name);
  const { secret, token } = await app.store.tokens.createToken({ role, createdBy: app.config.actor, ...(name ? { name } : {}) });
  await app.store.audit.appendAudit({ actor: app.config.actor, action: "token", result: "token-created", detail: `${token.id} ${token.name} (${token.role})` });
  if (flags.json) {
    io.stdout(`${JSON.stringify({ token: secret, ...summary(token) }, null, 2)}\n`);
  } else {
    // The secret alone on stdout, so `TOKEN=$(agpm token create --role viewer)` works.
    io.stderr(`Created ${token.role} token ${token.id} (${token.name}). Copy it now: it is not shown again.\n`);
    io.stdout(`${secret}\n`);
  }
  return EXIT.ok;
}

export async function listTokens(app: App, io: CliIo, flags: { json?: boolean }): Promise<number> {
  const tokens = await app.store.tokens.listTokens();
  if (flags.json) {
    io.stdout(`${JSON.stringify({ tokens: tokens.map(summary) }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout(tokens.length === 0
    ? "No API tokens. Create one with: agpm token create --role viewer --name grafana\n"
    : renderTable(tokens, [
        { header: "ID", value: (t) => t.id },
        { header: "NAME", value: (t) => t.name, max: 32 },
        { header: "ROLE", value: (t) => t.role },
        { header: "PREFIX", value: (t) => `${t.prefix}…` },
        { header: "CREATED", value: (t) => t.createdAt },
        { header: "LAST USED", value: (t) => t.lastUsedAt ?? "never" },
        { header: "STATUS", value: (t) => (t.revokedAt ? `revoked ${t.revokedAt}` : "active") },
      ], io));
  return EXIT.ok;
}

export async function revokeToken(app: App, io: CliIo, id: string, flags: { json?: boolean }): Promise<number> {
  const token = await app.store.tokens.revokeToken(id);
  await app.store.audit.appendAudit({ actor: app.config.actor, action: "token", result: "token-revoked", detail: `${token.id} ${token.name} (${token.role})` });
  io.stdout(flags.json ? `${JSON.stringify(summary(token), null, 2)}\n` : `revoked ${token.id} (${token.name})\n`);
  return EXIT.ok;
}
