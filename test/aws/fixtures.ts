// A small, hand-written sandbox account whose every fact the collector tests check.
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { ACCOUNT, ALL_USERS } from "./sandbox-helpers.js";

export const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const publicRead = (bucket: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }],
});
const tlsOnly = (bucket: string) => ({
  Version: "2012-10-17",
  Statement: [{
    Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  }],
});
const publicAcl = { Owner: { ID: "owner" }, Grants: [
  { Grantee: { Type: "CanonicalUser", ID: "owner" }, Permission: "FULL_CONTROL" },
  { Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "READ" },
] };

export function factsAccount(accountPublicAccessBlock: Record<string, boolean> | null = null): SandboxFile {
  return {
    account: ACCOUNT,
    region: "us-east-1",
    s3: {
      accountPublicAccessBlock,
      buckets: [
        { Name: "bare", CreationDate: "2024-01-01T00:00:00Z" },
        {
          Name: "configured", CreationDate: "2024-02-01T00:00:00Z", Region: "eu-west-1",
          PublicAccessBlock: ALL_BLOCKED,
          Encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "arn:aws:kms:eu-west-1:123456789012:key/k1" }, BucketKeyEnabled: true }] },
          Versioning: { Status: "Enabled", MFADelete: "Disabled" },
          Policy: tlsOnly("configured"),
          OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
          Logging: { TargetBucket: "bare", TargetPrefix: "configured/" },
          Lifecycle: { Rules: [{ ID: "expire", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 30 } }] },
          ObjectLock: { ObjectLockEnabled: "Enabled" },
          Tags: [{ Key: "owner", Value: "payments" }],
        },
        { Name: "acl-public", Acl: publicAcl },
        { Name: "acl-public-ignored", Acl: publicAcl, PublicAccessBlock: { IgnorePublicAcls: true } },
        { Name: "policy-public", Policy: JSON.stringify(publicRead("policy-public")) },
        { Name: "policy-public-restricted", Policy: publicRead("policy-public-restricted"), PublicAccessBlock: { RestrictPublicBuckets: true } },
        {
          Name: "cross-account", Policy: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::cross-account/*" },
              { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::210987654321:root"] }, Action: "s3:GetObject", Resource: "arn:aws:s3:::cross-account/*" },
            ],
          },
        },
      ],
    },
    ec2: {
      ebsEncryptionByDefault: { "us-east-1": false, "eu-west-1": true },
      instances: [
        {
          InstanceId: "i-0aaa", InstanceType: "t3.micro", ImageId: "ami-1", VpcId: "vpc-1", SubnetId: "subnet-1",
          LaunchTime: "2024-03-01T00:00:00Z", Placement: { AvailabilityZone: "us-east-1a" }, State: { Name: "running", Code: 16 },
          MetadataOptions: { HttpTokens: "optional", HttpEndpoint: "enabled", HttpPutResponseHopLimit: 1 },
          PublicIpAddress: "203.0.113.10", Monitoring: { State: "disabled" },
          BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-0aaa", Status: "attached" } }],
          SecurityGroups: [{ GroupId: "sg-0aaa", GroupName: "web" }],
          Tags: [{ Key: "Name", Value: "web-1" }],
        },
        {
          InstanceId: "i-0bbb", InstanceType: "t3.small", Placement: { AvailabilityZone: "us-east-1b" }, State: { Name: "running", Code: 16 },
          MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled" },
        },
        { InstanceId: "i-0ccc", Placement: { AvailabilityZone: "us-east-1a" }, State: { Name: "terminated", Code: 48 } },
        {
          InstanceId: "i-0ddd", InstanceType: "t3.small", LaunchTime: "2023-06-01T00:00:00Z", Placement: { AvailabilityZone: "us-east-1b" },
          State: { Name: "stopped", Code: 80 }, StateTransitionReason: "User initiated (2024-05-01 12:00:00 GMT)", VirtualizationType: "paravirtual",
          SecurityGroups: [{ GroupId: "sg-0aaa", GroupName: "web" }, { GroupId: "sg-0ccc", GroupName: "launch-wizard-3" }],
          BlockDeviceMappings: [
            { DeviceName: "/dev/sda1", Ebs: { VolumeId: "vol-0ccc", Status: "attached" } },
            { DeviceName: "/dev/sdf", Ebs: { VolumeId: "vol-0gone", Status: "detaching" } },
          ],
        },
      ],
      securityGroups: [
        {
          GroupId: "sg-0aaa", GroupName: "web", Description: "web tier", VpcId: "vpc-1",
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }, { CidrIp: "10.0.0.0/8" }] },
            { IpProtocol: "tcp", FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
            { IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-0bbb", UserId: ACCOUNT }] },
          ],
          IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
          Tags: [{ Key: "tier", Value: "web" }],
        },
        {
          GroupId: "sg-0bbb", GroupName: "default", Description: "default VPC security group", VpcId: "vpc-1", Region: "eu-west-1",
          IpPermissions: [{ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-0bbb", UserId: ACCOUNT }] }],
          IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [{ CidrIpv6: "::/0" }] }],
        },
        {
          GroupId: "sg-0ccc", GroupName: "launch-wizard-3", Description: "launch-wizard-3 created 2023-06-01", VpcId: "vpc-1",
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "198.51.100.0/22" }] },
            { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: "10.1.0.0/16" }], PrefixListIds: [{ PrefixListId: "pl-0abc" }] },
          ],
        },
      ],
      volumes: [
        {
          VolumeId: "vol-0aaa", AvailabilityZone: "us-east-1a", Size: 8, VolumeType: "gp3", State: "in-use", Encrypted: false, SnapshotId: "",
          Attachments: [{ InstanceId: "i-0aaa", VolumeId: "vol-0aaa", Device: "/dev/xvda", State: "attached" }],
        },
        { VolumeId: "vol-0bbb", AvailabilityZone: "eu-west-1b", Size: 100, VolumeType: "gp3", State: "available", Encrypted: true, KmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k2", SnapshotId: "snap-1" },
        {
          VolumeId: "vol-0ccc", AvailabilityZone: "us-east-1b", Size: 20, VolumeType: "gp3", State: "in-use", Encrypted: true, SnapshotId: "",
          Attachments: [{ InstanceId: "i-0ddd", VolumeId: "vol-0ccc", Device: "/dev/sda1", State: "attached" }],
        },
      ],
      snapshots: [
        {
          SnapshotId: "snap-0aaa", VolumeId: "vol-0aaa", VolumeSize: 8, State: "completed", StartTime: "2024-05-02T00:00:00Z", Encrypted: false,
          CreateVolumePermissions: [{ Group: "all" }], Tags: [{ Key: "Name", Value: "web-1-root" }],
        },
        {
          Region: "eu-west-1", SnapshotId: "snap-0bbb", VolumeId: "vol-ffffffff", VolumeSize: 100, State: "completed", StartTime: "2023-06-01T00:00:00Z",
          Encrypted: true, KmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k2", CreateVolumePermissions: [{ UserId: "210987654321" }],
        },
        // Someone else's public snapshot, visible to everyone: not the account's own.
        { SnapshotId: "snap-0fff", OwnerId: "999999999999", VolumeSize: 8, State: "completed", Encrypted: false, CreateVolumePermissions: [{ Group: "all" }] },
      ],
    },
    efs: {
      fileSystems: [
        { FileSystemId: "fs-0aaa", Name: "shared", Encrypted: false, LifeCycleState: "available", PerformanceMode: "generalPurpose", ThroughputMode: "bursting", NumberOfMountTargets: 2, Tags: [{ Key: "Name", Value: "shared" }] },
        {
          FileSystemId: "fs-0bbb", Encrypted: true, KmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k3", LifeCycleState: "available",
          AvailabilityZoneName: "us-east-1a", BackupPolicy: { Status: "ENABLED" },
          LifecyclePolicies: [{ TransitionToIA: "AFTER_30_DAYS" }, { TransitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
          FileSystemPolicy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "elasticfilesystem:ClientMount", Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } } }],
          },
          NumberOfMountTargets: 0, Tags: [],
        },
        {
          FileSystemId: "fs-0ccc", Region: "eu-west-1", Encrypted: true, LifeCycleState: "available", NumberOfMountTargets: 1,
          FileSystemPolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"] }] }),
        },
      ],
      accessPoints: [
        {
          AccessPointId: "fsap-1", FileSystemId: "fs-0bbb", Name: "data", RootDirectory: { Path: "/data", CreationInfo: { OwnerUid: 1001, OwnerGid: 1002, Permissions: "750" } },
          PosixUser: { Uid: 1001, Gid: 1002 }, Tags: [{ Key: "team", Value: "data" }],
        },
        { AccessPointId: "fsap-2", FileSystemId: "fs-0bbb" },
      ],
    },
    autoscaling: {
      groups: [{
        AutoScalingGroupName: "web-asg", MinSize: 1, MaxSize: 3, DesiredCapacity: 1, AvailabilityZones: ["us-east-1b"],
        HealthCheckType: "ELB", TargetGroupARNs: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"],
        LaunchTemplate: { LaunchTemplateName: "web", Version: "$Latest" }, CapacityRebalance: true,
        Instances: [{ InstanceId: "i-0bbb", InstanceType: "t3.small", AvailabilityZone: "us-east-1b", LifecycleState: "InService", HealthStatus: "Healthy", ProtectedFromScaleIn: false }],
        Tags: [{ Key: "team", Value: "web" }],
      }, {
        AutoScalingGroupName: "batch-asg", MinSize: 0, MaxSize: 2, DesiredCapacity: 0, AvailabilityZones: ["us-east-1a"], HealthCheckType: "EC2",
        LaunchConfigurationName: "batch-lc", Instances: [],
      }],
    },
  };
}
