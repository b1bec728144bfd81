// Runs approvals on its own SQLite connection in another thread, racing the test's rejections.
import { openDatabase } from "../../src/db/client";
import { transition } from "../../src/content/state";

declare const self: Worker;

self.onmessage = (e: MessageEvent<{ dbPath: string; ids: number[]; userId: number }>) => {
  const db = openDatabase(e.data.dbPath);
  self.postMessage("ready");
  let approved = 0;
  for (const id of e.data.ids)
    if (transition(db, id, "approved", { userId: e.data.userId, channel: "email" }, { from: ["pending_approval"], now: new Date() }))
      approved++;
  db.$client.close();
  self.postMessage(approved);
};
