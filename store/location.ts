// A location as the store keeps it: five columns beside the AWS region, written and read in one place.
import { regionLocation, type Finding, type Location } from "../contracts/resource.js";

export interface LocationColumns {
  domain: string;
  partition: string;
  root: string;
  file: string | null;
  line: number | null;
}

/** A finding without a location (written by older code) is an AWS one in its region, root unknown. */
export const findingLocation = (finding: Pick<Finding, "region" | "location">): Location =>
  finding.location ?? regionLocation(finding.region);

/** Nullable columns (audit events may name no resource): all null, or a location. */
export type NullableLocationColumns = { [K in keyof LocationColumns]: LocationColumns[K] | null };

export const toNullableLocationColumns = (location: Location | null): NullableLocationColumns =>
  location ? toLocationColumns(location) : { domain: null, partition: null, root: null, file: null, line: null };

export function fromNullableLocationColumns(row: NullableLocationColumns): Location | null {
  if (row.domain === null) return null;
  return fromLocationColumns({ ...row, domain: row.domain, partition: row.partition ?? "", root: row.root ?? "" });
}

export const toLocationColumns = (location: Location): LocationColumns => ({
  domain: location.domain, partition: location.partition, root: location.root, file: location.file ?? null, line: location.line ?? null,
});

export function fromLocationColumns(row: LocationColumns): Location {
  return {
    domain: row.domain, partition: row.partition, root: row.root,
    ...(row.file === null ? {} : { file: row.file }), ...(row.line === null ? {} : { line: row.line }),
  };
}
