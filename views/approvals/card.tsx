import type { ContentItem } from "../../src/content/types";
import type { PlatformId } from "../../src/platforms/ids";
import type { CardAccount } from "../../src/approvals/account-store";
import { EDITABLE_STATES } from "../../src/model/content-states";
import { formatLocal } from "../../src/lib/format";
import { toDatetimeLocal } from "../../src/lib/zoned-time";
import { captionLength, composePostText, PLATFORM_RULES } from "../../src/platforms/rules";
import type { WorkProgress } from "../../src/lib/progress";
import { ProgressBar } from "../layout/progress";
import { MediaPreview } from "./media";
import { SlideFields, SlideStrip } from "./slides";
import { FirstCommentLine, ThreadEditFields, ThreadOrCaption } from "./thread";

/** What the edit form shows after a refused edit: the person's own text and the reason. */
export interface EditState {
  values: { caption: string; hashtags: string; title: string; plannedAt: string; thread?: string[]; firstComment?: string };
  error: string;
}

/** A message shown on a card after an action. */
export interface CardFlash {
  kind: "ok" | "error";
  text: string;
}

/** Human label of a state: "pending approval". */
export function statusLabel(status: string): string {
  if (status === "manual_ready") return "ready for manual posting";
  return status.replace(/_/g, " ");
}

/** The badge class for a state. */
export function statusClass(status: string): string {
  if (["approved", "scheduled", "published"].includes(status)) return "badge ok";
  if (["rejected", "failed", "expired", "needs_check"].includes(status)) return "badge danger";
  if (status === "pending_approval" || status === "manual_ready") return "badge warn";
  return "badge";
}

/** Who wrote the copy, as a label ("built-in writer"). */
export function writerLabel(writer: string): string {
  if (writer === "builtin" || writer === "") return writer === "" ? "writer unknown" : "built-in writer";
  return `written by ${writer}`;
}

/** The live character count of caption plus hashtags against the platform's limit. */
export function CharCount(props: { itemId: number; platform: string; caption: string; hashtags: string[] }): JSX.Element {
  const rules = PLATFORM_RULES[props.platform as PlatformId];
  const len = rules ? captionLength(rules.id, composePostText(props.caption, props.hashtags)) : [...props.caption].length;
  const max = rules?.captionMax ?? 0;
  const over = rules !== undefined && len > max;
  return (
    <span id={`count-${props.itemId}`} class={over ? "count over" : "count"} aria-live="polite" safe>
      {`${len} / ${max}${rules?.weightedCaption ? " (weighted)" : ""}${over ? ` · ${len - max} over the limit` : ""}`}
    </span>
  );
}

function PostForm(props: { action: string; itemId: number; csrf: string; children: JSX.Element; class?: string }): JSX.Element {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      hx-post={props.action}
      hx-target={`#item-${props.itemId}`}
      hx-swap="outerHTML"
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children as "safe"}
    </form>
  );
}

function EditForm(props: { item: ContentItem; csrf: string; timezone: string; edit?: EditState }): JSX.Element {
  const { item } = props;
  const v = props.edit?.values ?? {
    caption: item.caption,
    hashtags: item.hashtags.map((h) => `#${h}`).join(" "),
    title: item.title,
    plannedAt: item.plannedAt ? toDatetimeLocal(item.plannedAt, props.timezone) : "",
  };
  const countUrl = `/approval/items/${item.id}/count`;
  // A thread's posts are counted one by one; the joined caption's count would match nothing X receives.
  const threaded = item.threadPosts.length > 0;
  const live = threaded
    ? {}
    : { "hx-post": countUrl, "hx-trigger": "input changed delay:200ms", "hx-target": `#count-${item.id}`, "hx-swap": "outerHTML" };
  const usesTitle = PLATFORM_RULES[item.platform as PlatformId]?.titleMax !== undefined;
  return (
    <details class="edit" open={props.edit ? true : undefined}>
      <summary>Edit</summary>
      <PostForm action={`/approval/items/${item.id}/edit`} itemId={item.id} csrf={props.csrf} class="stack">
        <>
          {props.edit ? (
            <p class="field-error" role="alert" safe>
              {props.edit.error}
            </p>
          ) : (
            ""
          )}
          {item.threadPosts.length > 0 ? (
            ""
          ) : (
            <label>
              Caption
              <textarea name="caption" rows="5" {...live} safe>
                {v.caption}
              </textarea>
            </label>
          )}
          <ThreadEditFields item={item} thread={v.thread} firstComment={v.firstComment} />
          {threaded ? (
            ""
          ) : (
            <CharCount
              itemId={item.id}
              platform={item.platform}
              caption={v.caption}
              hashtags={v.hashtags
                .split(/[\s,]+/)
                .map((h) => h.replace(/^#+/, ""))
                .filter(Boolean)}
            />
          )}
          <label>
            Hashtags <span class="hint">separated by spaces</span>
            <input type="text" name="hashtags" value={v.hashtags} {...live} />
          </label>
          {usesTitle ? (
            <label>
              Title
              <input type="text" name="title" value={v.title} />
            </label>
          ) : (
            <input type="hidden" name="title" value={v.title} />
          )}
          <SlideFields item={item} />
          <label>
            Planned time <span class="hint" safe>{`in ${props.timezone}`}</span>
            <input type="datetime-local" name="plannedAt" value={v.plannedAt} />
          </label>
          <div class="actions">
            <button type="submit">Save changes</button>
          </div>
        </>
      </PostForm>
    </details>
  );
}

/** The account the post goes out as, next to the platform icon; `null` = not connected, `undefined` = not looked up. */
export function AccountTag(props: { account: CardAccount | null | undefined }): JSX.Element {
  const a = props.account;
  if (a === undefined) return "";
  if (a === null) return <span class="account muted">not connected — will be exported for manual posting</span>;
  return (
    <span class="account">
      {a.avatarUrl ? (
        <img src={a.avatarUrl} alt="" width="20" height="20" class="avatar avatar-sm" />
      ) : (
        <span class="avatar avatar-sm" aria-hidden="true"></span>
      )}
      <span safe>{a.name}</span>
      {a.reconnectNeeded ? <span class="badge danger">reconnect needed</span> : ""}
    </span>
  );
}

function CardHead(props: { item: ContentItem; label: string; account?: CardAccount | null }): JSX.Element {
  const { item } = props;
  return (
    <header class="item-head">
      <span class={`platform-icon platform-${item.platform}`} aria-hidden="true" safe>
        {props.label.slice(0, 2)}
      </span>
      <h3 id={`item-${item.id}-title`} safe>
        {`${props.label} · ${item.format}`}
      </h3>
      <AccountTag account={props.account} />
      <span class={statusClass(item.status)} safe>
        {statusLabel(item.status)}
      </span>
      {item.status === "pending_approval" ? (
        <label class="check select">
          <input type="checkbox" name="ids" value={String(item.id)} form={`bulk-${item.batchId}`} />
          Select
        </label>
      ) : (
        ""
      )}
    </header>
  );
}

/** A paragraph only when there is text to show. */
function Line(props: { class: string; text: string }): JSX.Element {
  return props.text ? (
    <p class={props.class} safe>
      {props.text}
    </p>
  ) : (
    ""
  );
}

/** Splits a text into plain pieces and the flagged sentences it contains (each with its reason), in order. */
export function highlightClaims(text: string, claims: { text: string; reason: string }[]): { text: string; reason?: string }[] {
  let pieces: { text: string; reason?: string }[] = [{ text }];
  for (const c of claims) {
    if (!c.text) continue;
    pieces = pieces.flatMap((p) => {
      if (p.reason !== undefined || !p.text.includes(c.text)) return [p];
      const parts = p.text.split(c.text);
      return parts.flatMap((part, i) => (i === 0 ? [{ text: part }] : [{ text: c.text, reason: c.reason }, { text: part }]));
    });
  }
  return pieces.filter((p) => p.text !== "");
}

/** Text with its flagged sentences marked and their reason on hover. */
function Highlighted(props: { class: string; text: string; claims: { text: string; reason: string }[] }): JSX.Element {
  if (!props.text) return "";
  return (
    <p class={props.class}>
      {highlightClaims(props.text, props.claims).map((p) =>
        p.reason !== undefined ? (
          <mark class="claim" title={p.reason} safe>
            {p.text}
          </mark>
        ) : (
          <span safe>{p.text}</span>
        ),
      )}
    </p>
  );
}

/** The claims no snippet of the site supports, each with its reason, and the one-click confirmation. */
function UnsupportedClaims(props: { item: ContentItem; csrf: string }): JSX.Element {
  const { item } = props;
  if (item.unsupportedClaims.length === 0) return "";
  return (
    <div class="claims-warning" role="alert">
      <p>
        <strong>Check these claims:</strong> the site does not back them, so this post is left out of "approve all", one-tap links and
        auto-approval until you edit it or confirm them.
      </p>
      <ul>
        {item.unsupportedClaims.map((c) => (
          <li>
            <mark class="claim" safe>
              {c.text}
            </mark>{" "}
            <span class="hint" safe>
              {c.reason}
            </span>
          </li>
        ))}
      </ul>
      {EDITABLE_STATES.includes(item.status) ? (
        <PostForm action={`/approval/items/${item.id}/confirm-claims`} itemId={item.id} csrf={props.csrf}>
          <button type="submit" class="secondary">
            These claims are true: confirm
          </button>
        </PostForm>
      ) : (
        ""
      )}
    </div>
  );
}

function sourceLabel(url: string): string {
  if (url === "") return "states no fact";
  if (url === "settings") return "your web app's settings";
  return url;
}

/** Every sentence of the post beside the snippet of the site it rests on. */
function Sources(props: { item: ContentItem }): JSX.Element {
  const rows = props.item.claimSources;
  if (rows.length === 0) return "";
  const flagged = new Set(props.item.unsupportedClaims.map((c) => c.text));
  return (
    <details class="sources">
      <summary>Sources</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Sentence</th>
            <th scope="col">Where the site says it</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={flagged.has(r.text) ? "unsupported" : undefined}>
              <td>
                <span class="hint" safe>
                  {r.field}
                </span>{" "}
                <span safe>{r.text}</span>
              </td>
              <td>
                {r.snippet ? <q safe>{r.snippet}</q> : flagged.has(r.text) ? <strong>no supporting sentence</strong> : ""}{" "}
                {/^https?:\/\//.test(r.url) ? (
                  <a href={r.url} rel="noopener noreferrer" class="hint" safe>
                    {r.url}
                  </a>
                ) : (
                  <span class="hint" safe>
                    {sourceLabel(r.url)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function CardCopy(props: { item: ContentItem; timezone: string; queued: string[]; csrf: string }): JSX.Element {
  const { item } = props;
  const when = item.plannedAt ? formatLocal(item.plannedAt, props.timezone) : "time not planned";
  return (
    <>
      <UnsupportedClaims item={item} csrf={props.csrf} />
      <Highlighted class="item-title" text={item.title} claims={item.unsupportedClaims} />
      <ThreadOrCaption item={item} highlight={(text) => <Highlighted class="caption" text={text} claims={item.unsupportedClaims} />} />
      <FirstCommentLine item={item} highlight={(text) => <Highlighted class="caption" text={text} claims={item.unsupportedClaims} />} />
      <Line class="tags" text={item.hashtags.map((h) => `#${h}`).join(" ")} />
      <p class="meta">
        {item.threadPosts.length > 0 ? (
          // A thread's posts carry their own counts; the caption (the posts joined) is not what X receives.
          <span safe>{`${item.threadPosts.length} posts`}</span>
        ) : (
          <CharCount itemId={item.id} platform={item.platform} caption={item.caption} hashtags={item.hashtags} />
        )}
        <span safe>{` · ${when} · ${writerLabel(item.writer)}`}</span>
      </p>
      <Line class="reason" text={item.reason ? `Why: ${item.reason}` : ""} />
      <Line class="reason" text={item.rejectReason ? `Rejected because: ${item.rejectReason}` : ""} />
      <Line class="badge" text={props.queued.map((k) => (k === "media.render" ? "new media queued" : "new copy queued")).join(" · ")} />
      <Sources item={item} />
    </>
  );
}

function CardActions(props: { item: ContentItem; csrf: string; queued: string[] }): JSX.Element {
  const { item, csrf } = props;
  const waiting = item.status === "pending_approval";
  const base = `/approval/items/${item.id}`;
  return (
    <div class="actions">
      {waiting ? (
        <PostForm action={`${base}/approve`} itemId={item.id} csrf={csrf}>
          <button type="submit">Approve</button>
        </PostForm>
      ) : (
        ""
      )}
      {waiting || item.status === "approved" ? (
        <PostForm action={`${base}/reject`} itemId={item.id} csrf={csrf} class="reject">
          <>
            <input type="text" name="reason" aria-label="Reason for rejecting (optional)" placeholder="Reason (optional)" maxlength="500" />
            <button type="submit" class="danger">
              Reject
            </button>
          </>
        </PostForm>
      ) : (
        ""
      )}
      {waiting ? (
        <>
          <PostForm action={`${base}/regenerate-copy`} itemId={item.id} csrf={csrf}>
            <button type="submit" class="secondary" disabled={props.queued.includes("content.regenerate") ? true : undefined}>
              Regenerate copy
            </button>
          </PostForm>
          <PostForm action={`${base}/regenerate-media`} itemId={item.id} csrf={csrf}>
            <button type="submit" class="secondary" disabled={props.queued.includes("media.render") ? true : undefined}>
              Regenerate media
            </button>
          </PostForm>
        </>
      ) : (
        ""
      )}
    </div>
  );
}

/** Whether a card has work going on that it should show and follow (a render, or new copy being written). */
export function cardIsWorking(item: ContentItem, queued: string[]): boolean {
  return item.mediaStatus === "waiting" || item.mediaStatus === "rendering" || queued.length > 0;
}

/**
 * What is being made for a card right now, with the render's measured progress. It asks for itself every 2 s;
 * when the work is done the answer is the whole card instead (retargeted), which has no such area: polling stops.
 */
export function CardWork(props: { item: ContentItem; queued: string[]; render?: WorkProgress }): JSX.Element {
  const { item } = props;
  const rendering = item.mediaStatus === "waiting" || item.mediaStatus === "rendering" || props.queued.includes("media.render");
  const writing = props.queued.includes("content.regenerate");
  return (
    <div
      id={`item-${item.id}-work`}
      class="card-work"
      aria-live="polite"
      hx-get={`/approval/items/${item.id}/progress`}
      hx-trigger="every 2s"
      hx-swap="outerHTML"
    >
      {rendering ? (
        <ProgressBar
          label={`Media render for item ${item.id}`}
          progress={props.render ?? { percent: 0, note: "queued for the media studio" }}
        />
      ) : (
        ""
      )}
      {writing ? (
        <p class="muted">
          <span class="spinner" aria-hidden="true"></span> The writer is making new copy; it appears here when done.
        </p>
      ) : (
        ""
      )}
    </div>
  );
}

/** One item's card on the approval page: media, copy, plan, reason and its actions. */
export function ItemCard(props: {
  item: ContentItem;
  csrf: string;
  timezone: string;
  queued?: string[];
  edit?: EditState;
  flash?: CardFlash;
  account?: CardAccount | null;
  /** The measured progress of the item's render, when one runs. */
  render?: WorkProgress;
}): JSX.Element {
  const { item, flash } = props;
  const label = PLATFORM_RULES[item.platform as PlatformId]?.label ?? item.platform;
  const queued = props.queued ?? [];
  return (
    <article class="item-card card" id={`item-${item.id}`} aria-labelledby={`item-${item.id}-title`}>
      <CardHead item={item} label={label} account={props.account} />
      {flash ? (
        <p class={flash.kind === "ok" ? "notice notice-ok" : "notice notice-error"} role={flash.kind === "ok" ? "status" : "alert"} safe>
          {flash.text}
        </p>
      ) : (
        ""
      )}
      {item.format === "carousel" ? (
        <SlideStrip item={item} label={`the ${label} post`} />
      ) : (
        <MediaPreview item={item} label={`the ${label} post`} />
      )}
      {cardIsWorking(item, queued) ? <CardWork item={item} queued={queued} render={props.render} /> : ""}
      <CardCopy item={item} timezone={props.timezone} queued={queued} csrf={props.csrf} />
      <CardActions item={item} csrf={props.csrf} queued={queued} />
      {EDITABLE_STATES.includes(item.status) ? <EditForm item={item} csrf={props.csrf} timezone={props.timezone} edit={props.edit} /> : ""}
    </article>
  );
}
