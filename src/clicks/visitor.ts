/** User agents of link previews, crawlers and bots: their fetches are not an audience's clicks. */
const NOT_A_PERSON =
  /bot\b|bot\/|crawler|spider|preview|twitterbot|facebookexternalhit|facebookcatalog|linkedinbot|slackbot|slack-imgproxy|telegrambot|discordbot|whatsapp|skypeuripreview|embedly|pinterest|redditbot|applebot|googlebot|bingbot|headlesschrome|curl\/|wget\/|python-requests|go-http-client|okhttp|httpclient|java\//i;

/** Why a request to a short link is not counted as a click (HEAD, prefetch, a preview agent or bot), or undefined when it counts. */
export function notAClickReason(request: Request): string | undefined {
  if (request.method !== "GET") return "method";
  const h = request.headers;
  const purpose = `${h.get("purpose") ?? ""} ${h.get("sec-purpose") ?? ""} ${h.get("x-purpose") ?? ""}`.toLowerCase();
  if (purpose.includes("prefetch") || purpose.includes("preview")) return "prefetch";
  if ((h.get("x-moz") ?? "").toLowerCase().includes("prefetch")) return "prefetch";
  const agent = h.get("user-agent") ?? "";
  if (agent.trim() === "") return "no user agent";
  if (NOT_A_PERSON.test(agent)) return "bot";
  return undefined;
}
