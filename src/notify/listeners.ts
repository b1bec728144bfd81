import type { AppContext } from "../app/context";
import { registerAlertListeners } from "./alerts";
import { registerDigestListeners } from "./digest";

/** Every notification listener (digests on "batch.ready", alerts on failures): the server and each CLI command that works call this once. */
export function registerNotificationListeners(ctx: AppContext): void {
  registerDigestListeners(ctx);
  registerAlertListeners(ctx);
}
