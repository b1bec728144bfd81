import { expect, test } from "bun:test";
import { parseSettingsForm } from "../../src/approvals/settings-routes";

const form = (o: Record<string, string>) => ({ digestTime: "08:00", channels: "inapp", unapproved: "expire", autoApproveHours: "6", ...o });

test("hours in the approval settings are plain whole numbers: 0x10, 1e1 and an empty field are refused", () => {
  expect(parseSettingsForm(form({ linkLifetimeHours: "36" }))).toMatchObject({ linkLifetimeHours: 36 });
  for (const value of ["0x10", "1e1", "", " ", "0b1010"])
    expect(parseSettingsForm(form({ linkLifetimeHours: value })), value).toHaveProperty("error");
  expect(parseSettingsForm(form({ linkLifetimeHours: "36", autoApproveHours: "0x8" }))).toHaveProperty("error");
});
