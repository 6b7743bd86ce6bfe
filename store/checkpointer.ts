// LangGraph checkpoints beside the store (its SQLite file or PostgreSQL schema), so an approval pause survives a restart.
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
 * A LangGraph saver (`SqliteSaver` on its own connection, or `PostgresSaver` on its own pool),
 * with every call passed through `exclusive`.
 *
 * Why: SQLite has one writer per file, and better-sqlite3 waits for a lock synchronously.
 * A store transaction spans awaits (e.g. a 20,000-finding insert), so a checkpoint write on
 * another connection of the same process would block the thread the transaction needs to
 * finish — a stall of the whole busy timeout, then "database is locked". The store passes
 * its own connection lock as `exclusive`, so checkpoint writes wait (asynchronously) instead.
 */
export class StoreCheckpointer extends BaseCheckpointSaver {
  readonly #saver: BaseCheckpointSaver;
  readonly #exclusive: Exclusive;
  readonly #release: () => Promise<void>;
  #closed: Promise<void> | undefined;

  /** `release` frees the saver's connection(s); it is called once, by close(). */
  constructor(saver: BaseCheckpointSaver, release: () => Promise<void>, exclusive: Exclusive = unguarded) {
    super(saver.serde);
    this.#saver = saver;
    this.#release = release;
    this.#exclusive = exclusive;
  }

  // Savers may number versions their own way (PostgresSaver uses strings); keep theirs.
  override getNextVersion(current: number | undefined): number {
    return this.#saver.getNextVersion(current);
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

  put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    // PostgresSaver stores only the channels named in newVersions, so they must be passed on.
    return this.#exclusive(() => this.#saver.put(config, checkpoint, metadata, newVersions));
  }

  putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    return this.#exclusive(() => this.#saver.putWrites(config, writes, taskId));
  }

  deleteThread(threadId: string): Promise<void> {
    return this.#exclusive(() => this.#saver.deleteThread(threadId));
  }

  /** Closes the connection(s); harmless if already closed. */
  close(): Promise<void> {
    return (this.#closed ??= this.#release());
  }
}

/**
 * A checkpointer on `file` (tables `checkpoints` and `writes`, beside the store's), with the
 * store's WAL and busy-timeout settings. In a process that also has a Store open on the file,
 * use `store.checkpointer` instead, which is this plus the store's connection lock.
 * @example
 * const checkpointer = createCheckpointer(".agpm/agpm.db");
 * const graph = builder.compile({ checkpointer });
 * // … later: await checkpointer.close();
 */
export function createCheckpointer(file: string, options: { exclusive?: Exclusive } = {}): StoreCheckpointer {
  try {
    const saver = new SqliteSaver(openSqliteFile(file));
    const release = async (): Promise<void> => {
      if (saver.db.open) saver.db.close();
    };
    return new StoreCheckpointer(saver, release, options.exclusive);
  } catch (cause) {
    throw new AgpmError("STORE_ERROR", `cannot open checkpoints at ${file}: ${errorMessage(cause)}`, { cause, details: { file } });
  }
}
