import { expect, test } from "bun:test";
import { formatCount as libFormatCount } from "../../src/lib/format";
import { formatCount } from "../../views/analytics/format";

test("the analytics page's count formatter writes exactly what lib/format's does", () => {
  const values = [0, 1, -1, 7, 999, 1000, 1234, 12_345, 999_999, 1_000_000, 123_456_789, 2 ** 40, -45_678, 0.5, 1234.5678, Number.NaN];
  for (const n of values) expect(formatCount(n)).toBe(libFormatCount(n));
  expect(formatCount(1_234_567)).toBe("1,234,567");
});
