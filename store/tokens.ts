// API token repository: bearer secrets for the HTTP API, kept as sha256 hashes with a role each.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import { guarded, parseInput } from "./codec.js";
import type { StoreContext } from "./context.js";
import { newId } from "./ids.js";
import type { ApiTokensTable } from "./tables.js";

/** Each role can do everything the ones before it can: viewer reads, author submits intents, approver decides. */
export const TOKEN_ROLES = ["viewer", "author", "approver"] as const;
export const TokenRoleSchema = z.enum(TOKEN_ROLES);
export type TokenRole = z.infer<typeof TokenRoleSchema>;

export const TokenNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, "letters, digits, '.', '_', '@' or '-', at most 64, starting with a letter or digit");

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: TokenRoleSchema,
  /** The secret's first characters, to tell tokens apart; never enough to use one. */
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

const NewTokenSchema = z.object({
  /** Shown in the audit log as `token:<name>`; unique among tokens not revoked. Defaults to one made from the id. */
  name: TokenNameSchema.optional(),
  role: TokenRoleSchema,
  createdBy: z.string().min(1),
});
export type NewToken = z.input<typeof NewTokenSchema>;

export interface CreatedToken {
  /** The bearer secret: shown once, at creation; only its hash is stored. */
  secret: string;
  token: ApiToken;
}

export interface TokenRepository {
  createToken(input: NewToken): Promise<CreatedToken>;
  /** Every token, newest first, revoked ones included. */
  listTokens(): Promise<ApiToken[]>;
  revokeToken(id: string): Promise<ApiToken>;
  authenticate(secret: string): Promise<ApiToken | null>;
}

const SECRET_PREFIX = "agpm_";
const SECRET_PATTERN = /^agpm_[A-Za-z0-9_-]{43}$/;
/** last_used_at is refreshed at most this often, so authenticating stays a read. */
const LAST_USED_GRANULARITY_MS = 60_000;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function toToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id, name: row.name, role: row.role, prefix: row.prefix, createdAt: row.created_at, createdBy: row.created_by,
    lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
  };
}

export function createTokenRepository({ db, now }: StoreContext): TokenRepository {
  return {
    /**
     * Creates a token and returns its secret, the only time the secret is known.
     * @throws AgpmError INPUT_INVALID for a bad role or name, or a name another live token has.
     * @example const { secret } = await store.tokens.createToken({ role: "viewer", name: "grafana", createdBy: "alice" })
     */
    async createToken(input) {
      const request = parseInput(NewTokenSchema, input, "token");
      const secret = `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
      const id = newId("tok");
      const row: ApiTokensTable = {
        id,
        name: request.name ?? `token-${id.slice(-8)}`,
        role: request.role,
        token_hash: hashSecret(secret),
        prefix: secret.slice(0, SECRET_PREFIX.length + 6),
        created_at: now(),
        created_by: request.createdBy,
        last_used_at: null,
        revoked_at: null,
      };
      await guarded("createToken", () =>
        db.transaction().execute(async (trx) => {
          const taken = await trx.selectFrom("api_tokens").select("id").where("name", "=", row.name).where("revoked_at", "is", null).executeTakeFirst();
          if (taken) {
            throw new AgpmError("INPUT_INVALID", `a token named ${row.name} exists (${taken.id}); revoke it first or pick another name`, { details: { name: row.name } });
          }
          await trx.insertInto("api_tokens").values(row).execute();
        }),
      );
      return { secret, token: toToken(row) };
    },

    async listTokens() {
      const rows = await guarded("listTokens", () => db.selectFrom("api_tokens").selectAll().orderBy("created_at", "desc").orderBy("id", "desc").execute());
      return rows.map(toToken);
    },

    /**
     * Revokes a token at once; revoking it again changes nothing.
     * @throws AgpmError NOT_FOUND for an unknown id.
     */
    async revokeToken(id) {
      const row = await guarded("revokeToken", async () => {
        await db.updateTable("api_tokens").set({ revoked_at: now() }).where("id", "=", id).where("revoked_at", "is", null).execute();
        return db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
      });
      if (!row) throw new AgpmError("NOT_FOUND", `no token ${id}; see agpm token list`, { details: { tokenId: id } });
      return toToken(row);
    },

    /** The live token this secret belongs to, or null (malformed, unknown or revoked). */
    async authenticate(secret) {
      if (!SECRET_PATTERN.test(secret)) return null;
      const row = await guarded("authenticate", () =>
        db.selectFrom("api_tokens").selectAll().where("token_hash", "=", hashSecret(secret)).where("revoked_at", "is", null).executeTakeFirst(),
      );
      if (!row) return null;
      const at = now();
      if (row.last_used_at === null || Date.parse(at) - Date.parse(row.last_used_at) >= LAST_USED_GRANULARITY_MS) {
        await guarded("authenticate", () => db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", row.id).execute());
        row.last_used_at = at;
      }
      return toToken(row);
    },
  };
}
