import { PLATFORM_IDS, type PlatformId } from "../../src/platforms/ids";
import { captionLength, composePostText, PLATFORM_RULES } from "../../src/platforms/rules";
import type { User } from "../../src/auth/sessions";
import { Notice, Page } from "../layout/page";
import { COMPOSER_MAX_IMAGES } from "../../src/model/composer-limits";

/** What the composer form holds (as typed, so a refused form comes back with the person's text). */
export interface ComposerValues {
  webappId: string;
  platforms: string[];
  title: string;
  caption: string;
  hashtags: string;
  linkUrl: string;
  plannedAt: string;
  mediaFromItemId: string;
}

/** Finished generated media the post may reuse (one line of the picker). */
export interface PickableMedia {
  itemId: number;
  platform: string;
  format: string;
  title: string;
}

/** Everything the composer page shows. */
export interface ComposerProps {
  user: User;
  csrf: string;
  unread: number;
  webapps: { id: number; name: string }[];
  media: PickableMedia[];
  values: ComposerValues;
  /** Sentences per field from the server's check (the authority). */
  problems?: Record<string, string[]>;
}

/** The length a platform counts for the post as it would be published (the link on its own line, then hashtags). */
export function countFor(id: PlatformId, v: Pick<ComposerValues, "caption" | "hashtags" | "linkUrl">): number {
  const link = v.linkUrl.trim();
  const caption = link && !v.caption.includes(link) ? `${v.caption.trim()}\n${link}` : v.caption;
  const tags = [...new Set(v.hashtags.split(/[\s,]+/).map((h) => h.replace(/^#+/, "")))].filter((h) => h !== "");
  return captionLength(id, composePostText(caption, tags));
}

function Problems(props: { field: string; problems?: Record<string, string[]> }): JSX.Element {
  const list = props.problems?.[props.field];
  if (!list?.length) return <></>;
  return (
    <ul class="field-error" id={`${props.field}-error`}>
      {list.map((s) => (
        <li safe>{s}</li>
      ))}
    </ul>
  );
}

function PlatformChoice(props: { id: PlatformId; values: ComposerValues }): JSX.Element {
  const r = PLATFORM_RULES[props.id];
  const n = countFor(props.id, props.values);
  return (
    <li class="composer-platform" data-platform={props.id}>
      <label class="check">
        <input type="checkbox" name="platforms" value={props.id} checked={props.values.platforms.includes(props.id)} />
        <span safe>{r.label}</span>
      </label>
      <span
        class={n > r.captionMax ? "composer-count over" : "composer-count"}
        data-max={String(r.captionMax)}
        data-weighted={r.weightedCaption ? "1" : "0"}
        data-hashtags-max={String(r.hashtagsMax)}
        aria-live="polite"
        safe
      >
        {`${n} / ${r.captionMax}`}
      </span>
    </li>
  );
}

/** /compose: write a post for one or more platforms, with each platform's live limits beside it. */
export function ComposerPage(props: ComposerProps): JSX.Element {
  const v = props.values;
  const any = props.problems && Object.keys(props.problems).length > 0;
  return (
    <Page title="Write a post" user={props.user} csrf={props.csrf} unread={props.unread} active="composer">
      <>
        {any ? <Notice kind="error">The post was not saved: see the notes beside the fields.</Notice> : ""}
        {props.webapps.length === 0 ? (
          <Notice kind="info">
            <>
              Add a web app first: every post belongs to one. <a href="/webapps/new">Add a web app</a>
            </>
          </Notice>
        ) : (
          ""
        )}
        <form class="card stack composer" method="post" action="/compose" enctype="multipart/form-data" id="composer">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <label>
            <span>Web app</span>
            <select name="webappId" required>
              {props.webapps.map((w) => (
                <option value={String(w.id)} selected={v.webappId === String(w.id)} safe>
                  {w.name}
                </option>
              ))}
            </select>
            <Problems field="webappId" problems={props.problems} />
          </label>
          <fieldset>
            <legend>Platforms and their limits</legend>
            <ul class="composer-platforms">
              {PLATFORM_IDS.map((id) => (
                <PlatformChoice id={id} values={v} />
              ))}
            </ul>
            <Problems field="platforms" problems={props.problems} />
          </fieldset>
          <label>
            <span>Text</span>
            <textarea name="caption" rows="6" required safe>
              {v.caption}
            </textarea>
            <Problems field="caption" problems={props.problems} />
          </label>
          <label>
            <span>Hashtags</span>
            <input type="text" name="hashtags" value={v.hashtags} placeholder="#launch #saas" />
            <span class="hint" id="composer-hashtags-hint">
              Separated by spaces; each platform's cap is checked when you send.
            </span>
            <Problems field="hashtags" problems={props.problems} />
          </label>
          <label>
            <span>Link</span>
            <input type="url" name="linkUrl" value={v.linkUrl} placeholder="https://" />
            <span class="hint">Added on its own line unless the text holds it (X counts a link as 23 characters).</span>
            <Problems field="linkUrl" problems={props.problems} />
          </label>
          <label>
            <span>Title (YouTube)</span>
            <input type="text" name="title" value={v.title} maxlength={500} />
            <Problems field="title" problems={props.problems} />
          </label>
          <label>
            <span>Images or a video</span>
            <input type="file" name="media" id="composer-media" accept="image/png,image/jpeg,video/mp4" multiple />
            <span class="hint" safe>
              {`PNG or JPEG images (up to ${COMPOSER_MAX_IMAGES}, in the order listed), or one MP4 video. YouTube and TikTok need a video; Instagram an image or a video.`}
            </span>
            <span class="hint">
              Two or more images become one carousel on Instagram and Facebook (up to 10) and LinkedIn (up to 20), in this order; X, TikTok
              and YouTube post the first image only. Instagram takes JPEG only.
            </span>
          </label>
          <ol id="composer-files" class="composer-files" aria-label="Chosen files, in posting order" hidden></ol>
          {props.media.length > 0 ? (
            <label>
              <span>Or reuse generated media</span>
              <select name="mediaFromItemId">
                <option value="">None</option>
                {props.media.map((m) => (
                  <option value={String(m.itemId)} selected={v.mediaFromItemId === String(m.itemId)} safe>
                    {`#${m.itemId} ${m.format} for ${PLATFORM_RULES[m.platform as PlatformId]?.label ?? m.platform}: ${m.title}`}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            ""
          )}
          <Problems field="media" problems={props.problems} />
          <label>
            <span safe>{`Planned time (${props.user.timezone})`}</span>
            <input type="datetime-local" name="plannedAt" value={v.plannedAt} />
            <Problems field="plannedAt" problems={props.problems} />
          </label>
          <div class="actions">
            <button type="submit">Send for approval</button>
            <a class="button secondary" href="/approval">
              Cancel
            </a>
          </div>
        </form>
        <script src="/public/composer.js" defer></script>
      </>
    </Page>
  );
}
