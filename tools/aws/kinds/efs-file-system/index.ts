// The efsFileSystem kind folder: EFS file systems; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { efsEnableBackup } from "../../actions/efs-enable-backup.js";
import { efsEnableLifecycle } from "../../actions/efs-enable-lifecycle.js";
import { efsEncryptAtRest } from "../../actions/manual.js";
import { efsMakeRegional, efsRestrictFileSystemPolicy } from "../../actions/manual-storage.js";
import { efsFileSystemCollector } from "../../collectors/efs-file-system.js";
import { efsBackupEnabled, efsEncrypted, efsLifecyclePolicy, efsMultiAz, efsPolicyNoAnyClient } from "../../controls/efs.js";
import { efsFileSystem } from "../efs.js";

export const efsFileSystemFolder: AwsKindFolder = {
  kind: efsFileSystem,
  controls: [efsEncrypted, efsBackupEnabled, efsLifecyclePolicy, efsMultiAz, efsPolicyNoAnyClient] as readonly ControlDefinition[],
  collector: efsFileSystemCollector,
  actions: [efsEnableBackup, efsEnableLifecycle, efsEncryptAtRest, efsMakeRegional, efsRestrictFileSystemPolicy],
};
