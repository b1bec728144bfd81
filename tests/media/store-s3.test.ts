import { expect, test } from "bun:test";
import { S3MediaStore } from "../../src/media/storage/s3";
import { openMediaStore } from "../../src/media/storage/open";
import { parseConfig } from "../../src/config/load";
import { presignedSignature, S3_FAKE_KEYS, S3Fake } from "../fakes/s3";
import { mediaStoreContract } from "./store-contract";

// s3rver runs in this process under Bun (its Koa server works on Bun's node:http); one per file, on a loopback port.
const fake = new S3Fake("media");

mediaStoreContract("s3 (s3rver)", async () => {
  const endpoint = await fake.start();
  const store = new S3MediaStore({ bucket: fake.bucket, endpoint, region: "us-east-1", ...S3_FAKE_KEYS, pathStyle: true });
  return {
    store,
    fetchSigned: (url) => fetch(url),
    // Presigned URLs count whole seconds from X-Amz-Date (cut to the second), so give them two and wait three.
    shortTtlMs: 2000,
    outlive: () => Bun.sleep(3100),
    stop: () => fake.stop(),
  };
});

test("the fake checks signatures as S3 documents them (the documented example signs to its documented value)", () => {
  const query = new URLSearchParams(
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host",
  );
  const sig = presignedSignature(
    { method: "GET", path: "/test.txt", query, headers: { host: "examplebucket.s3.amazonaws.com" } },
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  );
  expect(sig).toBe("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
});

test("storage.driver s3 opens the bucket; the config refuses s3 without a bucket or keys", () => {
  const config = parseConfig("storage:\n  driver: s3\n  s3_bucket: media\n  s3_endpoint: http://127.0.0.1:9\n", undefined, {
    AMARKTAI_STORAGE_S3_ACCESS_KEY_ID: "id",
    AMARKTAI_STORAGE_S3_SECRET_ACCESS_KEY: "secret",
  });
  expect(openMediaStore(config, () => "").driver).toBe("s3");
  expect(() => parseConfig("storage:\n  driver: s3\n  s3_bucket: media\n", undefined, {})).toThrow(/s3_access_key_id/);
  expect(openMediaStore(parseConfig("", undefined, {}), () => "").driver).toBe("folder");
});
