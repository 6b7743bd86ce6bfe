// A location as the store keeps it: five columns beside the AWS region, written and read in one place.
import type { Finding, Location } from "../contracts/resource.js";

export interface LocationColumns {
  domain: string;
  partition: string;
  root: string;
  file: string | null;
  line: number | null;
}

/** A finding without a location (written by older code) is an AWS one in its region, root unknown. */
export const findingLocation = (finding: Pick<Finding, "region" | "location">): Location =>
  finding.location ?? { domain: "aws", partition: finding.region, root: "" };

export const toLocationColumns = (location: Location): LocationColumns => ({
  domain: location.domain, partition: location.partition, root: location.root, file: location.file ?? null, line: location.line ?? null,
});

export function fromLocationColumns(row: LocationColumns): Location {
  return {
    domain: row.domain, partition: row.partition, root: row.root,
    ...(row.file === null ? {} : { file: row.file }), ...(row.line === null ? {} : { line: row.line }),
  };
}
