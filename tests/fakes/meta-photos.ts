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
  /** Photos uploaded with published=false, waiting to be attached to a feed post. */
  readonly unpublished: FakePhoto[] = [];
  /** Page feed posts made through POST /{page-id}/feed (multi-photo posts carry attached photo ids, in order). */
  readonly posts: { id: string; message: string; attached: string[]; created: Date }[] = [];
  feedCreates = 0;
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
    if (String(form.get("published") ?? "true") === "false") {
      // An unpublished photo: it shows nowhere until a feed post attaches it.
      this.unpublished.push({ id, postId: "", name: "", bytes: source.size, type: source.type, created: o.now });
      return Response.json({ id });
    }
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

  /**
   * POST /{page-id}/feed with message and attached_media[i]={"media_fbid":"<photo id>"} (each an unpublished photo
   * of this Page, attached once), and GET /{page-id}/feed (newest first), as the Pages API documents them.
   */
  async feed(req: Request, url: URL, pageTokenOk: (t: string) => boolean, o: { lostAnswer?: boolean; now: Date }): Promise<Response> {
    if (req.method === "GET") {
      if (!pageTokenOk(url.searchParams.get("access_token") ?? "")) return invalidToken();
      const data = [...this.posts].reverse().map((p) => ({
        id: p.id,
        message: p.message,
        permalink_url: `https://www.facebook.com/${p.id}`,
        created_time: p.created.toISOString().replace(/\.\d{3}Z$/, "+0000"),
      }));
      return Response.json({ data, paging: {} });
    }
    const form = new URLSearchParams(await req.text());
    if (!pageTokenOk(form.get("access_token") ?? "")) return invalidToken();
    const attached: string[] = [];
    for (let i = 0; form.has(`attached_media[${i}]`); i++) {
      let fbid: string | undefined;
      try {
        fbid = (JSON.parse(form.get(`attached_media[${i}]`)!) as { media_fbid?: string }).media_fbid;
      } catch {
        return graphError(400, `(#100) param attached_media[${i}] must be JSON`, "OAuthException", 100);
      }
      if (!fbid || !this.unpublished.some((p) => p.id === fbid))
        return graphError(400, `(#100) The media_fbid ${fbid ?? ""} is not an unpublished photo of this Page`, "OAuthException", 100);
      if (this.posts.some((p) => p.attached.includes(fbid!)))
        return graphError(400, `(#100) The photo ${fbid} is already attached to a post`, "OAuthException", 100);
      attached.push(fbid);
    }
    if (!form.get("message") && attached.length === 0)
      return graphError(400, "(#100) A post needs a message or media", "OAuthException", 100);
    this.feedCreates++;
    const id = `${this.pageId}_${this.seq++}`;
    this.posts.push({ id, message: form.get("message") ?? "", attached, created: o.now });
    if (o.lostAnswer) return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
    return Response.json({ id });
  }
}

function invalidToken(): Response {
  return graphError(400, "Error validating access token: The user has not authorized application.", "OAuthException", 190, 458);
}
