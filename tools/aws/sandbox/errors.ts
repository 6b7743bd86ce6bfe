// AWS errors as the SDK would raise them: the service's own exception classes (modeled
// subclasses where the SDK has one), with AWS's names, status codes and $metadata.
import { sdk } from "../clients.js";
import { randomUUID } from "node:crypto";

const { AutoScalingServiceException, InvalidNextToken } = sdk.autoscaling;
const { EC2ServiceException } = sdk.ec2;
const {
  AccessPointNotFound, BadRequest, EFSServiceException, FileSystemNotFound, MountTargetNotFound, PolicyNotFound,
  ThrottlingException,
} = sdk.efs;
const { AccessDenied, NoSuchBucket, NotFound, S3ServiceException } = sdk.s3;
const { NoSuchPublicAccessBlockConfiguration, S3ControlServiceException } = sdk.s3control;
const { STSServiceException } = sdk.sts;
const { OrganizationsServiceException } = sdk.organizations;

export type ServiceName = "s3" | "s3control" | "ec2" | "efs" | "autoscaling" | "sts" | "organizations";

interface ExceptionOptions {
  name: string;
  $fault: "client" | "server";
  $metadata: { httpStatusCode: number; requestId: string; attempts: number; totalRetryDelay: number };
  message: string;
  [field: string]: unknown;
}
type ExceptionClass = new (options: ExceptionOptions) => Error;

const BASE: Record<ServiceName, ExceptionClass> = {
  s3: S3ServiceException,
  s3control: S3ControlServiceException,
  ec2: EC2ServiceException,
  efs: EFSServiceException,
  autoscaling: AutoScalingServiceException,
  sts: STSServiceException,
  organizations: OrganizationsServiceException,
};

/** Errors the SDK models as classes; their constructors set name and $fault themselves. */
const MODELED: Partial<Record<ServiceName, Record<string, unknown>>> = {
  s3: { NoSuchBucket, AccessDenied, NotFound },
  s3control: { NoSuchPublicAccessBlockConfiguration },
  efs: { FileSystemNotFound, PolicyNotFound, BadRequest, ThrottlingException, MountTargetNotFound, AccessPointNotFound },
  autoscaling: { InvalidNextToken },
};

/** Throttling error name and HTTP status per service, as AWS returns them. */
export const THROTTLING: Record<ServiceName, { name: string; status: number }> = {
  s3: { name: "SlowDown", status: 503 },
  s3control: { name: "SlowDown", status: 503 },
  ec2: { name: "RequestLimitExceeded", status: 503 },
  efs: { name: "ThrottlingException", status: 429 },
  autoscaling: { name: "Throttling", status: 400 },
  sts: { name: "Throttling", status: 400 },
  organizations: { name: "TooManyRequestsException", status: 400 },
};

export interface AwsErrorShape extends Error {
  $fault: "client" | "server";
  $metadata: ExceptionOptions["$metadata"];
  $retryable?: { throttling?: boolean };
  $response?: { statusCode: number; headers: Record<string, string>; body?: unknown };
}

/**
 * An error shaped like the SDK's: `name`, `$fault`, `$metadata.httpStatusCode`, `$response`.
 * Extra `fields` (e.g. EFS `ErrorCode`, S3 `BucketName`) are copied onto the error.
 */
export function awsError(service: ServiceName, name: string, status: number, message: string, fields: Record<string, unknown> = {}, headers: Record<string, string> = {}): AwsErrorShape {
  const requestId = randomUUID();
  const options: ExceptionOptions = {
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status, requestId, attempts: 1, totalRetryDelay: 0 },
    message,
    ...(service === "efs" ? { ErrorCode: name } : {}),
    ...fields,
  };
  const Modeled = MODELED[service]?.[name] as ExceptionClass | undefined;
  const error = new (Modeled ?? BASE[service])(options) as AwsErrorShape;
  Object.assign(error, service === "efs" ? { ErrorCode: name, Message: message } : {}, fields);
  if (service === "s3" || service === "s3control") Object.assign(error, { Code: name });
  error.$response = { statusCode: status, headers: { "x-amzn-requestid": requestId, ...headers } };
  return error;
}

/** The per-service throttling error, marked retryable-as-throttling like the SDK marks AWS's. */
export function throttlingError(service: ServiceName): AwsErrorShape {
  const { name, status } = THROTTLING[service];
  const error = awsError(service, name, status, service === "s3" || service === "s3control" ? "Please reduce your request rate." : "Rate exceeded");
  error.$retryable = { throttling: true };
  return error;
}
