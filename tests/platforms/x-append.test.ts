import { expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { appendSegment } from "../../src/platforms/x/client";
import { parseMultipart } from "../fakes/x";

// twitter-api-v2's own form-data builder (what forceBodyMode "form-data" sends), to compare bytes with.
const { FormDataHelper } = require("twitter-api-v2/dist/cjs/client-mixins/form-data.helper.js") as {
  FormDataHelper: new () => {
    _boundary: string;
    append(field: string, value: unknown): void;
    getBuffer(): Buffer;
    getHeaders(): Record<string, string>;
  };
};

test("an APPEND segment carries segment_index and the media bytes unchanged, byte for byte what the library's form-data mode sends", () => {
  const media = Buffer.concat([Buffer.from("--\r\n--boundary-looking bytes\r\n"), randomBytes(300 * 1024)]);
  const seg = appendSegment(7, media);
  expect(seg.args.forceBodyMode).toBe("raw");
  const contentType = seg.args.headers["content-type"]!;
  const parts = parseMultipart(seg.body, contentType);
  expect(parts.get("segment_index")?.toString()).toBe("7");
  expect(parts.get("media")?.equals(media)).toBe(true);

  const lib = new FormDataHelper();
  lib._boundary = contentType.split("boundary=")[1]!;
  lib.append("segment_index", 7);
  lib.append("media", media);
  expect(lib.getHeaders()["content-type"]).toBe(contentType);
  expect(lib.getBuffer().equals(seg.body)).toBe(true);
  // Each segment gets its own boundary.
  expect(appendSegment(0, media).args.headers["content-type"]).not.toBe(contentType);
});
