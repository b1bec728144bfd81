import Html from "@kitajs/html";
import type { ContentItem, BatchWithItems } from "../content/store";
import { itemLine } from "../content/describe";

/** One batch in a digest with its one-tap links. */
export interface DigestBatch extends BatchWithItems {
  approveUrl: string;
  reviewUrl: string;
}

/** A comment waiting for an answer, with its drafted reply and the one-tap link that sends it (text already flattened, not escaped). */
export interface DigestReplyLine {
  platformLabel: string;
  authorName: string;
  text: string;
  draft: string;
  webappName: string;
  sendUrl: string;
}

/** A composed digest email. */
export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => Html.escapeHtml(s);

/** The cover or first image of an item, as a path relative to the media dir (or undefined). */
export function itemThumbnail(item: ContentItem): string | undefined {
  const m = item.media as { cover?: unknown; images?: unknown };
  if (typeof m.cover === "string" && m.cover) return m.cover;
  if (Array.isArray(m.images) && typeof m.images[0] === "string") return m.images[0];
  return undefined;
}

function pending(b: DigestBatch): ContentItem[] {
  return b.items.filter((i) => i.status === "pending_approval");
}

/** Builds the digest email (HTML and plain text) for one or more batches waiting for approval. */
export function composeDigestEmail(
  batches: DigestBatch[],
  opts: { timezone: string; baseUrl: string; name: string; thumbnailUrl: (relPath: string) => string },
  replies: DigestReplyLine[] = [],
): DigestEmail {
  const total = batches.reduce((n, b) => n + pending(b).length, 0);
  const apps = batches.map((b) => b.webappName).join(", ");
  const subject = `${total} post${total === 1 ? "" : "s"} ready for approval: ${apps}`;
  const text = [
    `Hello ${opts.name},`,
    "",
    ...batches.flatMap((b) => [
      `${b.webappName} (${b.batch.localDate}):`,
      ...pending(b).map((i) => `  - ${itemLine(i, opts.timezone)}`),
      `  Approve all: ${b.approveUrl}`,
      `  Review: ${b.reviewUrl}`,
      "",
    ]),
    ...replyTextSection(replies),
    "Each Approve all link works once and opens a page that asks you to confirm.",
  ].join("\n");
  const button = (href: string, label: string, primary: boolean) =>
    `<a href="${esc(href)}" style="display:inline-block;padding:10px 18px;margin:4px 8px 4px 0;border-radius:8px;font-weight:600;text-decoration:none;${primary ? "background:#4f46e5;color:#fff" : "border:1px solid #4f46e5;color:#4f46e5"}">${esc(label)}</a>`;
  const row = (i: ContentItem) => {
    const thumb = itemThumbnail(i);
    const img = thumb
      ? `<img src="${esc(opts.thumbnailUrl(thumb))}" alt="" width="48" height="48" style="object-fit:cover;border-radius:6px;vertical-align:middle">`
      : "";
    return `<tr><td style="padding:6px 8px 6px 0;width:56px">${img}</td><td style="padding:6px 0;font-size:14px">${esc(itemLine(i, opts.timezone))}</td></tr>`;
  };
  const sections = batches
    .map(
      (b) =>
        `<h2 style="font-size:17px;margin:20px 0 6px">${esc(b.webappName)} <span style="color:#5b6475;font-weight:400">${esc(b.batch.localDate)}</span></h2><table style="border-collapse:collapse;width:100%">${pending(b).map(row).join("")}</table><p>${button(b.approveUrl, "Approve all", true)}${button(b.reviewUrl, "Review", false)}</p>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1b1f2a;max-width:600px;margin:0 auto;padding:16px"><p>Hello ${esc(opts.name)},</p><p>${esc(`${total} post${total === 1 ? " is" : "s are"} ready for approval.`)}</p>${sections}${replyHtmlSection(replies, button)}<p style="color:#5b6475;font-size:12px">Each Approve all link works once and opens a page that asks you to confirm.</p></body></html>`;
  return { subject, text, html };
}

/** Builds the short comment-only digest (a day with comments to answer and no batch to approve). */
export function composeCommentDigestEmail(replies: DigestReplyLine[], opts: { name: string }): DigestEmail {
  const n = replies.length;
  const subject = `${n} comment${n === 1 ? "" : "s"} need${n === 1 ? "s" : ""} an answer`;
  const text = [`Hello ${opts.name},`, "", ...replyTextSection(replies)].join("\n");
  const button = (href: string, label: string) =>
    `<a href="${esc(href)}" style="display:inline-block;padding:10px 18px;margin:4px 8px 4px 0;border-radius:8px;font-weight:600;text-decoration:none;border:1px solid #4f46e5;color:#4f46e5">${esc(label)}</a>`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1b1f2a;max-width:600px;margin:0 auto;padding:16px"><p>Hello ${esc(opts.name)},</p>${replyHtmlSection(replies, button)}<p style="color:#5b6475;font-size:12px">Each Send this reply link works once and opens a page that shows the reply before it is sent.</p></body></html>`;
  return { subject, text, html };
}

function replyTextSection(replies: DigestReplyLine[]): string[] {
  if (replies.length === 0) return [];
  return [
    `${replies.length} comment${replies.length === 1 ? "" : "s"} need${replies.length === 1 ? "s" : ""} an answer:`,
    ...replies.flatMap((r) => [
      `  ${r.authorName} on ${r.platformLabel} (${r.webappName}): ${r.text}`,
      `  Drafted reply: ${r.draft}`,
      `  Send this reply: ${r.sendUrl}`,
      "",
    ]),
    "Each Send this reply link works once and opens a page that shows the reply before it is sent.",
  ];
}

function replyHtmlSection(replies: DigestReplyLine[], button: (href: string, label: string, primary: boolean) => string): string {
  if (replies.length === 0) return "";
  const one = (r: DigestReplyLine) =>
    `<div style="margin:10px 0;padding:10px;border:1px solid #d9dce3;border-radius:8px"><p style="margin:0 0 4px;font-size:13px;color:#5b6475">${esc(`${r.authorName} on ${r.platformLabel} (${r.webappName})`)}</p><p style="margin:0 0 8px;font-size:14px">${esc(r.text)}</p><p style="margin:0 0 4px;font-size:13px;color:#5b6475">Drafted reply</p><p style="margin:0;font-size:14px">${esc(r.draft)}</p><p>${button(r.sendUrl, "Send this reply", false)}</p></div>`;
  return `<h2 style="font-size:17px;margin:20px 0 6px">${esc(`${replies.length} comment${replies.length === 1 ? "" : "s"} need${replies.length === 1 ? "s" : ""} an answer`)}</h2>${replies.map(one).join("")}`;
}
