// One AWS kind folder: EFS file systems.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { efsEnableBackup } from "./efs-enable-backup.js";
import { efsEnableLifecycle } from "./efs-enable-lifecycle.js";
import { efsEncryptAtRest } from "./manual-encrypt-at-rest.js";
import { efsMakeRegional, efsRestrictFileSystemPolicy } from "./manual.js";
import { efsFileSystemCollector } from "./collector.js";
import { efsBackupEnabled, efsEncrypted, efsLifecyclePolicy, efsMultiAz, efsPolicyNoAnyClient } from "./controls.js";
import { efsFileSystem } from "./model.js";
import { EFS_FILE_SYSTEM_LIST } from "./sandbox-list.js";

export const efsFileSystemFolder = {
  kind: efsFileSystem,
  controls: [efsEncrypted, efsBackupEnabled, efsLifecyclePolicy, efsMultiAz, efsPolicyNoAnyClient] as readonly ControlDefinition[],
  collector: efsFileSystemCollector,
  actions: [efsEnableBackup, efsEnableLifecycle, efsEncryptAtRest, efsMakeRegional, efsRestrictFileSystemPolicy],
  polarity: POLARITY,
  sandbox: { lists: [EFS_FILE_SYSTEM_LIST] },
} satisfies AwsKindFolder;
