import { int, str } from "../option";

/** The nightly agent pipeline. */
export const pipeline = {
  nightly_time: str({
    default: "02:00",
    pattern: /^([01]\d|2[0-3]):[0-5]\d$/,
    hint: "24-hour HH:MM, e.g. 02:00",
    doc: "Local time (in each user's timezone) after which the day's batch is generated.",
  }),
  research_max_pages: int({ default: 5, min: 0, max: 30, doc: "Same-origin pages read besides the home page when researching a web app." }),
  research_max_seconds: int({ default: 30, min: 2, max: 600, doc: "Time limit for reading one web app's site (all pages together)." }),
  feed_max_items: int({ default: 5, min: 0, max: 50, doc: "Newest items read from each RSS/Atom feed of a web app." }),
  concurrency: int({ default: 1, min: 1, max: 16, doc: "Pipeline runs executed at the same time." }),
};
