/** Events one part of the app raises and others react to (in process). */
export interface AppEvents {
  /** A batch finished the pipeline and its items wait for approval. */
  "batch.ready": { batchId: number; userId: number; webappId: number };
  /** An item failed to publish or needs a check; the user must be told. */
  "content.attention": { itemId: number; userId: number; reason: string };
  /** A platform connection needs the user to reconnect. */
  "connection.revoked": { connectionId: number; userId: number; platform: string; reason: string };
}

type Listener<K extends keyof AppEvents> = (payload: AppEvents[K]) => void | Promise<void>;

/** A small typed event bus; listener errors are reported, never thrown into the emitter. */
export class EventBus {
  private readonly listeners = new Map<keyof AppEvents, Listener<never>[]>();

  constructor(private readonly onError: (msg: string) => void = () => {}) {}

  /** Adds a listener. */
  on<K extends keyof AppEvents>(event: K, listener: Listener<K>): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(event, list);
  }

  /** Calls every listener; waits for async ones and reports their failures. */
  async emit<K extends keyof AppEvents>(event: K, payload: AppEvents[K]): Promise<void> {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        await (l as Listener<K>)(payload);
      } catch (e) {
        this.onError(`events: a ${event} listener failed: ${e instanceof Error ? e.message : e}`);
      }
    }
  }
}
