// The demo account: a small, realistic estate in us-east-1 and eu-west-1 with a deliberate mix of
// compliant and drifted resources (public buckets, IMDSv1, open SSH/RDP, unencrypted storage,
// public snapshots, open access points, a launch-wizard group, a single-zone ASG).
// The kinds' lists (volumes, snapshots, images, EFS) come from their kind folders, given DEMO_IDS.
import { instance, securityGroup, tags } from "./build.js";
import type { InstanceSpec } from "./build.js";
import { demoBuckets } from "./demo-buckets.js";
import type { DemoIds, SandboxListDef } from "./kind-lists.js";
import { fileSections, KIND_LISTS, SANDBOX_LISTS } from "./schema.js";
import type { SandboxFile, SecurityGroupInput } from "./schema.js";

const ACCOUNT = "123456789012";
const US = "us-east-1";
const EU = "eu-west-1";
const VPC = { [US]: "vpc-0a1b2c3d4e5f00001", [EU]: "vpc-0a1b2c3d4e5f00002" };
const SUBNET = { [US]: "subnet-0a1b2c3d4e5f00011", [EU]: "subnet-0a1b2c3d4e5f00021" };
const AMI = { [US]: "ami-0a1b2c3d4e5f00101", [EU]: "ami-0a1b2c3d4e5f00102" };
const KMS_EU = `arn:aws:kms:${EU}:${ACCOUNT}:key/6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b`;

const sg = (n: number) => `sg-0a1b2c3d4e5f0000${n}`;
const iid = (n: number) => `i-0a1b2c3d4e5f6000${n}`;
const vol = (n: number) => `vol-0a1b2c3d4e5f0000${n}`;
const fs = (n: number) => `fs-0a1b2c3d4e5f0000${n}`;

/** The ids the kinds' demo items share (exported for the meta-tests). */
export const DEMO_IDS: DemoIds = {
  account: ACCOUNT, us: US, eu: EU, kmsEu: KMS_EU, vpc: VPC, subnet: SUBNET, ami: AMI,
  instance: iid, securityGroup: sg, volume: vol, snapshot: (n) => `snap-0a1b2c3d4e5f0000${n}`, fileSystem: fs,
};

/** File order, except that the demo has always written mount targets right after their file systems. */
const DEMO_ORDER: readonly SandboxListDef[] = SANDBOX_LISTS.flatMap((l) =>
  l.list === "mountTargets" ? [] : l.list === "fileSystems" ? [l, ...SANDBOX_LISTS.filter((m) => m.list === "mountTargets")] : [l]);

function securityGroups(): SecurityGroupInput[] {
  return [
    securityGroup(sg(1), "default", "default VPC security group", VPC[US], ACCOUNT, [{ protocol: "-1", groups: [sg(1)] }]),
    securityGroup(sg(2), "web-alb", "Public load balancer", VPC[US], ACCOUNT, [
      { protocol: "tcp", from: 443, cidrs: ["0.0.0.0/0"], cidrs6: ["::/0"], description: "HTTPS from anywhere" },
      { protocol: "tcp", from: 80, cidrs: ["0.0.0.0/0"], description: "HTTP redirect" },
    ]),
    securityGroup(sg(3), "bastion-ssh", "SSH to the bastion host", VPC[US], ACCOUNT, [
      { protocol: "tcp", from: 22, cidrs: ["0.0.0.0/0", "198.51.100.7/32"], description: "temporary: contractor access" },
    ]),
    securityGroup(sg(4), "internal-db", "PostgreSQL from the app subnets", VPC[US], ACCOUNT, [
      { protocol: "tcp", from: 5432, cidrs: ["10.0.0.0/16"], description: "app subnets" },
    ]),
    securityGroup(sg(5), "default", "default VPC security group", VPC[EU], ACCOUNT, [{ protocol: "-1", groups: [sg(5)] }], EU),
    securityGroup(sg(6), "windows-admin", "RDP for Windows administration", VPC[EU], ACCOUNT, [
      { protocol: "tcp", from: 3389, cidrs: ["10.20.0.0/16"], cidrs6: ["::/0"], description: "RDP" },
    ], EU),
    securityGroup(sg(7), "api-service", "API tasks behind the load balancer", VPC[EU], ACCOUNT, [
      { protocol: "tcp", from: 8443, groups: [sg(5)], description: "from the load balancer" },
    ], EU),
    // Left over from a console launch: a wide public range, not the whole internet.
    securityGroup(sg(8), "launch-wizard-1", "launch-wizard-1 created 2024-02-14T10:02:11.000Z", VPC[US], ACCOUNT, [
      { protocol: "tcp", from: 22, cidrs: ["198.51.100.0/22"] },
    ]),
  ];
}

function instanceSpecs(): InstanceSpec[] {
  const base = (n: number, region: typeof US | typeof EU) => ({
    id: iid(n),
    zone: `${region}${n % 2 === 0 ? "b" : "a"}`,
    vpcId: VPC[region],
    subnetId: SUBNET[region],
    imageId: AMI[region],
    privateIp: `10.${region === US ? 0 : 20}.${n}.${10 + n}`,
    launchTime: `2024-0${(n % 8) + 1}-1${n % 10}T08:30:00.000Z`,
    volumeIds: [] as string[],
  });
  const web = { id: sg(2), name: "web-alb" };
  return [
    { ...base(1, US), name: "web-1", type: "t3.medium", running: true, imdsv2: false, groups: [web], asg: "web-asg", volumeIds: [vol(1)] },
    { ...base(2, US), name: "web-2", type: "t3.medium", running: true, imdsv2: true, groups: [web], asg: "web-asg" },
    { ...base(3, US), name: "bastion", type: "t3.micro", running: true, imdsv2: false, groups: [{ id: sg(3), name: "bastion-ssh" }], publicIp: "203.0.113.24", volumeIds: [vol(2)] },
    { ...base(4, US), name: "batch-worker", type: "c6i.xlarge", running: false, imdsv2: false, groups: [{ id: sg(1), name: "default" }] },
    { ...base(5, US), name: "jenkins", type: "m6i.large", running: true, imdsv2: true, groups: [{ id: sg(4), name: "internal-db" }], profileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/jenkins`, monitoring: true },
    { ...base(6, EU), name: "api-1", type: "m6g.large", running: true, imdsv2: true, groups: [{ id: sg(7), name: "api-service" }], asg: "api-asg", volumeIds: [vol(4)] },
    { ...base(7, EU), name: "api-2", type: "m6g.large", running: true, imdsv2: false, groups: [{ id: sg(7), name: "api-service" }], asg: "api-asg" },
    { ...base(8, EU), name: "windows-admin", type: "t3.large", running: true, imdsv2: false, groups: [{ id: sg(6), name: "windows-admin" }], publicIp: "198.51.100.80", volumeIds: [vol(6)] },
  ];
}

/** The EFS mount targets (support data: no kind of ours), on the demo's file systems. */
function mountTargets(): Array<Record<string, unknown>> {
  const mount = (n: number, fileSystem: string, zone: string, subnet: string) => ({
    OwnerId: ACCOUNT, MountTargetId: `fsmt-0a1b2c3d4e5f0000${n}`, FileSystemId: fileSystem, SubnetId: subnet, LifeCycleState: "available",
    IpAddress: `10.0.${n}.50`, NetworkInterfaceId: `eni-0a1b2c3d4e5f0000${n}`, AvailabilityZoneName: zone, VpcId: zone.startsWith(US) ? VPC[US] : VPC[EU],
  });
  return [mount(1, fs(1), `${US}a`, SUBNET[US]), mount(2, fs(1), `${US}b`, SUBNET[US]), mount(3, fs(2), `${US}a`, SUBNET[US]), mount(4, fs(3), `${EU}a`, SUBNET[EU])];
}

function autoscaling(): { groups: Array<Record<string, unknown>>; launchConfigurations: Array<Record<string, unknown>> } {
  const member = (id: string, zone: string, extra: Record<string, unknown>) => ({
    InstanceId: id, InstanceType: id === iid(1) || id === iid(2) ? "t3.medium" : "m6g.large", AvailabilityZone: zone,
    LifecycleState: "InService", HealthStatus: "Healthy", ProtectedFromScaleIn: false, ...extra,
  });
  const template = { LaunchTemplateId: "lt-0a1b2c3d4e5f00001", LaunchTemplateName: "web", Version: "$Latest" };
  const group = (name: string, region: string, zones: string[], extra: Record<string, unknown>) => ({
    ...(region === US ? {} : { Region: region }),
    AutoScalingGroupName: name, AutoScalingGroupARN: `arn:aws:autoscaling:${region}:${ACCOUNT}:autoScalingGroup:0a1b2c3d-0000-4000-8000-00000000000${name.length}:autoScalingGroupName/${name}`,
    MinSize: 2, MaxSize: 6, DesiredCapacity: 2, DefaultCooldown: 300, AvailabilityZones: zones, LoadBalancerNames: [],
    HealthCheckType: "ELB", HealthCheckGracePeriod: 300, CreatedTime: "2024-01-10T09:00:00.000Z", SuspendedProcesses: [], EnabledMetrics: [],
    NewInstancesProtectedFromScaleIn: false, ServiceLinkedRoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: false, Tags: [{ ResourceId: name, ResourceType: "auto-scaling-group", Key: "team", Value: name.split("-")[0] ?? name, PropagateAtLaunch: true }],
    ...extra,
  });
  return {
    groups: [
      group("web-asg", US, [`${US}a`, `${US}b`], { LaunchTemplate: template, TargetGroupARNs: [`arn:aws:elasticloadbalancing:${US}:${ACCOUNT}:targetgroup/web/0a1b2c3d4e5f0001`],
        Instances: [member(iid(1), `${US}a`, { LaunchTemplate: template }), member(iid(2), `${US}b`, { LaunchTemplate: template })] }),
      group("api-asg", EU, [`${EU}a`, `${EU}b`], { LaunchConfigurationName: "api-lc-v3", TargetGroupARNs: [],
        Instances: [member(iid(6), `${EU}b`, { LaunchConfigurationName: "api-lc-v3" }), member(iid(7), `${EU}a`, { LaunchConfigurationName: "api-lc-v3" })] }),
      // Scaled to zero between nightly runs: one zone, a launch configuration, EC2 health checks.
      group("batch-asg", US, [`${US}a`], { LaunchConfigurationName: "batch-lc-v1", TargetGroupARNs: [], MinSize: 0, MaxSize: 4, DesiredCapacity: 0,
        HealthCheckType: "EC2", Instances: [] }),
    ],
    launchConfigurations: [{
      Region: EU, LaunchConfigurationName: "api-lc-v3", LaunchConfigurationARN: `arn:aws:autoscaling:${EU}:${ACCOUNT}:launchConfiguration:0a1b2c3d:launchConfigurationName/api-lc-v3`,
      ImageId: AMI[EU], KeyName: "ops-2024", SecurityGroups: [sg(7)], InstanceType: "m6g.large", BlockDeviceMappings: [], InstanceMonitoring: { Enabled: false },
      CreatedTime: "2024-01-09T17:45:00.000Z", EbsOptimized: true, MetadataOptions: { HttpTokens: "optional", HttpPutResponseHopLimit: 1, HttpEndpoint: "enabled" },
    }, {
      LaunchConfigurationName: "batch-lc-v1", LaunchConfigurationARN: `arn:aws:autoscaling:${US}:${ACCOUNT}:launchConfiguration:1b2c3d4e:launchConfigurationName/batch-lc-v1`,
      ImageId: AMI[US], KeyName: "ops-2024", SecurityGroups: [sg(1)], InstanceType: "c6i.xlarge", BlockDeviceMappings: [], InstanceMonitoring: { Enabled: false },
      CreatedTime: "2024-03-02T08:00:00.000Z", EbsOptimized: true, MetadataOptions: { HttpTokens: "required", HttpPutResponseHopLimit: 2, HttpEndpoint: "enabled" },
    }],
  };
}

/** The demo account (deterministic: fixed ids and dates). */
export function generateDemoAccount(): SandboxFile {
  const { groups, launchConfigurations } = autoscaling();
  const lists = new Map<string, readonly unknown[]>([
    ["buckets", demoBuckets(ACCOUNT)],
    ["instances", instanceSpecs().map(instance)],
    ["securityGroups", securityGroups()],
    ["vpcs", [
      { VpcId: VPC[US], CidrBlock: "10.0.0.0/16", State: "available", IsDefault: false, OwnerId: ACCOUNT, Tags: tags({ Name: "main" }) },
      { Region: EU, VpcId: VPC[EU], CidrBlock: "10.20.0.0/16", State: "available", IsDefault: false, OwnerId: ACCOUNT, Tags: tags({ Name: "main-eu" }) },
    ]],
    ["flowLogs", [{ FlowLogId: "fl-0a1b2c3d4e5f00001", ResourceId: VPC[US], TrafficType: "REJECT", LogDestinationType: "s3", LogDestination: "arn:aws:s3:::audit-logs/flow/", FlowLogStatus: "ACTIVE", CreationTime: "2024-01-05T00:00:00.000Z" }]],
    ["mountTargets", mountTargets()],
    ["groups", groups],
    ["launchConfigurations", launchConfigurations],
    ...KIND_LISTS.map((l): [string, readonly unknown[]] => [l.list, l.demo(DEMO_IDS)]),
  ]);
  return {
    account: ACCOUNT,
    region: US,
    ...fileSections({ s3: { accountPublicAccessBlock: null }, ec2: { ebsEncryptionByDefault: { [US]: false, [EU]: true } }, efs: {}, autoscaling: {} }, lists, DEMO_ORDER),
  };
}
