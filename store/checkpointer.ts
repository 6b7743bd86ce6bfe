// LangGraph checkpoints in the store's SQLite file, so an approval pause survives a restart.
import { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type {
  ChannelVersions, Checkpoint, CheckpointListOptions, CheckpointMetadata, CheckpointTuple, PendingWrite,
} from "@langchain/langgraph-checkpoint";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { RunnableConfig } from "@langchain/core/runnables";
import { AgpmError, errorMessage } from "../core/errors.js";
import { openSqliteFile } from "./sqlite.js";

/** Runs `operation` while no store transaction is open in this process (see StoreCheckpointer). */
export type Exclusive = <T>(operation: () => Promise<T>) => Promise<T>;

const unguarded: Exclusive = (operation) => operation();

/**
 * `SqliteSaver` on its own connection, with every call passed through `exclusive`.
 *
 * Why: SQLite has one writer per file, and better-sqlite3 waits for a lock synchronously.
 * A store transaction spans awaits (e.g. a 20,000-finding insert), so a checkpoint write on
 * another connection of the same process would block the thread the transaction needs to
 * finish — a stall of the whole busy timeout, then "database is locked". The store passes
 * its own connection lock as `exclusive`, so checkpoint writes wait (asynchronously) instead.
 */
export class StoreCheckpointer extends BaseCheckpointSaver {
  readonly #saver: SqliteSaver;
  readonly #exclusive: Exclusive;

  constructor(saver: SqliteSaver, exclusive: Exclusive = unguarded) {
    super(saver.serde);
    this.#saver = saver;
    this.#exclusive = exclusive;
  }

  getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.#exclusive(() => this.#saver.getTuple(config));
  }

  async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    // Collected under the lock so no store transaction can interleave with the read-and-setup.
    const tuples = await this.#exclusive(async () => {
      const collected: CheckpointTuple[] = [];
      for await (const tuple of this.#saver.list(config, options)) collected.push(tuple);
      return collected;
    });
    yield* tuples;
  }

  put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, _newVersions: ChannelVersions): Promise<RunnableConfig> {
    return this.#exclusive(() => this.#saver.put(config, checkpoint, metadata));
  }

  putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    return this.#exclusive(() => this.#saver.putWrites(config, writes, taskId));
  }

  deleteThread(threadId: string): Promise<void> {
    return this.#exclusive(() => this.#saver.deleteThread(threadId));
  }

  /** Closes the connection; harmless if already closed. */
  close(): void {
    if (this.#saver.db.open) this.#saver.db.close();
  }
}

/**
 * A checkpointer on `file` (tables `checkpoints` and `writes`, beside the store's), with the
 * store's WAL and busy-timeout settings. In a process that also has a Store open on the file,
 * use `store.checkpointer` instead, which is this plus the store's connection lock.
 * @example
 * const checkpointer = createCheckpointer(".agpm/agpm.db");
 * const graph = builder.compile({ checkpointer });
 * // … later: checkpointer.close();
 */
export function createCheckpointer(file: string, options: { exclusive?: Exclusive } = {}): StoreCheckpointer {
  try {
    return new StoreCheckpointer(new SqliteSaver(openSqliteFile(file)), options.exclusive);
  } catch (cause) {
    throw new AgpmError("STORE_ERROR", `cannot open checkpoints at ${file}: ${errorMessage(cause)}`, { cause, details: { file } });
  }
}
