// A parent process for the orphan test: starts one long ffmpeg encode through the app's runner and waits on it.
import { runFfmpeg } from "../../src/media/video/run";

await runFfmpeg(["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "120", "-f", "null", "-"]);
