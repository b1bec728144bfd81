import { expect, test } from "bun:test";
import { safeAvatarUrl } from "../../src/lib/comment-text";

test("an avatar is shown only from a platform's own image host over https", () => {
  expect(safeAvatarUrl("https://yt3.ggpht.com/a.jpg")).toBe("https://yt3.ggpht.com/a.jpg");
  expect(safeAvatarUrl("https://scontent.xx.fbcdn.net/p.jpg")).toBe("https://scontent.xx.fbcdn.net/p.jpg");
  expect(safeAvatarUrl("https://pbs.twimg.com/profile_images/1.jpg")).toBe("https://pbs.twimg.com/profile_images/1.jpg");
  // Anything else would tell its owner who reads the inbox and when.
  expect(safeAvatarUrl("https://tracker.example/pixel.gif")).toBeUndefined();
  expect(safeAvatarUrl("https://evilfbcdn.net/p.jpg")).toBeUndefined();
  expect(safeAvatarUrl("https://fbcdn.net.evil.example/p.jpg")).toBeUndefined();
  expect(safeAvatarUrl("http://yt3.ggpht.com/a.jpg")).toBeUndefined();
  expect(safeAvatarUrl("javascript:alert(1)")).toBeUndefined();
  expect(safeAvatarUrl(null)).toBeUndefined();
});
