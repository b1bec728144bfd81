import { PLATFORM_IDS, type PlatformId } from "../../src/platforms/ids";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import type { WebappFormValues } from "../../src/webapps/form";
import { Notice } from "../layout/page";

/** Short names of the platforms, from their rules. */
export const PLATFORM_LABELS = Object.fromEntries(PLATFORM_IDS.map((id) => [id, PLATFORM_RULES[id].name])) as Record<PlatformId, string>;

/** A form problem to show next to its field. */
export interface FormError {
  field: string;
  message: string;
}

interface FormProps {
  /** "new" posts to /webapps; a number edits that web app. */
  target: "new" | number;
  values: WebappFormValues;
  csrf: string;
  error?: FormError;
  notice?: string;
}

function ErrorFor(props: { field: string; error?: FormError }): JSX.Element {
  if (props.error?.field !== props.field) return <></>;
  return (
    <span class="field-error" id={`${props.field}-error`} safe>
      {props.error.message}
    </span>
  );
}

function TextField(props: {
  name: keyof WebappFormValues;
  label: string;
  value: string;
  error?: FormError;
  hint?: string;
  type?: string;
  required?: boolean;
  maxlength?: number;
  placeholder?: string;
}): JSX.Element {
  const invalid = props.error?.field === props.name;
  return (
    <label>
      <span safe>{props.label}</span>
      <input
        type={props.type ?? "text"}
        name={props.name}
        value={props.value}
        required={props.required}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={invalid ? `${props.name}-error` : undefined}
        autofocus={invalid}
      />
      {props.hint ? (
        <span class="hint" safe>
          {props.hint}
        </span>
      ) : (
        ""
      )}
      <ErrorFor field={props.name} error={props.error} />
    </label>
  );
}

function TextArea(props: {
  name: keyof WebappFormValues;
  label: string;
  value: string;
  error?: FormError;
  hint?: string;
  rows?: number;
}): JSX.Element {
  const invalid = props.error?.field === props.name;
  return (
    <label>
      <span safe>{props.label}</span>
      <textarea
        name={props.name}
        rows={String(props.rows ?? 3)}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={invalid ? `${props.name}-error` : undefined}
        autofocus={invalid}
        safe
      >
        {props.value}
      </textarea>
      {props.hint ? (
        <span class="hint" safe>
          {props.hint}
        </span>
      ) : (
        ""
      )}
      <ErrorFor field={props.name} error={props.error} />
    </label>
  );
}

function Preview(props: { v: WebappFormValues }): JSX.Element {
  const v = props.v;
  if (!v.faviconUrl && !v.ogImageUrl && !v.themeColor) return <></>;
  return (
    <div class="preview" aria-label="Preview of the fetched details">
      {v.faviconUrl ? <img class="favicon" src={v.faviconUrl} alt="" width="32" height="32" /> : ""}
      {v.ogImageUrl ? <img class="og" src={v.ogImageUrl} alt="Share image" /> : ""}
      {v.themeColor ? (
        // An SVG fill, not a style attribute: the Content-Security-Policy allows no inline styles.
        <svg class="swatch" viewBox="0 0 1 1" role="img" aria-label={v.themeColor}>
          <title safe>{v.themeColor}</title>
          <rect width="1" height="1" fill={v.themeColor} />
        </svg>
      ) : (
        ""
      )}
    </div>
  );
}

function BrandColors(props: { colors: string[]; error?: FormError }): JSX.Element {
  const slots = Math.max(4, props.colors.length);
  return (
    <fieldset>
      <legend>Brand colours</legend>
      <div class="checks">
        {Array.from({ length: slots }, (_, i) => (
          <label class="check">
            <input
              type="checkbox"
              name="brandColorOn"
              value={String(i)}
              checked={i < props.colors.length}
              aria-label={`Use colour ${i + 1}`}
              autofocus={i === 0 && props.error?.field === "brandColors"}
            />
            <input type="color" name={`brandColor_${i}`} value={props.colors[i] ?? "#4f46e5"} aria-label={`Colour ${i + 1}`} />
          </label>
        ))}
      </div>
      <span class="hint">Tick the colours to use in images and videos.</span>
      <ErrorFor field="brandColors" error={props.error} />
    </fieldset>
  );
}

function Platforms(props: { selected: string[]; error?: FormError }): JSX.Element {
  return (
    <fieldset>
      <legend>Market on</legend>
      <div class="checks">
        {PLATFORM_IDS.map((p) => (
          <label class="check">
            <input
              type="checkbox"
              name="platforms"
              value={p}
              checked={props.selected.includes(p)}
              autofocus={p === PLATFORM_IDS[0] && props.error?.field === "platforms"}
            />
            <span safe>{PLATFORM_LABELS[p]}</span>
          </label>
        ))}
      </div>
      <ErrorFor field="platforms" error={props.error} />
    </fieldset>
  );
}

function Logo(props: { target: "new" | number; logoPath: string; error?: FormError }): JSX.Element {
  return (
    <fieldset>
      <legend>Logo</legend>
      {props.target !== "new" && props.logoPath ? (
        <div class="actions">
          <img class="logo-preview" src={`/webapps/${props.target}/logo`} alt="Current logo" height="48" />
          <label class="check">
            <input type="checkbox" name="removeLogo" value="1" /> Remove this logo
          </label>
        </div>
      ) : (
        ""
      )}
      <label>
        <span>{props.logoPath ? "Replace with" : "Upload"}</span>
        <input type="file" name="logo" accept="image/png,image/jpeg,image/svg+xml,image/webp" autofocus={props.error?.field === "logo"} />
        <span class="hint">PNG, JPEG, SVG or WebP. After an error, choose the file again.</span>
      </label>
      <ErrorFor field="logo" error={props.error} />
    </fieldset>
  );
}

/** The add/edit web-app form; htmx re-renders it in place (422 with the message), plain posts get the whole page. */
export function WebappForm(props: FormProps): JSX.Element {
  const v = props.values;
  const e = props.error;
  const action = props.target === "new" ? "/webapps" : `/webapps/${props.target}`;
  return (
    <form
      id="webapp-form"
      class="stack card"
      method="post"
      action={action}
      enctype="multipart/form-data"
      hx-post={action}
      hx-target="#webapp-form"
      hx-swap="outerHTML"
    >
      <input type="hidden" name="_csrf" value={props.csrf} />
      {e ? (
        <Notice kind="error">
          <span safe>{e.message}</span>
        </Notice>
      ) : (
        ""
      )}
      {props.notice ? (
        <Notice kind="ok">
          <span safe>{props.notice}</span>
        </Notice>
      ) : (
        ""
      )}
      <div class="url-row">
        <TextField
          name="url"
          label="Web app address"
          type="url"
          value={v.url}
          error={e}
          required
          placeholder="https://example.com"
          hint="The landing page we link to and read details from."
        />
        <button
          type="submit"
          class="secondary"
          formaction={`/webapps/${props.target}/fetch`}
          formnovalidate
          hx-post={`/webapps/${props.target}/fetch`}
          hx-target="#webapp-form"
          hx-swap="outerHTML"
        >
          Fetch details
        </button>
      </div>
      <Preview v={v} />
      <div class="grid2">
        <TextField
          name="name"
          label="Name"
          value={v.name}
          error={e}
          maxlength={100}
          hint={props.target === "new" ? "Left empty, it is read from the page." : undefined}
        />
        <TextField name="themeColor" label="Theme colour" value={v.themeColor} error={e} placeholder="#0f766e" />
      </div>
      <TextField
        name="sayNameAs"
        label="Say the name as"
        value={v.sayNameAs}
        error={e}
        maxlength={100}
        placeholder="Note Lee"
        hint="How the voiceover pronounces the name, spelled as it sounds. Captions and posts keep the name as written. Leave empty to say it as written."
      />
      <TextArea name="description" label="Description" value={v.description} error={e} />
      <div class="grid2">
        <TextField name="ogImageUrl" label="Share image (og:image)" type="url" value={v.ogImageUrl} error={e} />
        <TextField name="faviconUrl" label="Icon" type="url" value={v.faviconUrl} error={e} />
      </div>
      <TextArea
        name="audience"
        label="Audience"
        value={v.audience}
        error={e}
        hint="Who the app is for, e.g. small-team managers who plan weekly."
      />
      <TextArea
        name="voice"
        label="Voice and tone"
        value={v.voice}
        error={e}
        hint="How posts should sound, e.g. calm, friendly, no hype."
      />
      <div class="grid2">
        <TextField name="keywords" label="Keywords" value={v.keywords} error={e} hint="Separated by commas." />
        <TextField name="callToAction" label="Call to action" value={v.callToAction} error={e} placeholder="Start free" />
      </div>
      <TextField
        name="allowedHours"
        label="Allowed posting hours"
        value={v.allowedHours}
        error={e}
        placeholder="08:00-21:30"
        hint="In your time zone. Learned posting times stay inside; empty means any time."
      />
      <BrandColors colors={v.brandColors} error={e} />
      <Logo target={props.target} logoPath={v.logoPath} error={e} />
      <fieldset>
        <legend>UTM tags on links</legend>
        <div class="grid3">
          <TextField name="utmSource" label="Source" value={v.utmSource} error={e} hint="{platform} becomes the platform id." />
          <TextField name="utmMedium" label="Medium" value={v.utmMedium} error={e} />
          <TextField name="utmCampaign" label="Campaign" value={v.utmCampaign} error={e} />
        </div>
      </fieldset>
      <Platforms selected={v.platforms} error={e} />
      <TextArea
        name="feeds"
        label="Feeds (RSS or Atom)"
        value={v.feeds}
        error={e}
        hint="One address per line; new posts there give ideas for content."
        rows={3}
      />
      <label class="check">
        <input type="checkbox" name="active" value="1" checked={v.active} /> Active: plan and post content for this web app
      </label>
      <label class="check">
        <input type="checkbox" name="linkedinLinkInComment" value="1" checked={v.linkedinLinkInComment} /> LinkedIn: put the link in the
        first comment instead of the post
      </label>
      <div class="actions">
        <button type="submit">{props.target === "new" ? "Add web app" : "Save changes"}</button>
        <a class="button secondary" href="/webapps">
          Cancel
        </a>
        {props.target !== "new" ? (
          <a class="button danger push-right" href={`/webapps/${props.target}/delete`}>
            Delete…
          </a>
        ) : (
          ""
        )}
      </div>
    </form>
  );
}
