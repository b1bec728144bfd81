import type { Config } from "../../config/schema";
import type { PublishInput, PublishJournal } from "../types";
import type { linkedinFetch } from "./client";
import { uploadLinkedInImage } from "./image";

/**
 * The images of a LinkedIn multi-image post, as the MultiImage API documents it: each slide through the Images API
 * (initializeUpload, then PUT the bytes), its URN journalled (`liImages`) before the next upload, so a rerun after a
 * crash uploads only what is missing. Returns content.multiImage for POST /rest/posts (images in order, with
 * the slide's text as alt text).
 */
export async function uploadMultiImage(
  cfg: Config["platform_linkedin"],
  call: ReturnType<typeof linkedinFetch>,
  accessToken: string,
  owner: string,
  input: PublishInput,
  journal: PublishJournal,
  now: () => Date,
  signal?: AbortSignal,
): Promise<{ multiImage: { images: { id: string; altText: string }[] } }> {
  const paths = input.imagePaths ?? [];
  const urns = (journal.data.liImages ?? "").split(",").filter(Boolean);
  for (let k = urns.length; k < paths.length; k++) {
    signal?.throwIfAborted();
    journal.heartbeat(`uploading slide ${k + 1} of ${paths.length} to LinkedIn`);
    urns.push(await uploadLinkedInImage(cfg, call, accessToken, owner, paths[k]!, now(), signal));
    await journal.before("media_uploaded", { liImages: urns.join(",") });
  }
  // Alt text is capped at 4,086 characters by the Images API; a slide holds far less.
  return { multiImage: { images: urns.map((id, i) => ({ id, altText: (input.slideTexts?.[i] ?? `Slide ${i + 1}`).slice(0, 4086) })) } };
}
