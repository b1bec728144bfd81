import type { PlatformId } from "../../platforms/ids";

/**
 * Good local posting times per platform, best first ([hour, minute] in the audience's time zone),
 * from the platforms' published engagement studies. Weekend times differ where the studies say so.
 */
export const BEST_TIMES: Record<PlatformId, { weekday: [number, number][]; weekend: [number, number][] }> = {
  youtube: {
    weekday: [
      [15, 0],
      [12, 30],
      [19, 0],
    ],
    weekend: [
      [11, 0],
      [15, 0],
      [19, 0],
    ],
  },
  tiktok: {
    weekday: [
      [19, 0],
      [12, 0],
      [9, 0],
    ],
    weekend: [
      [11, 0],
      [19, 30],
      [15, 0],
    ],
  },
  instagram: {
    weekday: [
      [11, 0],
      [13, 0],
      [19, 0],
    ],
    weekend: [
      [10, 0],
      [13, 0],
      [18, 0],
    ],
  },
  facebook: {
    weekday: [
      [9, 0],
      [13, 0],
      [15, 0],
    ],
    weekend: [
      [10, 0],
      [12, 0],
      [16, 0],
    ],
  },
  x: {
    weekday: [
      [9, 0],
      [12, 0],
      [17, 0],
    ],
    weekend: [
      [10, 0],
      [13, 0],
      [17, 0],
    ],
  },
  linkedin: {
    weekday: [
      [8, 30],
      [10, 0],
      [12, 0],
    ],
    weekend: [
      [10, 0],
      [13, 0],
      [17, 0],
    ],
  },
};
