// A module.register resolve hook that appends every resolved URL to a file, so a test can list what an import loads.
import { appendFileSync } from "node:fs";

let out = "";
export function initialize(data) {
  out = data.file;
}
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(out, `${result.url}\n`);
  return result;
}
