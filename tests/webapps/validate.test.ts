import { expect, test } from "bun:test";
import { sniffLogo } from "../../src/webapps/logo";
import { normalizeInput, validateWebapp } from "../../src/webapps/validate";
import { PNG_1X1 } from "../sites/pages";

const bytes = (s: string) => new TextEncoder().encode(s);

test("rules name the field and say what to do", () => {
  const cases: [object, string, RegExp][] = [
    [{ url: "example.com" }, "url", /https:\/\//],
    [{ name: "" }, "name", /Give the web app a name/],
    [{ name: "x".repeat(101) }, "name", /under 100/],
    [{ themeColor: "javascript:alert(1)" }, "themeColor", /not a colour/],
    [{ ogImageUrl: "data:image/png;base64,AAAA" }, "ogImageUrl", /https:\/\//],
    [{ ogImageUrl: "http://cdn.example/og.png" }, "ogImageUrl", /https:\/\//],
    [{ ogImageUrl: "https://127.0.0.1/og.png" }, "ogImageUrl", /loopback/],
    [{ ogImageUrl: "https://[::1]/og.png" }, "ogImageUrl", /loopback/],
    [{ ogImageUrl: "https://169.254.169.254/latest/meta-data" }, "ogImageUrl", /metadata/],
    [{ faviconUrl: "https://169.254.10.1/favicon.ico" }, "faviconUrl", /link-local/],
    [{ faviconUrl: "https://[fe80::1]/favicon.ico" }, "faviconUrl", /link-local/],
    [{ faviconUrl: "https://192.168.1.1/reboot" }, "faviconUrl", /private network/],
    [{ faviconUrl: "https://localhost:3000/x.png" }, "faviconUrl", /not a public web address/],
    [{ faviconUrl: "https://router/x.png" }, "faviconUrl", /not a public web address/],
    [{ brandColors: ["#12345"] }, "brandColors", /#rrggbb/],
    [{ platforms: ["myspace"] }, "platforms", /youtube, tiktok, instagram, facebook, x, linkedin/],
    [{ feeds: ["not a url"] }, "feeds", /one full https:\/\/ address per line/],
    [{ keywords: Array.from({ length: 31 }, (_, i) => `k${i}`) }, "keywords", /30 at most/],
    [{ utmSource: "has space" }, "utmSource", /letters, digits/],
  ];
  for (const [input, field, message] of cases) {
    const p = validateWebapp(normalizeInput(input));
    expect(p?.field).toBe(field);
    expect(p?.message).toMatch(message);
  }
  expect(
    validateWebapp(
      normalizeInput({
        url: "https://ok.example",
        themeColor: "#0f766e",
        brandColors: ["#AABBCC"],
        platforms: ["X"],
        utmSource: "{platform}",
      }),
    ),
  ).toBeUndefined();
});

test("logos are recognised by content, not by name", () => {
  expect(sniffLogo(PNG_1X1)).toBe("png");
  expect(sniffLogo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("jpg");
  expect(sniffLogo(new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]))).toBe("webp");
  expect(
    sniffLogo(
      bytes('\uFEFF<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ),
  ).toBe("svg");
  expect(sniffLogo(bytes("<html><svg></svg></html>"))).toBeUndefined();
  expect(sniffLogo(bytes("GIF89a...."))).toBeUndefined();
  expect(sniffLogo(new Uint8Array())).toBeUndefined();
});
