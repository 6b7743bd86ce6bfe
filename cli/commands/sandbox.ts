// `agpm sandbox init|init-org|show`: write a demo account or an organisation of them; show what an account holds.
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { KIND_NAMES, simulatedSource } from "../../engine/registry.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { renderTable } from "../output/table.js";
import { resolveTarget } from "../target.js";
import { plural } from "../../core/plural.js";

export async function sandboxInit(app: App, io: CliIo, file: string | undefined, flags: { force?: boolean; resources?: string; seed?: string }): Promise<number> {
  const path = resolve(io.cwd, file ?? app.paths.sandboxFile);
  if (existsSync(path) && !flags.force) {
    throw new AgpmError("INPUT_INVALID", `${path} already exists; pass --force to overwrite it`);
  }
  const resources = flags.resources === undefined ? undefined : z.coerce.number().int().min(1).max(1_000_000).parse(flags.resources);
  const seed = flags.seed === undefined ? undefined : z.coerce.number().int().parse(flags.seed);
  const source = simulatedSource();
  if (!source) throw new AgpmError("INTERNAL", "no domain offers a simulated target");
  source.initSimulated(path, { ...(resources === undefined ? {} : { resources }), ...(seed === undefined ? {} : { seed }) });
  io.stdout(`Wrote ${resources === undefined ? "the demo" : `a ${resources}-resource`} sandbox account to ${path}\n`);
  return EXIT.ok;
}

export async function sandboxInitOrg(app: App, io: CliIo, dir: string, flags: { force?: boolean; accounts?: string; resources?: string; seed?: string }): Promise<number> {
  const path = resolve(io.cwd, dir);
  const accounts = z.coerce.number().int().min(1).max(10_000).parse(flags.accounts ?? "3");
  const resources = flags.resources === undefined ? undefined : z.coerce.number().int().min(1).max(1_000_000).parse(flags.resources);
  const seed = flags.seed === undefined ? undefined : z.coerce.number().int().parse(flags.seed);
  if (existsSync(path) && readdirSync(path).some((n) => n.endsWith(".json")) && !flags.force) {
    throw new AgpmError("INPUT_INVALID", `${path} already holds account files; pass --force to overwrite them`);
  }
  const source = simulatedSource();
  if (!source?.initSimulatedOrg) throw new AgpmError("INTERNAL", "no domain offers a simulated organisation");
  const files = source.initSimulatedOrg(path, { accounts, ...(resources === undefined ? {} : { resources }), ...(seed === undefined ? {} : { seed }) });
  io.stdout(`Wrote an organisation of ${plural(files.length, "account")} (${resources === undefined ? "each the demo" : `about ${resources} resources each`}) to ${path}\n`);
  return EXIT.ok;
}

export async function sandboxShow(app: App, io: CliIo, flags: { sandbox?: string; json?: boolean }): Promise<number> {
  const { target } = await resolveTarget({ ...(flags.sandbox ? { sandbox: flags.sandbox } : {}) }, app.config, app.paths.sandboxFile, io.cwd);
  const opened = await app.deps.openTarget(target);
  try {
    const { resources, failures } = await opened.collect(KIND_NAMES);
    app.progress.stop();
    const counts = new Map<string, { kind: string; region: string; count: number }>();
    for (const r of resources) {
      const key = `${r.kind} ${r.region}`;
      counts.set(key, { kind: r.kind, region: r.region, count: (counts.get(key)?.count ?? 0) + 1 });
    }
    const rows = [...counts.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.region.localeCompare(b.region));
    if (flags.json) io.stdout(`${JSON.stringify({ target: opened.describe, account: opened.root(), regions: opened.partitions(), resources: rows, failures }, null, 2)}\n`);
    else {
      io.stdout(`${opened.describe}\n${renderTable(rows, [
        { header: "KIND", value: (r) => r.kind },
        { header: "REGION", value: (r) => r.region },
        { header: "COUNT", value: (r) => String(r.count) },
      ], io)}${plural(resources.length, "resource")}\n`);
      for (const f of failures) io.stdout(`warning: could not list ${f.kind} in ${f.region}: ${f.message}\n`);
    }
    return EXIT.ok;
  } finally {
    opened.close();
  }
}
