// Generates the README's control catalogue table from the control and action registries, and
// rewrites the README section between the catalogue markers (`npm run docs:catalogue`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AgpmError } from "../core/errors.js";
import { BENCHMARKS, CONTROLS, findAction } from "../engine/registry.js";
import { ANY_KIND } from "../engine/control.js";
import type { ControlDefinition } from "../engine/control.js";

export const CATALOGUE_START = "<!-- catalogue:start -->";
export const CATALOGUE_END = "<!-- catalogue:end -->";
export const README_PATH = join(import.meta.dirname, "..", "README.md");

const cell = (text: string): string => text.replaceAll("|", "\\|");

/** The fix with the control's default params: the action, "manual (…)", or why there is none. */
function remediationCell(control: ControlDefinition): string {
  const action = control.build({}).remediation?.action;
  if (!action) return "none";
  const found = findAction(action);
  if (!found) return `missing action \`${action}\``;
  return found.manual ? `manual (\`${action}\`)` : `\`${action}\``;
}

function row(control: ControlDefinition): string {
  const kind = control.kind === ANY_KIND ? "any kind named (`*`)" : `\`${control.kind}\``;
  const benchmarks = control.benchmarks.length > 0 ? control.benchmarks.join(", ") : "—";
  return `| \`${control.id}\` — ${cell(control.title)} | ${kind} | ${benchmarks} | ${remediationCell(control)} |`;
}

/**
 * The catalogue as a Markdown table, one row per control in registry order.
 * @example catalogueTable().split("\n")[0] // "| control | kind | benchmarks | remediation |"
 */
export function catalogueTable(controls: readonly ControlDefinition[] = CONTROLS): string {
  return ["| control | kind | benchmarks | remediation |", "|---|---|---|---|", ...controls.map(row)].join("\n");
}

/**
 * The benchmark ids the catalogue names, with the version their number belongs to and the
 * published title, so a reader can check each mapping.
 * @example benchmarkTable().split("\n")[0] // "| benchmark id | benchmark | published title |"
 */
export function benchmarkTable(): string {
  const rows = Object.entries(BENCHMARKS).map(([id, e]) => `| ${id} | ${e.benchmark} ${e.version === "unversioned" ? "" : e.version}`.trimEnd() + ` | ${cell(e.title)} |`);
  return ["| benchmark id | benchmark | published title |", "|---|---|---|", ...rows].join("\n");
}

/** Everything between the README's catalogue markers: the controls, then the benchmark ids they name. */
export function catalogueDocs(): string {
  return `${catalogueTable()}\n\n${benchmarkTable()}`;
}

function markers(readme: string): { start: number; end: number } {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) {
    throw new AgpmError("INPUT_INVALID", `the README needs ${CATALOGUE_START} followed by ${CATALOGUE_END} around the catalogue table`);
  }
  return { start: start + CATALOGUE_START.length, end };
}

/** What the README holds between the markers, without the surrounding newlines. */
export function catalogueSection(readme: string): string {
  const { start, end } = markers(readme);
  return readme.slice(start, end).trim();
}

/**
 * The README with the text between the markers replaced by `table`; everything else unchanged.
 * @throws AgpmError INPUT_INVALID when the markers are missing or out of order
 */
export function replaceCatalogue(readme: string, table: string): string {
  const { start, end } = markers(readme);
  return `${readme.slice(0, start)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2] ?? README_PATH;
  const before = readFileSync(path, "utf8");
  const after = replaceCatalogue(before, catalogueDocs());
  if (after !== before) writeFileSync(path, after);
  console.log(after === before ? `${path}: catalogue already up to date` : `${path}: catalogue table rewritten (${CONTROLS.length} controls)`);
}
