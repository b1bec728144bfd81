import type { Config } from "../../config/schema";
import { type Connection, PlatformError } from "../types";
import { linkedinFetch } from "./client";

/**
 * The first comment under our own LinkedIn post, as the post's author (member or Page): POST
 * /rest/socialActions/{post-urn}/comments with {actor, object, message: {text}} (Community Management API,
 * "Comments"). LinkedIn answers 201 with the comment (its `id`, or `commentUrn`) and its URN in x-restli-id.
 */
export async function linkedinFirstComment(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  postUrn: string,
  text: string,
  now: () => Date,
): Promise<{ id: string }> {
  const actor = conn.extra.author || `urn:li:person:${conn.accountId}`;
  const res = await linkedinFetch(
    cfg,
    conn.accessToken,
    now,
  )(`/rest/socialActions/${encodeURIComponent(postUrn)}/comments`, {
    method: "POST",
    body: { actor, object: postUrn, message: { text } },
    during: "posting the first comment",
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; commentUrn?: string };
  const id = body.id ?? body.commentUrn ?? res.headers.get("x-restli-id") ?? "";
  if (!id) throw new PlatformError("transient", "LinkedIn took the first comment but gave no id for it");
  return { id };
}
