// efs.enable-backup: turns on automatic AWS Backup for the file system.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { EfsFileSystemModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { PutBackupPolicyCommand } = sdk.efs;

const NAME = "efs.enable-backup";
const Params = z.object({}).strict();
const Fields = EfsFileSystemModel.pick({ backup: true });

export const efsEnableBackup: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.efs.file-system",
  title: "Turn on automatic backups for the EFS file system",
  manual: false,
  effect: "tightens",
  permissions: ["elasticfilesystem:PutBackupPolicy"],
  params: Params,
  plan(resource) {
    const { backup } = readFields(resource, Fields, NAME);
    if (backup.enabled) return null;
    return {
      before: { backup },
      after: { backup: { enabled: true, status: "ENABLED" } },
      summary: `turn on automatic backups for file system ${resource.id}`,
    };
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.efs(resource.region), new PutBackupPolicyCommand({
      FileSystemId: resource.id,
      BackupPolicy: { Status: "ENABLED" },
    }));
  },
};
