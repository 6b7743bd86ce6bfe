// Policies: the list, one policy (any version) in plain words, its versions and the diff between two.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { explainPolicy } from "../../engine/explain.js";
import { findKind } from "../../engine/registry.js";
import { PolicySchema, PolicyStatusSchema, type Policy } from "../../contracts/policy.js";
import { diffPolicies } from "../../engine/version.js";
import { PolicySummarySchema } from "../../store/records.js";
import type { ApiDeps } from "../deps.js";
import { addRoute } from "../route.js";

const noun = (kind: string) => findKind(kind)?.noun ?? kind;
const PolicyParamsSchema = z.strictObject({ id: z.string().min(1).max(200) });
const Version = z.coerce.number().int().positive();

const PolicyChangeSchema = z.object({
  change: z.enum(["title-changed", "mode-changed", "schedule-changed", "scope-changed", "rule-added", "rule-removed", "rule-changed", "exemption-added", "exemption-removed"]),
  ruleId: z.string().optional(),
  field: z.string().optional(),
  text: z.string().describe("the change in a sentence"),
});

export async function policyRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  const { policies } = deps.store;

  async function policyOrThrow(id: string, version?: number): Promise<Policy> {
    const policy = await policies.getPolicy(id, version);
    if (!policy) throw new AgpmError("POLICY_NOT_FOUND", `no policy ${id}${version ? ` v${version}` : ""}`);
    return policy;
  }

  addRoute(app, {
    method: "GET",
    url: "/v1/policies",
    operationId: "listPolicies",
    summary: "Every policy at its current version",
    tags: ["policies"],
    access: "viewer",
    query: z.strictObject({ status: PolicyStatusSchema.optional() }),
    responses: { 200: { description: "policies, by id", schema: z.object({ items: z.array(PolicySummarySchema) }) } },
    handler: async ({ query }) => {
      const all = await policies.listPolicies();
      return { items: query.status ? all.filter((p) => p.status === query.status) : all };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/v1/policies/:id",
    operationId: "getPolicy",
    summary: "A policy (latest version, or ?version=N) and what it says in plain words",
    tags: ["policies"],
    access: "viewer",
    params: PolicyParamsSchema,
    query: z.strictObject({ version: Version.optional() }),
    responses: {
      200: { description: "the policy", schema: z.object({ policy: PolicySchema, explanation: z.string() }) },
      404: { description: "no such policy or version" },
    },
    handler: async ({ params, query }) => {
      const policy = await policyOrThrow(params.id, query.version);
      return { policy, explanation: explainPolicy(policy, noun) };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/v1/policies/:id/versions",
    operationId: "listPolicyVersions",
    summary: "Every version of a policy, oldest first, with what each changed",
    tags: ["policies"],
    access: "viewer",
    params: PolicyParamsSchema,
    responses: {
      200: {
        description: "versions",
        schema: z.object({
          id: z.string(),
          versions: z.array(z.object({
            version: z.number().int(), createdAt: z.string(), createdBy: z.string(), intent: z.string(), title: z.string(),
            mode: z.string(), changes: z.array(z.string()).describe("what this version changed from the one before"),
          })),
        }),
      },
      404: { description: "no such policy" },
    },
    handler: async ({ params }) => {
      const history = await policies.history(params.id);
      if (history.length === 0) throw new AgpmError("POLICY_NOT_FOUND", `no policy ${params.id}`);
      return {
        id: params.id,
        versions: history.map((entry, i) => {
          const previous = history[i - 1];
          return {
            version: entry.version, createdAt: entry.createdAt, createdBy: entry.createdBy, intent: entry.policy.intent,
            title: entry.policy.title, mode: entry.policy.mode,
            changes: previous ? diffPolicies(previous.policy, entry.policy).map((c) => c.text) : ["created"],
          };
        }),
      };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/v1/policies/:id/diff",
    operationId: "diffPolicyVersions",
    summary: "What changed between two versions of a policy",
    description: "to defaults to the current version, from to the one before to.",
    tags: ["policies"],
    access: "viewer",
    params: PolicyParamsSchema,
    query: z.strictObject({ from: Version.optional(), to: Version.optional() }),
    responses: {
      200: { description: "the changes, in sentences", schema: z.object({ id: z.string(), from: z.number().int(), to: z.number().int(), changes: z.array(PolicyChangeSchema) }) },
      404: { description: "no such policy or version" },
    },
    handler: async ({ params, query }) => {
      const to = await policyOrThrow(params.id, query.to);
      const fromVersion = query.from ?? to.version - 1;
      if (fromVersion < 1) {
        throw new AgpmError("INPUT_INVALID", "query.from: version 1 has no version before it; pass from", { details: { issues: [{ path: "query.from", message: "version 1 has no version before it" }] } });
      }
      const from = await policyOrThrow(params.id, fromVersion);
      return { id: params.id, from: from.version, to: to.version, changes: diffPolicies(from, to) };
    },
  });
}
