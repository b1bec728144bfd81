/** An sRGB colour as 0-255 channels. */
export type Rgb = [number, number, number];

/** Parses #rgb or #rrggbb; undefined when it is not a hex colour. */
export function parseHex(hex: string): Rgb | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

/** #rrggbb for a colour. */
export function toHex(c: Rgb): string {
  return (
    "#" +
    c
      .map((v) =>
        Math.round(Math.max(0, Math.min(255, v)))
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}

/** WCAG 2.x relative luminance. */
export function luminance(c: Rgb): number {
  const lin = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** WCAG contrast ratio between two colours (1-21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes a colour toward black (amount 0-1). */
export function darken(c: Rgb, amount: number): Rgb {
  return c.map((v) => v * (1 - amount)) as Rgb;
}

/**
 * Text colour for a background: white or black, whichever contrasts more. When even that misses
 * `min` (WCAG AA large text is 3, body 4.5), the background is darkened until white passes.
 */
export function readableOn(bg: Rgb, min = 4.5): { text: Rgb; background: Rgb; ratio: number } {
  const white: Rgb = [255, 255, 255];
  const black: Rgb = [0, 0, 0];
  const best = contrastRatio(white, bg) >= contrastRatio(black, bg) ? white : black;
  if (contrastRatio(best, bg) >= min) return { text: best, background: bg, ratio: contrastRatio(best, bg) };
  let b = bg;
  for (let i = 0; i < 20 && contrastRatio(white, b) < min; i++) b = darken(b, 0.1);
  return { text: white, background: b, ratio: contrastRatio(white, b) };
}
