import { describe, test } from "bun:test";
import { postgresMissing } from "../support/postgres";
import { underCI } from "../support/tools";

/**
 * `describe` for suites that need PostgreSQL: skipped with postgresMissing's reason where the server binaries are absent,
 * a failure under CI (where src/cli/apt-packages.txt installs them).
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (!postgresMissing) return describe(name, body);
  console.log(postgresMissing);
  if (underCI())
    test("PostgreSQL is installed", () => {
      throw new Error(postgresMissing);
    });
  else test.skip(postgresMissing, () => {});
}
