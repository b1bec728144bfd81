import { bool } from "../option";

/** Running behind a reverse proxy. */
export const proxy = {
  trust_forwarded_for: bool({
    default: false,
    doc: "Take the client address (for login throttling) from the last X-Forwarded-For entry. Only enable behind a reverse proxy you run that sets it; otherwise anyone can forge it.",
  }),
};
