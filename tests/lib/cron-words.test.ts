import { expect, test } from "bun:test";
import { cronInWords, dailyInWords } from "../../src/lib/cron-words";

const winter = new Date("2026-01-15T12:00:00Z");
const summer = new Date("2026-07-15T12:00:00Z");

test("schedules read in words and in the person's zone, daylight saving included", () => {
  expect(cronInWords("* * * * *", "Europe/Paris", winter)).toBe("every minute");
  expect(cronInWords("*/10 * * * *", "Europe/Paris", winter)).toBe("every 10 minutes");
  expect(cronInWords("15 * * * *", "UTC", winter)).toBe("every hour at 15 minutes past");
  expect(cronInWords("40 3 * * *", "Europe/Paris", winter)).toBe("every night at 04:40 Europe/Paris");
  expect(cronInWords("40 3 * * *", "Europe/Paris", summer)).toBe("every night at 05:40 Europe/Paris");
  expect(cronInWords("0 1 * * *", "America/New_York", winter)).toBe("every day at 20:00 America/New_York");
  expect(cronInWords("0 9 * * 1", "UTC", winter)).toBe("cron 0 9 * * 1 (UTC)");
  expect(dailyInWords("02:00", "Europe/Paris")).toBe("every night at 02:00 Europe/Paris");
});
