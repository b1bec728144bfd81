import Html from "@kitajs/html";

/** The media JSON the studio stores on an item (the fields the preview reads). */
export interface ItemMedia {
  video?: string;
  cover?: string;
  images?: { path: string; width: number; height: number; target: string }[];
  durationSeconds?: number;
}

/** The owner-only URL of a media file (paths are relative to the media dir). */
export function mediaUrl(relPath: string): string {
  return "/media/" + relPath.split("/").map(encodeURIComponent).join("/");
}

/** Video player with its cover as poster, and previews of the item's images; nothing when there is no media yet. */
export function MediaPreview(props: { media: ItemMedia | Record<string, unknown>; label?: string }): JSX.Element {
  const m = props.media as ItemMedia;
  const images = (m.images ?? []).filter((i) => i.path !== m.cover || !m.video);
  if (!m.video && images.length === 0) return <p class="media-empty">No media yet.</p>;
  return (
    <figure class="media-preview">
      {m.video ? (
        <video
          class="media-video"
          controls
          width="270"
          height="480"
          poster={m.cover ? mediaUrl(m.cover) : undefined}
          aria-label={props.label ?? "Rendered short video"}
        >
          <source src={mediaUrl(m.video)} type="video/mp4" />
        </video>
      ) : (
        ""
      )}
      {images.length ? (
        <div class="media-images">
          {images.map((i) => (
            <a href={mediaUrl(i.path)} target="_blank" rel="noopener">
              <img
                src={mediaUrl(i.path)}
                alt={`${i.target} image ${i.width}x${i.height}`}
                loading="lazy"
                width={String(Math.round((i.width / i.height) * 160))}
                height="160"
              />
            </a>
          ))}
        </div>
      ) : (
        ""
      )}
      {m.durationSeconds ? <figcaption safe>{`${m.durationSeconds.toFixed(1)} s`}</figcaption> : ""}
    </figure>
  );
}
