import type { ContentItem } from "../../src/content/types";
import { MediaPreview as StudioPreview, type ItemMedia } from "../media/preview";

/**
 * The item's media: a video player or an image from the item's `media` JSON ({video, cover, images}),
 * shown by the media studio's preview, or what is happening to it while it renders or after it failed.
 */
export function MediaPreview(props: { item: ContentItem; label: string }): JSX.Element {
  const m = props.item.media as ItemMedia;
  const images = m.images ?? [];
  // An image post publishes its first image (postImage); more images kept with it (from the composer) are not posted here.
  if (props.item.format === "image" && !m.video && images.length > 1) {
    const rest = images.length - 1;
    return (
      <>
        <StudioPreview media={{ ...m, images: images.slice(0, 1) }} label={`Media for ${props.label}`} />
        <p class="hint" safe>{`${rest} more image${rest === 1 ? " is" : "s are"} kept with this post; only the first is posted here.`}</p>
      </>
    );
  }
  if (m.video || images.length > 0) return <StudioPreview media={m} label={`Media for ${props.label}`} />;
  const status = props.item.mediaStatus;
  if (status === "failed")
    return (
      <p class="media-missing field-error" safe>{`Media failed: ${props.item.mediaError ?? "unknown reason"}. Use Regenerate media.`}</p>
    );
  if (status === "waiting" || status === "rendering") return <p class="media-missing muted">Media is being rendered…</p>;
  return <p class="media-missing muted">No media for this post.</p>;
}
