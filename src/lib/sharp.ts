import type Sharp from "sharp";

let loaded: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips), loaded on first use: importing it adds ~90 MB of RSS and start-up time that a box
 * which is not rendering should not pay. Renders make each large image once, so libvips' operation cache
 * (which would only hold on to memory) is off.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import("sharp").then((m) => {
    m.default.cache(false);
    return m.default;
  });
  return loaded;
}
