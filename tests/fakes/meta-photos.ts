import { graphError } from "./meta-engagement";

/** A photo the fake Page holds. */
export interface FakePhoto {
  id: string;
  postId: string;
  name: string;
  bytes: number;
  type: string;
  created: Date;
}

/**
 * POST /{page-id}/photos (multipart: source file, message, published) and GET /{page-id}/photos?type=uploaded,
 * as the Graph API documents them; a Page token is required.
 */
export class MetaPhotos {
  readonly photos: FakePhoto[] = [];
  private seq = 19_000_000_000_000_000n;

  constructor(private readonly pageId: string) {}

  /** Answers a call to /{page-id}/photos; `lostAnswer` stores the photo but answers 500 (a lost response). */
  async handle(req: Request, url: URL, pageTokenOk: (t: string) => boolean, o: { lostAnswer?: boolean; now: Date }): Promise<Response> {
    if (req.method === "GET") {
      if (!pageTokenOk(url.searchParams.get("access_token") ?? "")) return invalidToken();
      const data = [...this.photos].reverse().map((p) => ({
        id: p.id,
        name: p.name,
        link: `https://www.facebook.com/photo.php?fbid=${p.id}`,
        created_time: p.created.toISOString().replace(/\.\d{3}Z$/, "+0000"),
      }));
      return Response.json({ data, paging: {} });
    }
    const type = req.headers.get("content-type") ?? "";
    if (!type.startsWith("multipart/form-data")) return graphError(400, "(#324) Requires upload file", "OAuthException", 324);
    const form = await req.formData();
    if (!pageTokenOk(String(form.get("access_token") ?? ""))) return invalidToken();
    const source = form.get("source");
    if (!(source instanceof Blob) || source.size === 0) return graphError(400, "(#324) Requires upload file", "OAuthException", 324);
    if (!source.type.startsWith("image/"))
      return graphError(400, "(#100) Invalid parameter: source must be an image", "OAuthException", 100);
    if (source.size > 10 * 1024 * 1024) return graphError(400, "(#100) The image is too large", "OAuthException", 100);
    const id = String(this.seq++);
    const photo = {
      id,
      postId: `${this.pageId}_${this.seq++}`,
      name: String(form.get("message") ?? ""),
      bytes: source.size,
      type: source.type,
      created: o.now,
    };
    this.photos.push(photo);
    if (o.lostAnswer) return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
    return Response.json({ id, post_id: photo.postId });
  }
}

function invalidToken(): Response {
  return graphError(400, "Error validating access token: The user has not authorized application.", "OAuthException", 190, 458);
}
