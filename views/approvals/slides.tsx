import type { ContentItem } from "../../src/content/types";
import { readSlides, SLIDE_TEXT_MAX } from "../../src/platforms/carousel";
import { mediaUrl } from "../media/preview";

const KIND_LABEL = { cover: "Cover", fact: "Fact", cta: "Call to action" } as const;

/**
 * A carousel's slides as a grid in order (two a row on a phone, so nothing scrolls sideways): each rendered image with
 * its number, or the slide's text while the images render.
 */
export function SlideStrip(props: { item: ContentItem; label: string }): JSX.Element {
  const slides = readSlides(props.item.script);
  const images = ((props.item.media as { images?: { path: string; width: number; height: number }[] }).images ?? []).slice(
    0,
    slides.length,
  );
  // A carousel written in the composer is the person's own images, in their order, with no slide texts.
  const own = (props.item.media as { images?: { path: string; width: number; height: number }[] }).images ?? [];
  if (slides.length === 0 && own.length > 1)
    return (
      <ol class="slides" aria-label={`Images of ${props.label}`}>
        {own.map((img, i) => (
          <li class="slide">
            <a href={mediaUrl(img.path)} target="_blank" rel="noopener">
              <img src={mediaUrl(img.path)} alt="" loading="lazy" width={String(img.width)} height={String(img.height)} />
            </a>
            <span class="hint" safe>{`${i + 1}/${own.length}`}</span>
          </li>
        ))}
      </ol>
    );
  if (slides.length === 0) return <p class="media-missing muted">This carousel has no slides; use Regenerate copy.</p>;
  return (
    <ol class="slides" aria-label={`Slides of ${props.label}`}>
      {slides.map((s, i) => {
        const img = images.length === slides.length ? images[i] : undefined;
        return (
          <li class="slide">
            {img ? (
              <a href={mediaUrl(img.path)} target="_blank" rel="noopener">
                <img src={mediaUrl(img.path)} alt={s.text} loading="lazy" width={String(img.width)} height={String(img.height)} />
              </a>
            ) : (
              <p class="slide-text" safe>
                {s.text}
              </p>
            )}
            <span class="hint" safe>{`${i + 1}/${slides.length} · ${KIND_LABEL[s.kind]}`}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The edit form's slide texts, one box per slide in order (empty a box to drop that slide); saving draws them again. */
export function SlideFields(props: { item: ContentItem }): JSX.Element {
  const slides = readSlides(props.item.script);
  // A composer carousel has images of the person's own and no slide texts to edit.
  if (props.item.format !== "carousel" || slides.length === 0) return "";
  return (
    <fieldset class="slide-fields stack">
      <legend>Slides</legend>
      <p class="hint">One per slide, in order: the first is the cover, the last the call to action. Saving draws the slides again.</p>
      {slides.map((s, i) => (
        <label>
          <span safe>{`Slide ${i + 1} · ${KIND_LABEL[s.kind]}`}</span>
          <textarea name="slide" rows="2" maxlength={String(SLIDE_TEXT_MAX)} safe>
            {s.text}
          </textarea>
        </label>
      ))}
    </fieldset>
  );
}
