// API tokens in the store (SQLite and PostgreSQL) and through `agpm token`: only a hash is kept,
// revoked tokens stop working at once, and names stay unique among live tokens.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { hashSecret } from "../../store/index.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { eachBackend, useTempStore } from "../store/helpers.js";

eachBackend((kind) => {
  const env = useTempStore(kind);

  describe("when a token is created", () => {
    it("returns its secret once and keeps only the secret's hash", async () => {
      const { secret, token } = await env.store.tokens.createToken({ role: "author", name: "ci", createdBy: "alice" });
      expect(secret).toMatch(/^agpm_[A-Za-z0-9_-]{43}$/);
      expect(token).toMatchObject({ id: expect.stringMatching(/^tok_/), name: "ci", role: "author", createdBy: "alice", revokedAt: null, lastUsedAt: null });
      expect(secret.startsWith(token.prefix)).toBe(true);
      const rows = await sql<Record<string, unknown>>`select * from api_tokens`.execute(env.store.db);
      expect(JSON.stringify(rows.rows)).not.toContain(secret.slice(token.prefix.length));
      expect(rows.rows[0]?.token_hash).toBe(hashSecret(secret));
    });

    it("authenticates the secret, records when it was used, and refuses anything else", async () => {
      const { secret, token } = await env.store.tokens.createToken({ role: "viewer", createdBy: "alice" });
      const found = await env.store.tokens.authenticate(secret);
      expect(found).toMatchObject({ id: token.id, role: "viewer", name: expect.stringMatching(/^token-/) });
      expect(found?.lastUsedAt).not.toBeNull();
      for (const wrong of ["", "agpm_", `${secret}x`, secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), hashSecret(secret)]) {
        expect(await env.store.tokens.authenticate(wrong), wrong).toBeNull();
      }
    });
  });

  describe("when a token is revoked", () => {
    it("stops authenticating, frees its name, and revoking again changes nothing", async () => {
      const { secret, token } = await env.store.tokens.createToken({ role: "approver", name: "ops", createdBy: "alice" });
      await expect(env.store.tokens.createToken({ role: "viewer", name: "ops", createdBy: "bob" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
      const revoked = await env.store.tokens.revokeToken(token.id);
      expect(revoked.revokedAt).not.toBeNull();
      expect(await env.store.tokens.authenticate(secret)).toBeNull();
      expect((await env.store.tokens.revokeToken(token.id)).revokedAt).toBe(revoked.revokedAt);
      await env.store.tokens.createToken({ role: "viewer", name: "ops", createdBy: "bob" });
      expect((await env.store.tokens.listTokens()).map((t) => [t.name, t.revokedAt === null])).toEqual([["ops", true], ["ops", false]]);
      await expect(env.store.tokens.revokeToken("tok_nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("refuses unknown roles and bad names", async () => {
      await expect(env.store.tokens.createToken({ role: "admin" as never, createdBy: "a" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
      await expect(env.store.tokens.createToken({ role: "viewer", name: "has space", createdBy: "a" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    });
  });
});

describe("when tokens are managed with agpm token", () => {
  let ws: CliWorkspace | undefined;
  afterEach(() => {
    ws?.cleanup();
    ws = undefined;
  });

  it("prints the secret alone on stdout, lists tokens without secrets, revokes, and audits both", async () => {
    ws = createWorkspace();
    const created = await ws.run("token", "create", "--role", "approver", "--name", "release-bot");
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^agpm_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("not shown again");

    const listed = await ws.run("token", "list", "--json");
    const { tokens } = listed.json<{ tokens: Array<{ id: string; name: string; role: string; revokedAt: string | null }> }>();
    expect(tokens).toEqual([expect.objectContaining({ name: "release-bot", role: "approver", revokedAt: null })]);
    expect(listed.stdout).not.toContain(secret.slice(12));

    const id = tokens[0]?.id ?? "";
    expect((await ws.run("token", "revoke", id)).stdout).toBe(`revoked ${id} (release-bot)\n`);
    expect((await ws.run("token", "list")).stdout).toMatch(/release-bot\s+approver\s+agpm_\S+\s+\S+\s+never\s+revoked /);
    const audit = (await ws.run("audit", "--json")).json<{ events: Array<{ actor: string; result: string; detail: string }> }>();
    expect(audit.events.map((e) => [e.actor, e.result])).toEqual([["tester", "token-revoked"], ["tester", "token-created"]]);

    const bad = await ws.run("token", "create", "--role", "admin");
    expect(bad.code).toBe(2);
    expect((await ws.run("token", "revoke", "tok_unknown")).stderr).toContain("error [NOT_FOUND]");
  });
});
