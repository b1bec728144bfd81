import { S3_FAKE_KEYS, S3Fake } from "../fakes/s3";
import { makeTestContext } from "./context";

/** The environment that points storage.driver s3 at a started S3Fake. */
export function s3StorageEnv(fake: S3Fake, endpoint: string): Record<string, string> {
  return {
    AMARKTAI_STORAGE_DRIVER: "s3",
    AMARKTAI_STORAGE_S3_BUCKET: fake.bucket,
    AMARKTAI_STORAGE_S3_ENDPOINT: endpoint,
    AMARKTAI_STORAGE_S3_ACCESS_KEY_ID: S3_FAKE_KEYS.accessKeyId,
    AMARKTAI_STORAGE_S3_SECRET_ACCESS_KEY: S3_FAKE_KEYS.secretAccessKey,
  };
}

/** A test context whose media live in a fresh bucket (s3rver on loopback); `stop` removes both. */
export async function s3TestContext(bucket: string, env: Record<string, string> = {}) {
  const fake = new S3Fake(bucket);
  const endpoint = await fake.start();
  const ctx = makeTestContext({ ...s3StorageEnv(fake, endpoint), ...env });
  return {
    ctx,
    fake,
    async stop() {
      ctx.cleanup();
      await fake.stop();
    },
  };
}
