// The AWS client factory interface: tools receive clients from here, so the sandbox and
// real AWS differ only in which factory built them.
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { EFSClient } from "@aws-sdk/client-efs";
import type { S3Client } from "@aws-sdk/client-s3";
import type { S3ControlClient } from "@aws-sdk/client-s3-control";
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
  /** Releases sockets; clients are not used afterwards. */
  destroy(): void;
}
