// The zod building blocks of the sandbox file (docs/SANDBOX.md), in their own module so the kind
// folders' list schemas can use them without importing schema.ts, which assembles those folders.
import { z } from "zod";

export const Str = z.string({ error: "expected a string" });
export const Id = Str.min(1, { error: "expected a non-empty id" });
export const Bool = z.boolean({ error: "expected true or false" });
export const Obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape, { error: "expected an object" });
export const List = <T extends z.ZodType>(item: T) => z.array(item, { error: "expected an array" });

/** An AWS region name such as us-east-1, eu-west-1 or us-gov-west-1. */
export const RegionName = Str.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, {
  error: "expected a region name such as us-east-1",
});

/** ISO-8601 date-time as AWS CLI prints it (Z or an offset; fractional seconds allowed). */
export const IsoDate = Str.check(
  z.refine((v: string) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    error: "expected an ISO-8601 date such as 2024-03-01T00:00:00Z",
  }),
);

const Tag = Obj({ Key: Str, Value: Str.optional() });
export const Tags = List(Tag).nullish();

/** The optional "Region" of a regional resource (absent: the file's region). */
export const Regional = { Region: RegionName.optional() };

/** A policy document: an object, or the JSON string the API returns (parsed here). */
export const PolicyDocument = z
  .union([Str, Obj({})], { error: "expected a policy object or a JSON string" })
  .transform((value, ctx): Record<string, unknown> => {
    if (typeof value !== "string") return value;
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      ctx.addIssue({ code: "custom", message: "policy JSON must be an object" });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `policy is not valid JSON (${(error as Error).message})` });
    }
    return z.NEVER;
  });
