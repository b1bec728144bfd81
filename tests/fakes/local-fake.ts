/** A platform fake's plumbing: one Bun.serve on 127.0.0.1 (random port) answering through `handle`. */
export abstract class LocalFake {
  private server!: ReturnType<typeof Bun.serve>;

  /** Answers one request as the platform would. */
  protected abstract handle(req: Request): Promise<Response>;

  /** Starts listening on 127.0.0.1, a random port. */
  start(): this {
    this.server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (r) => this.handle(r) });
    return this;
  }

  /** Stops the server. */
  stop(): void {
    this.server.stop(true);
  }

  /** The fake's origin. */
  get origin(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }
}
