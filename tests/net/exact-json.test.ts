import { expect, test } from "bun:test";
import { parseJsonExact } from "../../src/net/exact-json";

test("integers wider than a double stay exact as strings; everything else parses as JSON.parse does", () => {
  const text = '{"ids":[1111796527610324005,-9007199254740993,42],"f":1.5e300,"s":"1111796527610324005","n":null,"big":9007199254740991}';
  expect(parseJsonExact(text)).toEqual({
    ids: ["1111796527610324005", "-9007199254740993", 42],
    f: 1.5e300,
    s: "1111796527610324005",
    n: null,
    big: 9007199254740991,
  });
});
