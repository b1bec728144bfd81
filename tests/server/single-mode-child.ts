// The appliance started as `bun src/main.ts` would, then a report of the PostgreSQL modules it loaded (none on a
// single box) on stderr once it listens: "PG-MODULES [...]".
import { startServer } from "../../src/server/start";

await startServer();
const loaded = Object.keys(require.cache).filter((path) =>
  /node_modules\/(pg|pg-boss|pg-pool|pg-protocol)\/|jobs\/queue\/pg-boss/.test(path),
);
console.error(`PG-MODULES ${JSON.stringify(loaded)}`);
