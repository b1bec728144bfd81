/** A bounded queue: at most `limit` tasks run at once, the rest wait in order (renders are CPU bound). */
export class RenderQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` when a slot is free; a waiting task whose signal aborts leaves the queue with an error. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener("abort", cancel);
          resolve();
        };
        const cancel = () => {
          const i = this.waiting.indexOf(go);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new Error("render cancelled while waiting in the queue"));
        };
        signal?.addEventListener("abort", cancel, { once: true });
        this.waiting.push(go);
      });
    } else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Tasks running and waiting now. */
  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

const queues = new WeakMap<object, RenderQueue>();

/** The render queue shared by everything holding the same app context. */
export function renderQueueFor(ctx: object, limit: number): RenderQueue {
  let q = queues.get(ctx);
  if (!q) queues.set(ctx, (q = new RenderQueue(limit)));
  return q;
}
