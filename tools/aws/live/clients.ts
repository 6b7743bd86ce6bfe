// AwsClients for a real AWS account (or an AWS-compatible endpoint): default credential chain,
// one client per service and region, SDK retries off because send() retries.
import { sdk } from "../clients.js";
import type { AwsClients } from "../clients.js";

const { AutoScalingClient } = sdk.autoscaling;
const { EC2Client } = sdk.ec2;
const { EFSClient } = sdk.efs;
const { S3Client } = sdk.s3;
const { S3ControlClient } = sdk.s3control;
const { STSClient } = sdk.sts;
const { OrganizationsClient } = sdk.organizations;

export interface RealClientsConfig {
  /** Region for global calls (STS, ListBuckets, account settings). */
  defaultRegion: string;
  /** Overrides every service endpoint (e.g. the value of AWS_ENDPOINT_URL, read by the caller). */
  endpoint?: string;
  /**
   * Credentials other than the default chain's: an assumed role's, for one account of an organisation.
   * A provider is asked again as the credentials it gave near their expiration (the SDK memoizes it).
   */
  credentials?: TemporaryCredentials | (() => Promise<TemporaryCredentials>);
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

interface Destroyable {
  destroy(): void;
}

/**
 * Creates real SDK clients, cached per service and region.
 * @example const clients = createAwsClients({ defaultRegion: "us-east-1" }); clients.s3("eu-west-1");
 */
export function createAwsClients(config: RealClientsConfig): AwsClients {
  const cache = new Map<string, Destroyable>();
  const base = (region: string) => ({
    region,
    // Retries happen in send(), at exactly one layer.
    maxAttempts: 1,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.credentials === undefined ? {} : { credentials: config.credentials }),
  });
  const custom = config.endpoint !== undefined;

  function cached<C extends Destroyable>(service: string, region: string, make: () => C): C {
    const key = `${service}:${region}`;
    const hit = cache.get(key);
    if (hit) return hit as C;
    const client = make();
    cache.set(key, client);
    return client;
  }

  return {
    defaultRegion: config.defaultRegion,
    // Custom endpoints (LocalStack, MinIO…) rarely serve virtual-hosted buckets or account host prefixes.
    s3: (region) => cached("s3", region, () => new S3Client({ ...base(region), forcePathStyle: custom })),
    s3control: (region) =>
      cached("s3control", region, () => new S3ControlClient({ ...base(region), disableHostPrefix: custom })),
    ec2: (region) => cached("ec2", region, () => new EC2Client(base(region))),
    efs: (region) => cached("efs", region, () => new EFSClient(base(region))),
    autoscaling: (region) => cached("autoscaling", region, () => new AutoScalingClient(base(region))),
    sts: (region) => cached("sts", region, () => new STSClient(base(region))),
    organizations: (region) => cached("organizations", region, () => new OrganizationsClient(base(region))),
    destroy() {
      for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
}
