import type { ContentItem } from "../../src/content/types";
import { MediaPreview as StudioPreview, type ItemMedia } from "../media/preview";

/**
 * The item's media: a video player or an image from the item's `media` JSON ({video, cover, images}),
 * shown by the media studio's preview, or what is happening to it while it renders or after it failed.
 */
export function MediaPreview(props: { item: ContentItem; label: string }): JSX.Element {
  const m = props.item.media as ItemMedia;
  if (m.video || (m.images ?? []).length > 0) return <StudioPreview media={m} label={`Media for ${props.label}`} />;
  const status = props.item.mediaStatus;
  if (status === "failed")
    return (
      <p class="media-missing field-error" safe>{`Media failed: ${props.item.mediaError ?? "unknown reason"}. Use Regenerate media.`}</p>
    );
  if (status === "waiting" || status === "rendering") return <p class="media-missing muted">Media is being rendered…</p>;
  return <p class="media-missing muted">No media for this post.</p>;
}
