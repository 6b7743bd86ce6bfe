// Polar words of the aws.efs.access-point controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "efs.access-point-root-directory": { secure: ["root directory", "root dir", "root path", "enforce a root directory", "subdirectory", "chroot", "confined directory"], insecure: [] },
  "efs.access-point-posix-user": { secure: ["posix user", "posix identity", "user identity", "enforce a user identity", "posix uid", "run as user"], insecure: [] },
};
