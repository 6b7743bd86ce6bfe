// Builders for realistic AWS resource objects (the SDK output shapes of SANDBOX.md), shared by the
// demo and scale generators so both produce what real describe/get calls return. Builders of a
// kind folder's own list live in its sandbox-list.ts.

import type { InstanceInput, SecurityGroupInput } from "./schema.js";

type Json = Record<string, unknown>;

export interface InstanceSpec {
  id: string;
  name: string;
  zone: string;
  type: string;
  running: boolean;
  imdsv2: boolean;
  vpcId: string;
  subnetId: string;
  imageId: string;
  launchTime: string;
  groups: ReadonlyArray<{ id: string; name: string }>;
  volumeIds: readonly string[];
  privateIp: string;
  publicIp?: string;
  asg?: string;
  profileArn?: string;
  /** Detailed (one-minute) monitoring on. */
  monitoring?: boolean;
  extraTags?: Record<string, string>;
}

export function tags(record: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
}

export function instance(s: InstanceSpec): InstanceInput {
  const tagSet: Record<string, string> = { Name: s.name, ...s.extraTags, ...(s.asg ? { "aws:autoscaling:groupName": s.asg } : {}) };
  const ip = s.privateIp.replaceAll(".", "-");
  const region = s.zone.slice(0, -1);
  return {
    InstanceId: s.id,
    ImageId: s.imageId,
    InstanceType: s.type,
    KeyName: "ops-2024",
    LaunchTime: s.launchTime,
    Monitoring: { State: s.monitoring ? "enabled" : "disabled" },
    Placement: { AvailabilityZone: s.zone, GroupName: "", Tenancy: "default" },
    PrivateDnsName: `ip-${ip}.${region === "us-east-1" ? "ec2.internal" : `${region}.compute.internal`}`,
    PrivateIpAddress: s.privateIp,
    ...(s.publicIp ? { PublicIpAddress: s.publicIp } : {}),
    State: s.running ? { Code: 16, Name: "running" } : { Code: 80, Name: "stopped" },
    ...(s.running ? {} : { StateTransitionReason: "User initiated (2024-06-02 09:14:11 GMT)" }),
    SubnetId: s.subnetId,
    VpcId: s.vpcId,
    Architecture: "x86_64",
    BlockDeviceMappings: s.volumeIds.map((VolumeId, i) => ({
      DeviceName: i === 0 ? "/dev/xvda" : `/dev/sd${String.fromCharCode(102 + i)}`,
      Ebs: { AttachTime: s.launchTime, DeleteOnTermination: i === 0, Status: "attached", VolumeId },
    })),
    EbsOptimized: true,
    ...(s.profileArn ? { IamInstanceProfile: { Arn: s.profileArn, Id: `AIPA${s.id.slice(2, 18).toUpperCase()}` } } : {}),
    RootDeviceName: "/dev/xvda",
    RootDeviceType: "ebs",
    SecurityGroups: s.groups.map((g) => ({ GroupId: g.id, GroupName: g.name })),
    Tags: tags(tagSet),
    VirtualizationType: "hvm",
    MetadataOptions: {
      State: "applied",
      HttpTokens: s.imdsv2 ? "required" : "optional",
      HttpPutResponseHopLimit: s.imdsv2 ? 2 : 1,
      HttpEndpoint: "enabled",
      HttpProtocolIpv6: "disabled",
      InstanceMetadataTags: "disabled",
    },
  };
}

export interface Rule {
  protocol: string;
  from?: number;
  to?: number;
  cidrs?: readonly string[];
  cidrs6?: readonly string[];
  groups?: readonly string[];
  description?: string;
}

export function permission(r: Rule, account: string): NonNullable<SecurityGroupInput["IpPermissions"]>[number] {
  const ports = r.protocol === "-1" ? {} : { FromPort: r.from, ToPort: r.to ?? r.from };
  const described = <T extends object>(o: T) => (r.description ? { ...o, Description: r.description } : o);
  return {
    IpProtocol: r.protocol,
    ...ports,
    IpRanges: (r.cidrs ?? []).map((CidrIp) => described({ CidrIp })),
    Ipv6Ranges: (r.cidrs6 ?? []).map((CidrIpv6) => described({ CidrIpv6 })),
    PrefixListIds: [],
    UserIdGroupPairs: (r.groups ?? []).map((GroupId) => described({ GroupId, UserId: account })),
  };
}

export function securityGroup(id: string, name: string, description: string, vpcId: string, account: string, ingress: readonly Rule[], region?: string): SecurityGroupInput {
  return {
    ...(region ? { Region: region } : {}),
    GroupId: id,
    GroupName: name,
    Description: description,
    OwnerId: account,
    VpcId: vpcId,
    SecurityGroupArn: `arn:aws:ec2:${region ?? "us-east-1"}:${account}:security-group/${id}`,
    IpPermissions: ingress.map((r) => permission(r, account)),
    IpPermissionsEgress: [permission({ protocol: "-1", cidrs: ["0.0.0.0/0"] }, account)],
    ...(name === "default" ? {} : { Tags: tags({ Name: name }) }),
  };
}

export const FULL_BLOCK = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
export const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

export function sse(kmsKeyArn?: string): Json {
  return kmsKeyArn
    ? { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: kmsKeyArn }, BucketKeyEnabled: true }] }
    : { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] };
}

export function acl(ownerId: string, publicRead: boolean): Json {
  const owner = { ID: ownerId };
  const grants: Json[] = [{ Grantee: { ...owner, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }];
  if (publicRead) grants.push({ Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "READ" });
  return { Owner: owner, Grants: grants };
}

export function denyInsecureTransport(bucket: string): Json {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
