import { startServer } from "./server/start";

// The appliance's entry point; src/server/start.ts holds the start-up and shutdown sequence.
await startServer();
