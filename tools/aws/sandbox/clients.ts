// createSandboxClients: the real SDK clients (one per service and region), each with the sandbox
// middleware, behind the same AwsClients interface the tools use for real AWS.
import { sdk } from "../clients.js";
import type { AwsClients } from "../clients.js";
import type { SandboxAccount } from "./account.js";
import type { ServiceName } from "./errors.js";
import { FaultInjector } from "./faults.js";
import type { SandboxFaults } from "./faults.js";
import { AUTOSCALING_HANDLERS } from "./handlers/autoscaling.js";
import { EC2_HANDLERS } from "./handlers/ec2.js";
import { EFS_HANDLERS } from "./handlers/efs.js";
import { S3_HANDLERS } from "./handlers/s3.js";
import { S3CONTROL_HANDLERS } from "./handlers/s3control.js";
import { ORGANIZATIONS_HANDLERS } from "./handlers/organizations.js";
import { STS_HANDLERS } from "./handlers/sts.js";
import type { HandlerTable } from "./handlers/types.js";
import { addSandboxMiddleware } from "./middleware.js";
import type { SandboxOrg } from "./org.js";
import { AWS_KIND_FOLDERS } from "../kinds/index.js";

const { AutoScalingClient } = sdk.autoscaling;
const { EC2Client } = sdk.ec2;
const { EFSClient } = sdk.efs;
const { S3Client } = sdk.s3;
const { S3ControlClient } = sdk.s3control;
const { STSClient } = sdk.sts;
const { OrganizationsClient } = sdk.organizations;

/** A service's shared handlers plus the commands only one kind uses, which its kind folder serves. */
function withKindHandlers(service: ServiceName, shared: HandlerTable): HandlerTable {
  return Object.assign({}, shared, ...AWS_KIND_FOLDERS.map((f) => f.sandbox?.handlers?.[service] ?? {}));
}

export interface SandboxClientOptions {
  /** Latency and throttling to inject (default: none). */
  faults?: SandboxFaults;
  /** Let the SDK serialize each request before the sandbox answers (stricter, ~3× slower). Default false. */
  serialize?: boolean;
  /** The organisation this account manages: STS AssumeRole and Organizations ListAccounts answer from it. */
  org?: SandboxOrg;
}

/** Never used to sign anything: requests do not leave the process. */
const CREDENTIALS = { accessKeyId: "AKIASANDBOXAGPM00000", secretAccessKey: "agpm-sandbox-not-a-secret" };

interface Destroyable {
  destroy(): void;
  middlewareStack: unknown;
}

/**
 * AWS clients answered by a sandbox account.
 *
 * @example
 * const clients = createSandboxClients(SandboxAccount.load("sandbox.json"));
 * const out = await clients.s3("eu-west-1").send(new GetBucketEncryptionCommand({ Bucket: "app-logs" }));
 */
export function createSandboxClients(account: SandboxAccount, options: SandboxClientOptions = {}): AwsClients {
  const faults = new FaultInjector(options.faults);
  const made: Destroyable[] = [];

  function factory<C extends Destroyable>(service: ServiceName, handlers: HandlerTable, build: (config: { region: string; credentials: typeof CREDENTIALS; maxAttempts: number }) => C): (region: string) => C {
    const cache = new Map<string, C>();
    return (region) => {
      let client = cache.get(region);
      if (!client) {
        // maxAttempts 1: our tools retry at one layer; the SDK must not retry underneath them.
        client = build({ region, credentials: CREDENTIALS, maxAttempts: 1 });
        addSandboxMiddleware(client.middlewareStack, { account, service, region, handlers, faults, serialize: options.serialize ?? false, ...(options.org ? { org: options.org } : {}) });
        cache.set(region, client);
        made.push(client);
      }
      return client;
    };
  }

  return {
    get defaultRegion() {
      return account.defaultRegion;
    },
    // Path-style keeps bucket names out of hostnames (no DNS-style endpoint rules apply).
    s3: factory("s3", withKindHandlers("s3", S3_HANDLERS), (c) => new S3Client({ ...c, forcePathStyle: true })),
    s3control: factory("s3control", withKindHandlers("s3control", S3CONTROL_HANDLERS), (c) => new S3ControlClient(c)),
    ec2: factory("ec2", withKindHandlers("ec2", EC2_HANDLERS), (c) => new EC2Client(c)),
    efs: factory("efs", withKindHandlers("efs", EFS_HANDLERS), (c) => new EFSClient(c)),
    autoscaling: factory("autoscaling", withKindHandlers("autoscaling", AUTOSCALING_HANDLERS), (c) => new AutoScalingClient(c)),
    sts: factory("sts", withKindHandlers("sts", STS_HANDLERS), (c) => new STSClient(c)),
    organizations: factory("organizations", withKindHandlers("organizations", ORGANIZATIONS_HANDLERS), (c) => new OrganizationsClient(c)),
    destroy() {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}
