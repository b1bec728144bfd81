/**
 * The platform's id of a post from its address, for posts marked as posted by hand, where the platform can read a
 * post by that id: YouTube (watch?v=, youtu.be/, /shorts/), X (/status/), TikTok (/video/), Facebook (/reel/,
 * /videos/) and LinkedIn (urn:li:share / urn:li:ugcPost in /feed/update/). Instagram addresses carry a shortcode
 * the API cannot read by, so there is none. Undefined when the address does not hold one.
 */
export function remoteIdFromUrl(platform: string, address: string): string | undefined {
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    return undefined;
  }
  const host = u.hostname.replace(/^(www|m|mobile)\./, "");
  const path = decodeURIComponent(u.pathname);
  const first = (re: RegExp) => path.match(re)?.[1];
  switch (platform) {
    case "youtube":
      if (host === "youtu.be") return valid(path.slice(1), /^[\w-]{11}$/);
      if (host !== "youtube.com") return undefined;
      return valid(u.searchParams.get("v") ?? first(/^\/(?:shorts|live)\/([\w-]{11})/) ?? "", /^[\w-]{11}$/);
    case "x":
      return host === "x.com" || host === "twitter.com" ? first(/\/status(?:es)?\/(\d{1,20})(?:\/|$)/) : undefined;
    case "tiktok":
      return host.endsWith("tiktok.com") ? first(/\/video\/(\d{5,25})(?:\/|$)/) : undefined;
    case "facebook":
      return host === "facebook.com" ? (first(/^\/reel\/(\d+)/) ?? first(/\/videos\/(?:[^/]+\/)?(\d+)/)) : undefined;
    case "linkedin":
      return host === "linkedin.com" ? first(/\/feed\/update\/(urn:li:(?:share|ugcPost):\d+)/) : undefined;
    default:
      return undefined;
  }
}

function valid(id: string, re: RegExp): string | undefined {
  return re.test(id) ? id : undefined;
}
