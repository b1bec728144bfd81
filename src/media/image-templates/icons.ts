/** Icons for feature cards, as 24x24 SVG path data (filled, even-odd), chosen by words of the feature. */
export const ICONS = {
  check: "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z",
  bolt: "M7 2v11h3v9l7-12h-4l4-8z",
  star: "M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z",
  clock: "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zm-1 5h2v5.4l4 2.3-1 1.7-5-2.9z",
  lock: "M6 10V8a6 6 0 0 1 12 0v2h1v12H5V10zm2 0h8V8a4 4 0 0 0-8 0z",
  list: "M3 5h2v2H3zm4 0h14v2H7zM3 11h2v2H3zm4 0h14v2H7zM3 17h2v2H3zm4 0h14v2H7z",
  chart: "M4 20h16v2H4zM5 10h3v8H5zm5.5-6h3v14h-3zM16 13h3v5h-3z",
  cart: "M7 18a2 2 0 1 0 0 4a2 2 0 1 0 0-4zm10 0a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM2 2h3.3l4 9h8.4l3.1-6H7.4l-.9-2H23l-4.6 10H8.6l-1.1 2H20v2H4.2l2.6-4.7L4 4H2z",
  users:
    "M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8zm0 2c-3.3 0-7 1.7-7 4v3h14v-3c0-2.3-3.7-4-7-4zm8-2a3 3 0 1 0 0-6a3 3 0 1 0 0 6zm1 2.1c1.8.5 4 1.5 4 3.9v3h-4v-3c0-1.5-.6-2.8-2-3.6z",
  quote: "M4 18h6v-6H7c0-2 1-4 3-4V5c-4 0-6 3-6 7zm10 0h6v-6h-3c0-2 1-4 3-4V5c-4 0-6 3-6 7z",
  sparkle: "M12 2l2.4 7.6L22 12l-7.6 2.4L12 22l-2.4-7.6L2 12l7.6-2.4z",
} as const;

/** One icon's name. */
export type IconName = keyof typeof ICONS;

const BY_WORD: [RegExp, IconName][] = [
  [/offline|instant|fast|speed|quick|second|sync|automat|mock|server/i, "bolt"],
  [/list|sort|organi[sz]e|group|collection|categor|aisle/i, "list"],
  [/tax|estimate|report|chart|analytic|insight|track|budget|invoice/i, "chart"],
  [/shop|cart|grocer|supermarket|buy|order|pantry|barcode/i, "cart"],
  [/team|family|share|user|collab|member|friend|portion/i, "users"],
  [/secur|private|privacy|sign-on|sso|lock|encrypt|safe/i, "lock"],
  [/time|minute|hour|alert|remind|schedule|week|day|before/i, "clock"],
  [/star|rating|review|award/i, "star"],
];

/** The icon whose words the text contains first, else one of two neutral icons by `variant`. */
export function iconFor(text: string, variant: number): IconName {
  return BY_WORD.find(([re]) => re.test(text))?.[1] ?? (variant % 2 ? "sparkle" : "check");
}
