import type { AccountRow } from "./store";

/** What an account may do now, given its billing state, and the banner that says why when it may not do everything. */
export interface Standing {
  /** New work: web apps, runs, renders, connections, uploads. */
  mayWork: boolean;
  /** Scheduled posts go out. */
  mayPublish: boolean;
  banner?: string;
}

const DAY_MS = 86_400_000;

/**
 * Maps a subscription's state to what the account may do. trialing/active (and "none", an account on its starting
 * plan before any payment): everything. past_due: everything for `graceDays` with a banner, then the nightly run and
 * publishing pause. unpaid: paused. canceled: read and export only. Suspended by the operator: read and export only.
 * Nothing is ever deleted by a state.
 */
export function standingOf(account: AccountRow | undefined, now: Date, graceDays: number): Standing {
  if (!account) return { mayWork: true, mayPublish: true };
  if (account.suspendedAt)
    return {
      mayWork: false,
      mayPublish: false,
      banner: "This account is suspended: you can read and export your data. Contact the operator.",
    };
  switch (account.status) {
    case "past_due": {
      const since = account.pastDueSince ?? now;
      const until = new Date(since.getTime() + graceDays * DAY_MS);
      if (now < until)
        return {
          mayWork: true,
          mayPublish: true,
          banner: `Your last payment failed. Update your card by ${until.toISOString().slice(0, 10)} or the nightly run and publishing pause.`,
        };
      return {
        mayWork: false,
        mayPublish: false,
        banner: "Your payment is overdue: the nightly run and publishing are paused (nothing was deleted). Update your card to resume.",
      };
    }
    case "unpaid":
      return {
        mayWork: false,
        mayPublish: false,
        banner:
          "Your subscription is unpaid: the nightly run and publishing are paused (nothing was deleted). Pay the open invoice to resume.",
      };
    case "canceled":
    case "incomplete_expired":
      return {
        mayWork: false,
        mayPublish: false,
        banner: "Your subscription has ended: you can read and export everything. Subscribe again to resume.",
      };
    default:
      return { mayWork: true, mayPublish: true };
  }
}
