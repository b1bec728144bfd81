import type { Db } from "../db/client";
import { localMinutes } from "../lib/zoned-time";
import type { PlatformId } from "../platforms/ids";
import { platformModel } from "./estimate";
import { loadModel } from "./load";
import { movedReason } from "./reasons";
import { SlotClock } from "./slots";

/** The reason that replaces the planner's when a person moves a post to `at`: what the app's own data says of that time. */
export function reasonForMove(db: Db, item: { webappId: number; platform: PlatformId }, at: Date, timezone: string): string {
  const model = loadModel(db, { id: item.webappId, timezone });
  const slot = new SlotClock(timezone).slotOf(at);
  return movedReason(platformModel(model, item.platform), {
    weekday: slot.weekday,
    window: slot.window,
    minute: localMinutes(at, timezone),
  });
}
