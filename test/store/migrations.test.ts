import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest, openMemoryStore, openStore } from "../../store/index.js";
import { samplePolicy, tempDbFile, tempLocation, testDatabaseUrl } from "./helpers.js";
import type { TempLocation } from "./helpers.js";

let temp: ReturnType<typeof tempDbFile>;
beforeEach(() => {
  temp = tempDbFile();
});
afterEach(() => temp.cleanup());

describe("when the store is a SQLite file", () => {
  it("creates the parent folders and the file", async () => {
    const store = await openStore({ file: temp.file });
    await store.close();
    expect(existsSync(temp.file)).toBe(true);
  });

  it("uses WAL journaling and a busy timeout", async () => {
    const store = await openStore({ file: temp.file });
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db);
      expect(journal.rows[0]?.journal_mode).toBe("wal");
      expect(timeout.rows[0]?.timeout).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it("opens an existing file again without re-running migrations or losing data", async () => {
    const first = await openStore({ file: temp.file });
    await first.policies.createPolicy(samplePolicy(), "alice");
    await first.close();

    const second = await openStore({ file: temp.file });
    try {
      expect(await migrateToLatest(second.db)).toEqual([]);
      expect((await second.policies.getPolicy("s3-private"))?.title).toBe("S3 buckets are private");
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(second.db);
      expect(applied.rows.map((row) => row.name)).toEqual(["0001_initial", "0002_history", "0003_tokens", "0004_location", "0005_audit_location", "0006_run_findings", "0007_states_by_root"]);
    } finally {
      await second.close();
    }
  });

  it("refuses a path that cannot be a database with STORE_ERROR", async () => {
    // The temp folder itself is a directory, not a file SQLite can open.
    await expect(openStore({ file: temp.dir })).rejects.toMatchObject({ code: "STORE_ERROR" });
  });

  it("keeps in-memory stores private to each other", async () => {
    const a = await openMemoryStore();
    const b = await openMemoryStore();
    try {
      await a.policies.createPolicy(samplePolicy(), "alice");
      expect(await b.policies.listPolicies()).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("when the store is on PostgreSQL", () => {
  let place: TempLocation;
  beforeEach(() => {
    place = tempLocation("postgres");
  });
  afterEach(() => place.cleanup());

  it("creates its schema and reopens without re-running migrations or losing data", async () => {
    const first = await openStore(place.location);
    await first.policies.createPolicy(samplePolicy(), "alice");
    await first.close();

    const second = await openStore(place.location);
    try {
      const schema = "schema" in place.location ? place.location.schema : undefined;
      expect(await migrateToLatest(second.db, { schema })).toEqual([]);
      expect((await second.policies.getPolicy("s3-private"))?.title).toBe("S3 buckets are private");
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(second.db);
      expect(applied.rows.map((row) => row.name)).toEqual(["0001_initial", "0002_history", "0003_tokens", "0004_location", "0005_audit_location", "0006_run_findings", "0007_states_by_root"]);
    } finally {
      await second.close();
    }
  });

  it("migrates once when many openers start on a fresh schema at the same moment", async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(place.location)));
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(stores[0]!.db);
      expect(applied.rows.map((row) => row.name)).toEqual(["0001_initial", "0002_history", "0003_tokens", "0004_location", "0005_audit_location", "0006_run_findings", "0007_states_by_root"]);
      await stores[1]!.policies.createPolicy(samplePolicy(), "alice");
      expect((await stores[5]!.policies.getPolicy("s3-private"))?.version).toBe(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("keeps stores in different schemas of one database apart", async () => {
    const other = tempLocation("postgres");
    const [a, b] = [await openStore(place.location), await openStore(other.location)];
    try {
      await a.policies.createPolicy(samplePolicy(), "alice");
      expect(await b.policies.listPolicies()).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await other.cleanup();
    }
  });

  it("refuses an unreachable server or an unsafe schema name with STORE_ERROR", async () => {
    await expect(openStore({ databaseUrl: "postgres://postgres@127.0.0.1:1/test" })).rejects.toMatchObject({ code: "STORE_ERROR" });
    await expect(openStore({ databaseUrl: testDatabaseUrl(), schema: 'x"; drop table y; --' })).rejects.toMatchObject({
      code: "STORE_ERROR",
    });
  });
});
