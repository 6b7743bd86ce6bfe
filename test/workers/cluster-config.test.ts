// Redis Cluster settings without a cluster: how a redis+cluster:// URL is read, and the queue
// prefix rule (a hash tag on a cluster; an existing single-Redis deployment keeps "agpm").
import { describe, expect, it } from "vitest";
import { hashTagOf, loadConfig } from "../../core/config.js";
import { parseClusterUrl, queuePrefix, redactRedisUrl } from "../../client/connection.js";

describe("a redis+cluster:// URL", () => {
  it("lists the seed nodes (IPv6 in brackets, port 6379 when absent) and the password every node shares", () => {
    expect(parseClusterUrl("redis+cluster://:s%40cret@10.0.0.1:7000,[::1]:7001,redis-c/")).toEqual({
      nodes: [{ host: "10.0.0.1", port: 7000 }, { host: "::1", port: 7001 }, { host: "redis-c", port: 6379 }],
      redisOptions: { password: "s@cret" },
    });
  });

  it("turns on TLS for rediss+cluster:// and carries an ACL user", () => {
    expect(parseClusterUrl("rediss+cluster://agpm:pw@cache.internal:6380")).toEqual({
      nodes: [{ host: "cache.internal", port: 6380 }],
      redisOptions: { username: "agpm", password: "pw", tls: {} },
    });
  });

  it.each([
    ["a database number (a cluster has only database 0)", "redis+cluster://h:7000/2"],
    ["a port that is not a number", "redis+cluster://h:abc"],
    ["an empty node", "redis+cluster://h:7000,,h:7001"],
  ])("is refused with CONFIG_INVALID for %s", (_what, url) => {
    expect(() => parseClusterUrl(url)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });

  it("hides the password in messages", () => {
    expect(redactRedisUrl("redis+cluster://:secret@h:7000,h:7001")).toBe("redis+cluster://***@h:7000,h:7001");
  });
});

describe("the queue prefix", () => {
  it("stays agpm on a single Redis, so an existing deployment's queued jobs and schedules are not orphaned", () => {
    expect(loadConfig({}).queuePrefix).toBe("agpm");
    expect(loadConfig({ REDIS_URL: "redis://10.0.0.1:6379" }).queuePrefix).toBe("agpm");
    expect(queuePrefix({ url: "redis://10.0.0.1:6379" })).toBe("agpm");
  });

  it("is the hash tag {agpm} on a cluster unless set", () => {
    expect(loadConfig({ REDIS_URL: "redis+cluster://h:7000" }).queuePrefix).toBe("{agpm}");
    expect(queuePrefix({ url: "redis+cluster://h:7000" })).toBe("{agpm}");
    expect(loadConfig({ REDIS_URL: "redis+cluster://h:7000", AGPM_QUEUE_PREFIX: "{prod}:agpm" }).queuePrefix).toBe("{prod}:agpm");
  });

  it.each(["agpm", "{}agpm", "agpm}{"])("must hold a hash tag on a cluster: %s is refused", (prefix) => {
    expect(() => loadConfig({ REDIS_URL: "redis+cluster://h:7000", AGPM_QUEUE_PREFIX: prefix })).toThrow(/queuePrefix: .* has no hash tag; on Redis Cluster use one such as "\{agpm\}"/);
    expect(() => queuePrefix({ url: "redis+cluster://h:7000", prefix })).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });

  it("finds the hash tag the way Redis does: the first {…} with something inside", () => {
    expect(hashTagOf("{agpm}:intents:1")).toBe("agpm");
    expect(hashTagOf("prod{agpm}:x{y}")).toBe("agpm");
    expect(hashTagOf("{}{agpm}")).toBeNull();
    expect(hashTagOf("agpm:intents")).toBeNull();
  });
});
