import { CAROUSEL_LIMITS } from "./carousel";
import type { PlatformId } from "./ids";
import { imageProblems } from "./images";
import type { PublishInput } from "./types";

/** Problems with a carousel's slide images for a platform: how many there are, and each file as an image post checks it. */
export function carouselProblems(input: PublishInput, platform: PlatformId, label: string, maxBytes: number, types?: string[]): string[] {
  const paths = input.imagePaths ?? [];
  const lim = CAROUSEL_LIMITS[platform];
  if (!lim) return [`${label} takes no carousels.`];
  if (paths.length < lim.min || paths.length > lim.max)
    return [
      `${label} carousels take ${lim.min} to ${lim.max} images; this one has ${paths.length} (render the media again or edit the slides).`,
    ];
  return paths.flatMap((p, i) => imageProblems({ ...input, imagePaths: [p] }, label, maxBytes, types).map((x) => `Slide ${i + 1}: ${x}`));
}
