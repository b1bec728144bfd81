import type { ContentItem } from "../../src/content/queries";

/**
 * The item's media: a video player or an image from the item's `media` JSON ({video, cover, images}),
 * served under /media/<relpath>. One small component so the media studio's preview can replace it.
 */
export function MediaPreview(props: { item: ContentItem; label: string }): JSX.Element {
  const m = props.item.media as { video?: unknown; cover?: unknown; images?: unknown };
  const src = (rel: unknown) => (typeof rel === "string" && rel !== "" ? `/media/${rel.replace(/^\/+/, "")}` : undefined);
  const video = src(m.video);
  const image = src(m.cover) ?? src(Array.isArray(m.images) ? m.images[0] : undefined);
  if (video) {
    return (
      <video class="media" controls {...{ preload: "none", playsinline: true }} poster={image} src={video} aria-label={`Video for ${props.label}`}>
        <a href={video}>Download the video</a>
      </video>
    );
  }
  if (image) return <img class="media" src={image} alt={`Image for ${props.label}`} loading="lazy" />;
  const status = props.item.mediaStatus;
  if (status === "failed") return <p class="media-missing field-error" safe>{`Media failed: ${props.item.mediaError ?? "unknown reason"}. Use Regenerate media.`}</p>;
  if (status === "waiting" || status === "rendering") return <p class="media-missing muted">Media is being rendered…</p>;
  return <p class="media-missing muted">No media for this post.</p>;
}
