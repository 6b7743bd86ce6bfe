// ebs.make-snapshot-private: removes the public ("all") create-volume permission of a snapshot;
// permissions granted to named accounts stay.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { EbsSnapshotModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { ModifySnapshotAttributeCommand } = sdk.ec2;

const NAME = "ebs.make-snapshot-private";
const Params = z.object({}).strict();
const Fields = EbsSnapshotModel.pick({ public: true });

export const ebsMakeSnapshotPrivate: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.ebs.snapshot",
  title: "Make the EBS snapshot private",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:ModifySnapshotAttribute"],
  params: Params,
  plan(resource) {
    if (!readFields(resource, Fields, NAME).public) return null;
    return { before: { public: true }, after: { public: false }, summary: `stop sharing snapshot ${resource.id} publicly (remove createVolumePermission group "all")` };
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.ec2(resource.region), new ModifySnapshotAttributeCommand({
      SnapshotId: resource.id,
      Attribute: "createVolumePermission",
      OperationType: "remove",
      GroupNames: ["all"],
    }));
  },
};
