// Targets of many accounts — a sandbox organisation folder, `--aws --accounts FILE`, `--aws --org` —
// opened as one session of many roots. The caller's (management) credentials list the organisation
// (Organizations ListAccounts) unless the target lists its accounts, then assume a role in each
// (STS AssumeRole); each account is then read exactly as a single account is, with its own clients,
// limiter and regions. An account whose role cannot be assumed is a collection failure of that root,
// reported with every collection, never a failed run nor a silent pass.
import { sdk } from "./clients.js";
import type { AwsClients } from "./clients.js";
import { AgpmError, errorMessage, isAgpmError } from "../../core/errors.js";
import type { Resource } from "../../contracts/resource.js";
import { DEFAULT_ROLE_NAME, type AccountRef, type Target } from "../../contracts/target.js";
import type { CollectFailure, Inventory, SessionOptions, SessionRoot } from "../../engine/domain.js";
import { createAwsContext, type AwsContext } from "./context.js";
import { collectAll, collectOne } from "./inventory.js";
import { createAwsClients, type TemporaryCredentials } from "./live/clients.js";
import { resolveRegions } from "./regions.js";
import { actionsForKind } from "./registry.js";
import { SandboxAccount, createSandboxClients } from "./sandbox/index.js";
import { SandboxOrg } from "./sandbox/org.js";
import { awsErrorName, send } from "./send.js";
import type { OpenedTarget } from "./target.js";

const { AssumeRoleCommand } = sdk.sts;
const { ListAccountsCommand } = sdk.organizations;

type AwsTarget = Extract<Target, { type: "aws" }>;
export type OrganisationTarget = Extract<Target, { type: "sandbox-org" }> | (AwsTarget & { accounts: NonNullable<AwsTarget["accounts"]> });

export function isOrganisation(target: Target): target is OrganisationTarget {
  return target.type === "sandbox-org" || (target.type === "aws" && target.accounts !== undefined);
}

/** Where the organisation's accounts are reached: the caller's clients, and clients for one member. */
interface Directory {
  /** The caller's clients: they list the organisation and assume the roles. */
  management: AwsClients;
  member(id: string, credentials: () => Promise<TemporaryCredentials>): AwsClients;
  /** The target that opens this account alone (sweeps give it to the runs they fan out). */
  alone(ref: AccountRef): Target;
  describe(accounts: number, failed: number, regions: readonly string[]): string;
}

function sandboxDirectory(target: Extract<Target, { type: "sandbox-org" }>): Directory {
  const org = SandboxOrg.load(target.dir);
  const faults = target.faults ? { faults: target.faults } : {};
  return {
    management: createSandboxClients(SandboxAccount.load(org.management.file), { ...faults, org }),
    // Sandbox clients sign nothing: the assumed credentials only prove AssumeRole answered.
    member: (id) => {
      const account = org.find(id);
      if (!account) throw new AgpmError("INTERNAL", `account ${id} was assumed but has no file in ${target.dir}`);
      return createSandboxClients(SandboxAccount.load(account.file), faults);
    },
    // An account with a file opens as that file; one without keeps the folder, so it fails again, as it should.
    alone: (ref) => {
      const file = org.find(ref.id)?.file;
      if (file) return { type: "sandbox", file, ...faults };
      return { ...target, accounts: [ref] };
    },
    describe: (accounts, failed, regions) => `sandbox organisation ${target.dir} (${accounts} accounts${failed ? `, ${failed} not opened` : ""}; ${regions.join(", ")})`,
  };
}

function liveDirectory(target: OrganisationTarget & { type: "aws" }): Directory {
  const base = { defaultRegion: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) };
  return {
    management: createAwsClients(base),
    member: (_id, credentials) => createAwsClients({ ...base, credentials }),
    alone: (ref) => ({ ...target, accounts: [{ ...ref, roleArn: roleArnOf(target, ref) }] }),
    describe: (accounts, failed, regions) =>
      `aws organisation of ${accounts} accounts${failed ? ` (${failed} not opened)` : ""}${target.endpoint ? ` at ${target.endpoint}` : ""} (${regions.join(", ")})`,
  };
}

function roleArnOf(target: OrganisationTarget, ref: AccountRef): string {
  return ref.roleArn ?? `arn:aws:iam::${ref.id}:role/${target.roleName ?? DEFAULT_ROLE_NAME}`;
}

/** Every ACTIVE account AWS Organizations lists, page by page. */
async function listOrganisation(ctx: AwsContext): Promise<AccountRef[]> {
  const refs: AccountRef[] = [];
  let token: string | undefined;
  do {
    const out = await send(ctx, ctx.clients.organizations(ctx.clients.defaultRegion), new ListAccountsCommand({ ...(token ? { NextToken: token } : {}) }));
    for (const a of out.Accounts ?? []) {
      // Suspended and closing accounts cannot be read; AWS lists them until they are gone.
      if (a.Id && (a.Status ?? "ACTIVE") === "ACTIVE") refs.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}) });
    }
    token = out.NextToken;
  } while (token);
  if (refs.length === 0) throw new AgpmError("AWS_ERROR", "AWS Organizations listed no ACTIVE account");
  return refs;
}

interface Member {
  ref: AccountRef;
  ctx: AwsContext | null;
  failure: CollectFailure | null;
}

/** One account: assume its role (kept fresh for long sweeps), then find its regions. */
async function openMember(target: OrganisationTarget, directory: Directory, management: AwsContext, ref: AccountRef, options: SessionOptions): Promise<Member> {
  const roleArn = roleArnOf(target, ref);
  const assume = async (): Promise<TemporaryCredentials> => {
    const out = await send(management, management.clients.sts(management.clients.defaultRegion), new AssumeRoleCommand({
      RoleArn: roleArn, RoleSessionName: "agpm", ...(ref.externalId ? { ExternalId: ref.externalId } : {}),
    }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new AgpmError("AWS_ERROR", `AssumeRole ${roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
  };
  let clients: AwsClients | undefined;
  try {
    // Assumed once now, so an account that refuses is known before any collection.
    let first: TemporaryCredentials | undefined = await assume();
    const credentials = async () => {
      const given = first;
      first = undefined;
      return given ?? assume();
    };
    clients = directory.member(ref.id, credentials);
    const ctx = createAwsContext({ clients, regions: [], account: ref.id, ...options });
    ctx.regions = target.type === "aws" && target.regions ? [...new Set(target.regions)] : await resolveRegions(ctx);
    return { ref, ctx, failure: null };
  } catch (e) {
    clients?.destroy();
    const message = `could not open the account through role ${roleArn}: ${errorMessage(e)}`;
    options.onProgress?.({ type: "collect-failed", kind: "*", region: ref.id, message });
    // The partition slot names the account: the failure is the whole root's, in every region.
    return { ref, ctx: null, failure: { kind: "*", region: ref.id, root: ref.id, code: isAgpmError(e) ? e.code : "AWS_ERROR", awsError: awsErrorName(e) ?? null, message } };
  }
}

const located = (kind: string, partition: string, id: string) => `${kind}\u0000${partition}\u0000${id}`;

/**
 * Opens every account of an organisation target.
 * @throws AgpmError when the organisation itself cannot be read (an empty folder, ListAccounts refused);
 * an account that cannot be opened is not thrown: its root reports a collection failure.
 */
export async function openOrganisation(target: OrganisationTarget, options: SessionOptions = {}): Promise<OpenedTarget> {
  const directory = target.type === "sandbox-org" ? sandboxDirectory(target) : liveDirectory(target);
  const management = createAwsContext({ clients: directory.management, regions: [], account: "", ...options });
  const members: Member[] = [];
  try {
    const refs = Array.isArray(target.accounts) ? target.accounts : await listOrganisation(management);
    // The management context's limiter bounds the AssumeRole calls, as it bounds any account's calls.
    members.push(...(await Promise.all(refs.map((ref) => openMember(target, directory, management, ref, options)))));
  } catch (e) {
    directory.management.destroy();
    throw e;
  }
  const open = members.flatMap((m) => (m.ctx ? [{ ref: m.ref, ctx: m.ctx }] : []));
  const ctxOf = new Map(open.map((m) => [m.ref.id, m.ctx]));
  const partitions = [...new Set(open.flatMap((m) => m.ctx.regions))].sort();
  // Which root a resource was read from, for a re-read that does not say (collectOne without root).
  const seenIn = new Map<string, string>();

  async function collect(kinds: readonly string[], filter: { regions?: readonly string[]; roots?: readonly string[] } = {}): Promise<Inventory> {
    const roots = filter.roots ? new Set(filter.roots) : null;
    const chosen = members.filter((m) => !roots || roots.has(m.ref.id));
    const failures: CollectFailure[] = chosen.flatMap((m) => (m.failure ? [m.failure] : []));
    const wanted = filter.regions ? new Set(filter.regions) : null;
    for (const region of wanted ?? []) {
      if (!partitions.includes(region)) {
        failures.push({ kind: "*", region, code: "INPUT_INVALID", awsError: null, message: `region ${region} is not enabled in any of the organisation's accounts (${partitions.join(", ")})` });
      }
    }
    const reads = chosen.flatMap((m) => {
      if (!m.ctx) return [];
      const regions = wanted ? m.ctx.regions.filter((r) => wanted.has(r)) : null;
      // An account without any of the regions asked has nothing to read there.
      if (regions?.length === 0) return [];
      return [collectAll(m.ctx, kinds, regions ? { regions } : {}).then((inv) => ({ root: m.ref.id, inv }))];
    });
    const resources: Resource[] = [];
    for (const { root, inv } of await Promise.all(reads)) {
      for (const r of inv.resources) seenIn.set(located(r.kind, r.region, r.id), root);
      resources.push(...inv.resources);
      failures.push(...inv.failures.map((f) => ({ ...f, root })));
    }
    return { resources, failures };
  }

  async function collectOneIn(kind: string, id: string, partition: string, root?: string): Promise<Resource | null> {
    const known = root ?? seenIn.get(located(kind, partition, id));
    if (known !== undefined) {
      const ctx = ctxOf.get(known);
      if (!ctx) throw new AgpmError("INPUT_INVALID", `account ${known} is not one of this session's open accounts`);
      return collectOne(ctx, kind, id, partition);
    }
    // Never collected in this session (a run resumed after approval): the first account that has it.
    for (const m of open) {
      if (!m.ctx.regions.includes(partition)) continue;
      const found = await collectOne(m.ctx, kind, id, partition);
      if (found) return found;
    }
    return null;
  }

  const first = open[0]?.ctx ?? management;
  return {
    ctx: first,
    root: () => members[0]?.ref.id ?? "",
    partitions: () => partitions,
    roots: (): SessionRoot[] => members.map((m) => ({
      root: m.ref.id, partitions: m.ctx ? [...m.ctx.regions] : [], target: directory.alone(m.ref), error: m.failure?.message ?? null,
    })),
    collect,
    collectOne: collectOneIn,
    contextOf: (resource) => ctxOf.get(resource.location?.root ?? resource.account) ?? first,
    actions: (kind) => actionsForKind(kind),
    describe: directory.describe(members.length, members.length - open.length, partitions),
    close: () => {
      for (const m of open) m.ctx.clients.destroy();
      directory.management.destroy();
    },
  };
}
