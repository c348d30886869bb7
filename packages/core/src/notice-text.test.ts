import { describe, expect, it } from "vitest";
import { composeNoticeSms, composeNoticeText, formatSlotWindow, type NoticeTextInput } from "./notice-text";

const base: NoticeTextInput = {
  address: "1号楼 1单元 101",
  roundName: "第二轮全员核酸检测",
  site: { name: "杨家园小学操场", address: "酒泉路123号" },
  slot: { startsAt: "2026-12-01T04:00:00Z", endsAt: "2026-12-01T05:00:00Z" },
  homeVisit: false,
  adjusted: false,
};

describe("formatSlotWindow", () => {
  it("shows Beijing time with month and day", () => {
    expect(formatSlotWindow("2026-12-01T04:00:00Z", "2026-12-01T05:00:00Z")).toBe("12月1日 12:00–13:00");
  });

  it("crosses midnight: Beijing date, 24:00 at the day's end, the next day's date after it", () => {
    // 16:00Z is midnight in Beijing: the slot belongs to 12月2日.
    expect(formatSlotWindow("2026-12-01T16:00:00Z", "2026-12-01T17:00:00Z")).toBe("12月2日 00:00–01:00");
    expect(formatSlotWindow("2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z")).toBe("12月1日 23:00–24:00");
    expect(formatSlotWindow("2026-12-01T15:00:00Z", "2026-12-01T17:00:00+00:00")).toBe(
      "12月1日 23:00–12月2日 01:00",
    );
  });
});

describe("composeNoticeText", () => {
  it("tells who, which round, which point, when, and what to bring", () => {
    expect(composeNoticeText(base)).toBe(
      "1号楼 1单元 101住户：第二轮全员核酸检测，请于12月1日 12:00–13:00到杨家园小学操场（酒泉路123号）采样。" +
        "请携带身份证件或个人二维码，佩戴口罩，保持一米间距。",
    );
  });

  it("marks a moved slot as adjusted so nobody goes at the old time", () => {
    expect(composeNoticeText({ ...base, adjusted: true })).toMatch(/^【已调整】1号楼/);
  });

  it("tells a household sampled only at home to wait at home, without a point or time", () => {
    const text = composeNoticeText({ ...base, site: null, slot: null, homeVisit: true });
    expect(text).toContain("上门采样");
    expect(text).toContain("请在家等候");
    expect(text).not.toContain("杨家园小学操场");
    expect(text).not.toContain("12:00");
  });

  it("tells a mixed household that the bedridden member is visited while the others go", () => {
    const text = composeNoticeText({ ...base, homeVisit: true });
    expect(text).toContain("12月1日 12:00–13:00");
    expect(text).toContain("上门采样");
  });

  it("leaves out an empty point address", () => {
    expect(composeNoticeText({ ...base, site: { name: "操场", address: "" } })).toContain("到操场采样");
  });
});

describe("composeNoticeSms", () => {
  it("is the full text when it fits", () => {
    expect(composeNoticeSms(base)).toBe(composeNoticeText(base));
    expect(Array.from(composeNoticeSms(base)).length).toBeLessThanOrEqual(200);
  });

  it("drops the point's address, then cuts long names, but keeps the time", () => {
    const long: NoticeTextInput = {
      ...base,
      adjusted: true,
      homeVisit: true,
      roundName: "兰州市城关区酒泉路街道第二轮全员核酸检测（区级统一部署，四十八小时内完成）",
      site: { name: "杨家园社区杨家园小学操场东侧核酸采集点（风雨操场）", address: "酒泉路".repeat(40) },
    };
    const sms = composeNoticeSms(long);
    expect(Array.from(sms).length).toBeLessThanOrEqual(200);
    expect(sms).toContain("12月1日 12:00–13:00");
    expect(sms).toContain("【已调整】");
    expect(sms).not.toContain("酒泉路酒泉路");
    expect(composeNoticeSms(long, 60)).toHaveLength(60);
  });
});
