import { bool } from "../option";

/** Counting the audience's clicks on this box, with no third-party tracker. */
export const tracking = {
  short_links: bool({
    default: true,
    doc: "Give each post's link a short link on this box (<public_base_url>/r/<code>) that counts clicks; only used when public_base_url is reachable from the internet.",
  }),
};
