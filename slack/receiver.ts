// A Bolt receiver fed by Fastify routes: the route verifies and parses the request, hands the
// body to Bolt, and answers Slack with whatever the listener acknowledged — or with an empty 200
// when no listener acknowledges in time, since Slack gives up after 3 seconds.
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { AgpmError, errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";

export interface Acknowledgement {
  acknowledged: boolean;
  /** What the listener passed to ack(): a message for slash commands, nothing for button clicks. */
  response: unknown;
}

export interface DispatchOptions {
  /** Answer without an acknowledgement after this long. */
  ackTimeoutMs: number;
}

export class FastifyReceiver implements Receiver {
  private app: App | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  init(app: App): void {
    this.app = app;
  }

  /** Fastify owns the socket; there is nothing to start. */
  async start(): Promise<void> {}

  /** Waits for Bolt's listeners still running (they return soon after acknowledging). */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs a verified request through Bolt; resolves as soon as a listener acknowledges it. */
  async dispatch(body: Record<string, unknown>, options: DispatchOptions): Promise<Acknowledgement> {
    const app = this.app;
    if (!app) throw new AgpmError("INTERNAL", "the Slack receiver has no Bolt app");
    let settle!: (value: Acknowledgement) => void;
    const acknowledged = new Promise<Acknowledgement>((resolve) => {
      settle = resolve;
    });
    let answered = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (answered) {
          this.logger.warn("Slack request acknowledged after its answer was sent; ignored");
          return;
        }
        answered = true;
        settle({ acknowledged: true, response });
      },
    };
    const processing = app.processEvent(event).catch((error: unknown) => {
      this.logger.error({ err: errorMessage(error) }, "Slack request failed in Bolt");
    });
    this.inFlight.add(processing);
    void processing.finally(() => this.inFlight.delete(processing));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Acknowledgement>((resolve) => {
      timer = setTimeout(() => resolve({ acknowledged: false, response: undefined }), options.ackTimeoutMs);
    });
    // A listener that finished (or failed) without acknowledging gets no answer body either.
    const finished = processing.then((): Acknowledgement => ({ acknowledged: false, response: undefined }));
    try {
      const result = await Promise.race([acknowledged, finished, timeout]);
      answered = true;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }
}
