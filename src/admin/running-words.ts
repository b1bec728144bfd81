// What each job kind does, in words, and what its key's first number names.
const WORDS: Record<string, { what: string; of?: string }> = {
  "media.render": { what: "render", of: "item" },
  "publish.item": { what: "publishing", of: "item" },
  "publish.first_comment": { what: "first comment", of: "item" },
  "content.regenerate": { what: "regeneration", of: "item" },
  "comment.reply": { what: "reply", of: "comment" },
  "pipeline.run": { what: "pipeline run", of: "web app" },
  "export.build": { what: "export" },
  "media.ledger_backfill": { what: "media ledger backfill" },
};

/**
 * A running job as the workers page shows it, from the registry's "<kind> <key>" ("media.render media:1" becomes
 * "render of item #1"); a kind it does not know keeps its name, with the key's first number as the job's id.
 */
export function runningJobInWords(entry: string): string {
  const space = entry.indexOf(" ");
  const kind = space < 0 ? entry : entry.slice(0, space);
  const key = space < 0 ? "" : entry.slice(space + 1);
  const id = /\d+/.exec(key)?.[0];
  const words = WORDS[kind];
  if (!words) return id ? `${kind} #${id}` : kind;
  if (!words.of || !id) return words.what;
  return `${words.what} of ${words.of} #${id}`;
}
