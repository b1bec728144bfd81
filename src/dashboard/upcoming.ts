import type { NavId } from "../../views/layout/page";

/** A section of the app that is not built yet: its path, sidebar id, title and one sentence of what will be there. */
export interface UpcomingSection {
  path: string;
  nav: NavId;
  title: string;
  summary: string;
}

/**
 * Sections that show an honest "not built yet" page. When a section is built, remove its entry here
 * and register its real routes in src/server/app.ts.
 */
export const UPCOMING_SECTIONS: UpcomingSection[] = [];
