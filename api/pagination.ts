// Page size and opaque cursors shared by the list routes; a cursor's content is the route's business.
import { z } from "zod";
import { AgpmError } from "../core/errors.js";

export const MAX_PAGE = 1_000;

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100).describe(`page size, 1–${MAX_PAGE}`),
  cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
});

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * Reads a cursor back through the route's schema.
 * @throws AgpmError INPUT_INVALID naming `query.cursor` when it was not made by this route.
 */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AgpmError("INPUT_INVALID", "query.cursor: not a cursor this list gave out", { details: { issues: [{ path: "query.cursor", message: "not a cursor this list gave out" }] } });
  }
  return parsed.data;
}

/** Query booleans: `?wait=true`, `?wait=1`, `?wait` alone. */
export const QueryBooleanSchema = z
  .enum(["true", "false", "1", "0", ""], { error: "true or false" })
  .transform((v) => v === "true" || v === "1" || v === "");
