// aws.s3.account-public-access-block: the account's S3 Block Public Access settings.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";
import { rederiveAccountBlock } from "../s3-bucket/derive.js";
import { PublicAccessBlockModel } from "../s3-bucket/model.js";

export const S3AccountPublicAccessBlockModel = z.object({
  /** Null when the account has no Block Public Access configuration. */
  publicAccessBlock: PublicAccessBlockModel.nullable(),
  /** Each flag, false when not configured. */
  effective: PublicAccessBlockModel,
});

export const s3AccountPublicAccessBlock: KindDefinition = {
  name: "aws.s3.account-public-access-block",
  noun: "account S3 Block Public Access setting",
  plural: "account S3 Block Public Access settings",
  service: "s3",
  idField: "account id",
  words: ["account level", "account-level", "account public access block", "s3 account", "account-wide", "entire account", "whole account"],
  model: S3AccountPublicAccessBlockModel,
  rederive: rederiveAccountBlock,
};
