// The AWS client factory interface: tools receive clients from here, so the sandbox and
// real AWS differ only in which factory built them. Also the one door to the SDK's packages (`sdk`),
// which loads each package on first use: the registry lists every kind's collectors and actions,
// and `agpm explain` or a check of S3 buckets must not pay for EC2's 2 MB client.
import { createRequire } from "node:module";
import type * as AutoScaling from "@aws-sdk/client-auto-scaling";
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type * as Ec2 from "@aws-sdk/client-ec2";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type * as Efs from "@aws-sdk/client-efs";
import type { EFSClient } from "@aws-sdk/client-efs";
import type * as S3 from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type * as S3Control from "@aws-sdk/client-s3-control";
import type { S3ControlClient } from "@aws-sdk/client-s3-control";
import type * as Organizations from "@aws-sdk/client-organizations";
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import type * as Sts from "@aws-sdk/client-sts";
import type { STSClient } from "@aws-sdk/client-sts";

export interface AwsClients {
  /** Region used for global calls (STS, ListBuckets, account settings). */
  readonly defaultRegion: string;
  s3(region: string): S3Client;
  s3control(region: string): S3ControlClient;
  ec2(region: string): EC2Client;
  efs(region: string): EFSClient;
  autoscaling(region: string): AutoScalingClient;
  sts(region: string): STSClient;
  /** AWS Organizations: a global service, which any region's client reaches. */
  organizations(region: string): OrganizationsClient;
  /** Releases sockets; clients are not used afterwards. */
  destroy(): void;
}

// require, not import(): the packages are CommonJS, and require is synchronous (clients are made
// inside synchronous factories) and skips the export scan an ESM import of 2 MB of CommonJS costs.
const requireSdk = createRequire(import.meta.url);

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * A stand-in for one class the package exports: `new`, static members and `instanceof` reach the
 * real class, whose package is required at that moment, not when the stand-in is imported.
 */
function standIn(real: () => Constructor): unknown {
  // A function target, so the proxy can be called with `new`.
  return new Proxy(function standIn() {}, {
    construct: (_target, args) => Reflect.construct(real() as new (...args: unknown[]) => object, args) as object,
    get: (_target, key) => Reflect.get(real(), key) as unknown,
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/** A package's class exports as stand-ins; the package itself is required when one is first used. */
function lazyPackage<M extends object>(id: string): M {
  let loaded: Record<PropertyKey, unknown> | undefined;
  const load = () => (loaded ??= requireSdk(id) as Record<PropertyKey, unknown>);
  const made = new Map<PropertyKey, unknown>();
  return new Proxy({} as M, {
    get(_target, name) {
      // Only named exports: a symbol or `then` probe (an await, a console.log) must not load the package.
      if (typeof name !== "string" || name === "then") return undefined;
      if (!made.has(name)) made.set(name, standIn(() => load()[name] as Constructor));
      return made.get(name);
    },
  });
}

/**
 * The SDK's client, command and exception classes, one package per service, each required on first use.
 * @example const { ListBucketsCommand } = sdk.s3; // at module level: loads nothing yet
 */
export const sdk = {
  s3: lazyPackage<typeof S3>("@aws-sdk/client-s3"),
  s3control: lazyPackage<typeof S3Control>("@aws-sdk/client-s3-control"),
  ec2: lazyPackage<typeof Ec2>("@aws-sdk/client-ec2"),
  efs: lazyPackage<typeof Efs>("@aws-sdk/client-efs"),
  autoscaling: lazyPackage<typeof AutoScaling>("@aws-sdk/client-auto-scaling"),
  sts: lazyPackage<typeof Sts>("@aws-sdk/client-sts"),
  organizations: lazyPackage<typeof Organizations>("@aws-sdk/client-organizations"),
} as const;
