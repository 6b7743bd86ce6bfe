// Making drift the way a person in the console would: editing the sandbox file behind agpm's back.
import { readFileSync, writeFileSync } from "node:fs";

interface BucketJson {
  Name: string;
  Region?: string;
  PublicAccessBlock?: unknown;
  Encryption?: unknown;
}

function readBuckets(file: string): { doc: { s3?: { buckets?: BucketJson[] } }; buckets: BucketJson[] } {
  const doc = JSON.parse(readFileSync(file, "utf8")) as { s3?: { buckets?: BucketJson[] } };
  return { doc, buckets: doc.s3?.buckets ?? [] };
}

/** Turns off public access blocking and default encryption on one bucket; returns its name and region. */
export function driftBucket(file: string, pick: (b: BucketJson, i: number) => boolean = (_b, i) => i === 0): { name: string; region: string | undefined } {
  const { doc, buckets } = readBuckets(file);
  const bucket = buckets.find(pick);
  if (!bucket) throw new Error("no bucket to drift");
  bucket.PublicAccessBlock = null;
  bucket.Encryption = null;
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { name: bucket.Name, region: bucket.Region };
}

/** The bucket's public access block and encryption, as the file holds them now. */
export function bucketState(file: string, name: string): { publicAccessBlock: unknown; encryption: unknown } {
  const bucket = readBuckets(file).buckets.find((b) => b.Name === name);
  if (!bucket) throw new Error(`no bucket ${name}`);
  return { publicAccessBlock: bucket.PublicAccessBlock ?? null, encryption: bucket.Encryption ?? null };
}

/** Every bucket name with its region (the file's default region when absent). */
export function bucketRegions(file: string): Map<string, string> {
  const doc = JSON.parse(readFileSync(file, "utf8")) as { region: string; s3?: { buckets?: BucketJson[] } };
  return new Map((doc.s3?.buckets ?? []).map((b) => [b.Name, b.Region ?? doc.region]));
}
