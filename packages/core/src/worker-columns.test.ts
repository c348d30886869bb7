import { describe, expect, it } from "vitest";
import { parseBadgeText, publicWorkerName } from "./badge";
import {
  mapWorkerHeaders,
  parseAvailability,
  parseQualifications,
  parseWorkerSource,
} from "./worker-columns";

describe("workforce spreadsheet cells", () => {
  it("finds the columns whatever the community called them", () => {
    expect(
      mapWorkerHeaders(["序号", " 姓 名 ", "联系电话", "人员类别", "所在医院", "紧急联系人电话"]),
    ).toEqual({
      name: 1,
      phone: 2,
      source: 3,
      hospital: 4,
      emergencyPhone: 5,
    });
  });

  it("reads categories and skills as written, and names the words it does not know", () => {
    expect(parseWorkerSource("下沉干部")).toBe("cadre");
    expect(parseWorkerSource(" 医务人员 ")).toBe("medic");
    expect(parseWorkerSource("外星人")).toBeUndefined();
    expect(parseQualifications("党员、退役军人，司机")).toEqual({
      qualifications: ["party_member", "veteran", "driver"],
      unknown: [],
    });
    expect(parseQualifications("消杀 会飞").unknown).toEqual(["会飞"]);
  });

  it("reads times in China time, past midnight included, and refuses what it cannot read", () => {
    expect(parseAvailability("2026-11-29 20:00-02:00；2026/11/30 8:00 至 2026/11/30 12:30")).toEqual([
      { start: "2026-11-29T12:00:00.000Z", end: "2026-11-29T18:00:00.000Z" },
      { start: "2026-11-30T00:00:00.000Z", end: "2026-11-30T04:30:00.000Z" },
    ]);
    expect(parseAvailability("")).toEqual([]);
    expect(parseAvailability("明天上午")).toBeUndefined();
    expect(parseAvailability("2026-02-30 08:00-12:00")).toBeUndefined();
  });
});

describe("badges", () => {
  it("reads the QR text or a typed armband number, in any case", () => {
    expect(parseBadgeText("SQB1.abcdefghijklmnopqrstuv")).toEqual({
      kind: "code",
      code: "abcdefghijklmnopqrstuv",
    });
    expect(parseBadgeText(" b00123 ")).toEqual({ kind: "number", badgeNo: "B00123" });
    expect(parseBadgeText("SQB1.")).toBeNull();
    expect(parseBadgeText("hello")).toBeNull();
  });

  it("shows a number instead of a hidden name", () => {
    expect(publicWorkerName({ name: "王小红", hideName: true, badgeNo: "B00007" })).toBe("志愿者 B00007");
    expect(publicWorkerName({ name: "王小红", hideName: false, badgeNo: "B00007" })).toBe("王小红");
  });
});
