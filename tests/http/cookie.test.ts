import { expect, test } from "bun:test";
import { cookieValue } from "../../src/http/session";

test("cookieValue finds the named cookie and nothing that merely looks like it", () => {
  expect(cookieValue("amk_session=abc", "amk_session")).toBe("abc");
  expect(cookieValue("theme=dark; amk_session=abc; lang=en", "amk_session")).toBe("abc");
  expect(cookieValue("theme=dark;amk_session=abc", "amk_session")).toBe("abc");
  expect(cookieValue("  amk_session=abc  ", "amk_session")).toBe("abc");
  expect(cookieValue("xamk_session=evil; amk_session=good", "amk_session")).toBe("good");
  expect(cookieValue("amk_session_old=evil", "amk_session")).toBeUndefined();
  expect(cookieValue("amk_session=", "amk_session")).toBeUndefined();
  expect(cookieValue("theme=amk_session=evil", "amk_session")).toBeUndefined();
  expect(cookieValue("", "amk_session")).toBeUndefined();
  expect(cookieValue("__Host-amk_session=abc", "__Host-amk_session")).toBe("abc");
  expect(cookieValue("__Host-amk_session=abc", "amk_session")).toBeUndefined();
});
