import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import type { Connection } from "../types";

/**
 * The first comment under our own Instagram media: POST /{ig-media-id}/comments?message= (Graph API "Comments"
 * reference; the answer is {"id": "<ig-comment-id>"}). Errors come back as the Graph API's, mapped by graphCall.
 */
export async function instagramFirstComment(
  cfg: Config["platform_meta"],
  conn: Connection,
  mediaId: string,
  text: string,
  now: () => Date,
): Promise<{ id: string }> {
  const res = await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ id: string }>(`/${mediaId}/comments`, {
    method: "POST",
    params: { message: text },
    during: "posting the first comment",
  });
  return { id: res.id };
}
