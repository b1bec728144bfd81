import { existsSync } from "node:fs";
import type { AppContext } from "../app/context";

/** The two font files the studio sets text in. */
export interface Fonts {
  bold: string;
  regular: string;
}

/** A font file that is not there: names the file and the config key to fix. */
export class MissingFontError extends Error {}

/** Checks the configured font files exist and returns them; throws a MissingFontError naming the key otherwise. */
export function resolveFonts(ctx: Pick<AppContext, "config">): Fonts {
  const { font_bold, font_regular } = ctx.config.media;
  for (const [key, path] of [
    ["media.font_bold", font_bold],
    ["media.font_regular", font_regular],
  ] as const) {
    if (!path || !existsSync(path))
      throw new MissingFontError(
        `font file not found: ${path || "(empty)"} (config ${key}); install fonts-dejavu-core or point ${key} at a .ttf file`,
      );
  }
  return { bold: font_bold, regular: font_regular };
}

const families = new Map<string, string>();

/** Pango's family name for a font file (read with fc-query), which sharp needs next to `fontfile`. */
export function fontFamily(path: string): string {
  let name = families.get(path);
  if (name === undefined) {
    const out = Bun.spawnSync(["fc-query", "-f", "%{family[0]}", path]);
    name = out.exitCode === 0 ? out.stdout.toString().trim() : "";
    if (!name)
      throw new MissingFontError(`cannot read the font file ${path}; point media.font_bold / media.font_regular at a .ttf or .otf file`);
    families.set(path, name);
  }
  return name;
}
