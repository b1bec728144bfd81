import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { snapshotsOf } from "../../src/metrics/store";
import { cliSandbox, REPO_ROOT } from "../cli/helpers";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { publishedItem } from "./helpers";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Runs the real CLI without blocking this process (the fake platform answering it lives here). */
async function cli(dir: string, args: string[], env: Record<string, string>) {
  const p = Bun.spawn([process.execPath, join(REPO_ROOT, "src/cli/main.ts"), ...args], {
    cwd: dir,
    env: { ...process.env, AMARKTAI_CONFIG: "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, stdout, stderr };
}

describe("bun run cli metrics:collect [--item ID]", () => {
  test("reads what is due, then one item on demand; a bad id is bad input, an unknown one fails", async () => {
    const w = youtubeWorld();
    const box = cliSandbox();
    close = () => (w.close(), box.cleanup());
    const videoId = w.fake.addVideo();
    w.fake.setStats(videoId, { viewCount: 321, likeCount: 9, commentCount: 2 });
    const item = publishedItem(w.ctx, w.owner, "youtube", { remoteId: videoId });
    // The CLI runs on the wall clock, months after the test clock's publication: the first reading is due at once.
    const env = {
      ...w.fake.env(),
      AMARKTAI_DATA_DIR: join(w.ctx.dir, "data"),
      AMARKTAI_MEDIA_DIR: join(w.ctx.dir, "media"),
      AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
    };
    const all = await cli(box.dir, ["metrics:collect"], env);
    expect(all.stderr).not.toContain("error");
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("1 reading(s) stored");
    expect(all.stdout).toContain("1 new post(s) scheduled");
    const one = await cli(box.dir, ["metrics:collect", "--item", String(item.id)], env);
    expect(one.code).toBe(0);
    expect(snapshotsOf(w.ctx.db, item.id).map((s) => s.views)).toEqual([321, 321]);
    expect((await cli(box.dir, ["metrics:collect", "--item", "abc"], env)).code).toBe(2);
    const unknown = await cli(box.dir, ["metrics:collect", "--item", "999999"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("item #999999 is not a published post");
  });
});
