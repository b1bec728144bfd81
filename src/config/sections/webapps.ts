import { int } from "../option";

/** Web apps the user markets. */
export const webapps = {
  logo_max_bytes: int({
    default: 2_000_000,
    min: 10_000,
    max: 20_000_000,
    doc: "Largest logo file accepted on upload (PNG, JPEG, SVG or WebP).",
  }),
};
