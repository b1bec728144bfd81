// Uses one-time links on its own SQLite connection in another thread, racing the test's uses of the same links.
import { openDatabase } from "../../src/db/client";
import { consumeLink } from "../../src/links/store";

declare const self: Worker;

self.onmessage = (e: MessageEvent<{ dbPath: string; tokens: string[]; purpose: string; now: number; start: SharedArrayBuffer }>) => {
  const db = openDatabase(e.data.dbPath);
  const gate = new Int32Array(e.data.start);
  Atomics.add(gate, 1, 1);
  Atomics.wait(gate, 0, 0);
  const won: string[] = [];
  for (const token of e.data.tokens) if ("link" in consumeLink(db, token, e.data.purpose, new Date(e.data.now))) won.push(token);
  db.$client.close();
  self.postMessage(won);
};
