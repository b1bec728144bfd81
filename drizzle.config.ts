import { defineConfig } from "drizzle-kit";

// drizzle-kit reads every table file under src/db/schema and writes SQL migrations to migrations/.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/*.ts",
  out: "./migrations",
});
