// One AWS kind folder: S3 buckets.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { s3AddLifecycleRules, s3EnableAccessLoggingManual, s3EnableMfaDelete, s3EnableObjectLock, s3RestrictBucketPolicy } from "./manual.js";
import { s3BlockPublicAccess } from "./s3-block-public-access.js";
import { s3DenyInsecureTransport } from "./s3-deny-insecure-transport.js";
import { s3DisableAcls } from "./s3-disable-acls.js";
import { s3EnableAccessLogging } from "./s3-enable-access-logging.js";
import { s3EnableBucketKey } from "./s3-enable-bucket-key.js";
import { s3EnableDefaultEncryption } from "./s3-enable-default-encryption.js";
import { s3EnableVersioning } from "./s3-enable-versioning.js";
import { s3BucketCollector } from "./collector.js";
import { s3BucketAclNoPublicRead, s3BucketAclNoPublicWrite, s3BucketAclsDisabled, s3BucketBlockPublicAccess, s3BucketNotPublic, s3BucketPolicyNoCrossAccount, s3BucketPolicyNotPublic, s3BucketSecureTransport } from "./controls-access.js";
import { s3BucketAccessLogging, s3BucketEncrypted, s3BucketKeyEnabled, s3BucketKmsEncrypted, s3BucketLifecycle, s3BucketMfaDelete, s3BucketObjectLock, s3BucketVersioning } from "./controls-data.js";
import { s3Bucket } from "./model.js";

export const s3BucketFolder: AwsKindFolder = {
  kind: s3Bucket,
  controls: [s3BucketNotPublic, s3BucketBlockPublicAccess, s3BucketAclNoPublicRead, s3BucketAclNoPublicWrite, s3BucketPolicyNotPublic, s3BucketPolicyNoCrossAccount, s3BucketSecureTransport, s3BucketAclsDisabled, s3BucketEncrypted, s3BucketKmsEncrypted, s3BucketKeyEnabled, s3BucketVersioning, s3BucketMfaDelete, s3BucketObjectLock, s3BucketAccessLogging, s3BucketLifecycle] as readonly ControlDefinition[],
  collector: s3BucketCollector,
  actions: [s3BlockPublicAccess, s3EnableDefaultEncryption, s3EnableVersioning, s3DisableAcls, s3DenyInsecureTransport, s3EnableBucketKey, s3EnableAccessLogging, s3EnableMfaDelete, s3EnableObjectLock, s3AddLifecycleRules, s3RestrictBucketPolicy, s3EnableAccessLoggingManual],
  polarity: POLARITY,
};
