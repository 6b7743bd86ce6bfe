// Stored policies from earlier catalogues name unversioned CIS ids; parsing them upgrades the ids once, here, so the IR needs no domain's tables.

const LEGACY_CIS = /^CIS-AWS-(\d+(?:\.\d+)+)$/;
const LEGACY_DROPPED: ReadonlyArray<{ id: string; control: string }> = [{ id: "CIS-AWS-2.1.1", control: "s3.bucket-encrypted" }];
/**
 * What the unversioned CIS ids of earlier agpm catalogues (`CIS-AWS-<n>`) become. The old
 * catalogue put CIS 1.x's "2.1.1 Ensure all S3 buckets employ encryption-at-rest" on
 * s3.bucket-encrypted, a recommendation CIS 3.0 no longer has: that pair maps to nothing.
 * CIS_3_0_IDS are the CIS 3.0 ids the AWS benchmark table held when the numbering changed: the
 * only targets a legacy id can have (a test keeps them in the table).
 */
export const CIS_3_0_IDS: ReadonlySet<string> = new Set([
  "CIS-AWS-3.0-1.18", "CIS-AWS-3.0-2.1.1", "CIS-AWS-3.0-2.1.2", "CIS-AWS-3.0-2.1.4", "CIS-AWS-3.0-2.2.1",
  "CIS-AWS-3.0-2.4.1", "CIS-AWS-3.0-5.2", "CIS-AWS-3.0-5.3", "CIS-AWS-3.0-5.4", "CIS-AWS-3.0-5.6",
]);

/**
 * A stored catalogue rule's benchmark ids in today's numbering: each legacy `CIS-AWS-<n>` becomes
 * `CIS-AWS-3.0-<n>` when the old catalogue meant what CIS 3.0's <n> means, or is dropped. Rules
 * written by hand (no `control`) keep their ids: only their author knows which version was meant.
 * @example upgradeLegacyIds(["CIS-AWS-2.1.1", "FSBP-S3.4"], "s3.bucket-encrypted") // ["FSBP-S3.4"]
 */
export function upgradeLegacyIds(ids: readonly string[], control: string | undefined): string[] {
  if (control === undefined) return [...ids];
  const upgraded = ids.flatMap((id) => {
    const legacy = LEGACY_CIS.exec(id);
    if (!legacy) return [id];
    if (LEGACY_DROPPED.some((d) => d.id === id && d.control === control)) return [];
    const current = `CIS-AWS-3.0-${legacy[1]}`;
    return CIS_3_0_IDS.has(current) ? [current] : [id];
  });
  return [...new Set(upgraded)];
}
