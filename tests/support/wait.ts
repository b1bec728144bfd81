/** Waits until `done()` holds (checked every 10 ms); fails naming `what` after `ms`. For events, never for a fixed time. */
export async function until(done: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await Bun.sleep(10);
  }
}
