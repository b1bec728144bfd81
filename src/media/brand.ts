import { existsSync } from "node:fs";
import { join, normalize } from "node:path";
import type { webapps } from "../db/schema/webapps";
import { parseHex, type Rgb } from "./color";

/** What the studio needs from a web app to dress its media. */
export interface Brand {
  name: string;
  /** How the voiceover says the name (the app's "say the name as"); empty when it is said as written. */
  sayNameAs: string;
  url: string;
  /** Primary and secondary colours (from brand colours, else the theme colour, else a calm default). */
  primary: Rgb;
  secondary: Rgb;
  /** Absolute path of the logo file, when the app has one on disk. */
  logoFile?: string;
  ogImageUrl?: string;
}

const DEFAULT_PRIMARY: Rgb = [37, 99, 235];

/** Builds the brand from a web app row; the logo path is relative to the media dir and must stay inside it. */
export function brandOf(app: typeof webapps.$inferSelect, mediaDir: string): Brand {
  const colors = [...app.brandColors, app.themeColor].map((c) => parseHex(c ?? "")).filter((c): c is Rgb => !!c);
  const primary = colors[0] ?? DEFAULT_PRIMARY;
  const secondary = colors[1] ?? shift(primary);
  const rel = normalize(app.logoPath || "");
  const logo = app.logoPath && !rel.startsWith("..") ? join(mediaDir, rel) : undefined;
  return {
    name: app.name,
    sayNameAs: app.sayNameAs,
    url: app.url,
    primary,
    secondary,
    logoFile: logo && existsSync(logo) ? logo : undefined,
    ogImageUrl: app.ogImageUrl || undefined,
  };
}

// A second colour from the first: rotate toward a deeper, cooler shade so gradients have depth.
function shift(c: Rgb): Rgb {
  return [Math.round(c[2] * 0.6), Math.round(c[0] * 0.5), Math.round(Math.min(255, c[1] * 0.7 + 60))];
}

/** The URL as people read it: host and path without the scheme, query or trailing slash. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return (u.host + u.pathname).replace(/\/$/, "");
  } catch {
    return url;
  }
}
