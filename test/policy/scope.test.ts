import { describe, expect, it } from "vitest";
import { compileScope, globToRegExp, inScope, scopePartitions } from "../../engine/scope.js";
import { ScopeSchema } from "../../contracts/policy.js";
import { bucket, instance } from "./fixtures.js";

describe("when a scope selects resources", () => {
  it("selects everything when empty", () => {
    expect(inScope({}, bucket())).toBe(true);
  });

  it("selects by region", () => {
    expect(inScope({ regions: ["eu-west-1", "eu-central-1"] }, bucket())).toBe(true);
    expect(inScope({ regions: ["us-east-1"] }, bucket())).toBe(false);
  });

  it("selects by the location's partition, whatever the domain; regions are the AWS spelling of it", () => {
    const pod = bucket({ kind: "k8s.pod", region: "", account: "", location: { domain: "k8s", partition: "payments", root: "prod-cluster" } });
    expect(inScope({ partitions: ["payments"] }, pod)).toBe(true);
    expect(inScope({ partitions: ["billing"] }, pod)).toBe(false);
    expect(inScope({ partitions: ["eu-west-1"] }, bucket())).toBe(true);
    // A stored policy's regions and new partitions together: either list selects.
    expect(scopePartitions({ regions: ["eu-west-1"], partitions: ["payments", "eu-west-1"] })).toEqual(["eu-west-1", "payments"]);
    expect(scopePartitions({ tags: { env: "prod" } })).toBeUndefined();
    expect(ScopeSchema.parse({ regions: ["eu-west-1"] })).toEqual({ regions: ["eu-west-1"] });
  });

  it("requires every listed tag, a null value accepting any value", () => {
    const b = bucket({ tags: { env: "prod", owner: "payments" } });
    expect(inScope({ tags: { env: "prod" } }, b)).toBe(true);
    expect(inScope({ tags: { env: "prod", owner: null } }, b)).toBe(true);
    expect(inScope({ tags: { env: "prod", team: null } }, b)).toBe(false);
    expect(inScope({ tags: { env: "dev" } }, b)).toBe(false);
    expect(inScope({ tags: { env: "Prod" } }, b)).toBe(false);
  });

  it("matches name globs against id or name, ignoring case", () => {
    const i = instance({ id: "i-0abc", name: "API-1" });
    expect(inScope({ names: ["api-*"] }, i)).toBe(true);
    expect(inScope({ names: ["i-0a?c"] }, i)).toBe(true);
    expect(inScope({ names: ["i-0a?"] }, i)).toBe(false);
    expect(inScope({ names: ["web-*", "db-*"] }, i)).toBe(false);
    expect(inScope({ names: ["api-*"] }, instance({ name: null, id: "i-1" }))).toBe(false);
  });

  it("treats regex characters in globs literally", () => {
    expect(globToRegExp("a.b+(c)").test("a.b+(c)")).toBe(true);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
    expect(globToRegExp("logs-*").test("logs-\nx")).toBe(true);
  });

  it("excludes resources carrying any excluded tag or matching an excluded name", () => {
    const scope = { regions: ["eu-west-1"], exclude: { tags: { exempt: null, env: "dev" }, names: ["*-sandbox"] } };
    const selected = compileScope(scope);
    expect(selected(bucket({ id: "app-logs", tags: { env: "prod" } }))).toBe(true);
    expect(selected(bucket({ tags: { env: "prod", exempt: "yes" } }))).toBe(false);
    expect(selected(bucket({ tags: { env: "dev" } }))).toBe(false);
    expect(selected(bucket({ id: "team-sandbox", name: "team-sandbox" }))).toBe(false);
    expect(selected(bucket({ region: "us-east-1" }))).toBe(false);
  });

  it("combines all conditions", () => {
    const scope = { regions: ["eu-west-1"], tags: { env: "prod" }, names: ["app-*"] };
    expect(inScope(scope, bucket())).toBe(true);
    expect(inScope(scope, bucket({ id: "billing", name: "billing" }))).toBe(false);
    expect(inScope(scope, bucket({ tags: {} }))).toBe(false);
  });
});
