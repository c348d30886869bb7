import { describe, expect, it } from "vitest";
import { checkMobile, phoneReasonMessage } from "./phone";

describe("checkMobile", () => {
  it.each([
    ["13812345678", "13812345678"],
    [" 138 1234 5678 ", "13812345678"],
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "13812345678"],
    ["+86-13812345678", "13812345678"],
    ["008613812345678", "13812345678"],
    ["8613812345678", "13812345678"],
    ["１３８１２３４５６７８", "13812345678"],
    ["19912345678", "19912345678"],
  ])("accepts %j as %s", (value, normalized) => {
    expect(checkMobile(value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ["", "empty"],
    [" - ", "empty"],
    ["1381234567", "length"],
    ["138123456789", "length"],
    ["+861381234567", "format"],
    ["86138123456", "format"],
    ["12812345678", "format"],
    ["23812345678", "format"],
    ["138l2345678", "format"],
    ["+85212345678", "format"],
  ])("rejects %j with %s", (value, reason) => {
    expect(checkMobile(value)).toEqual({ ok: false, reason });
  });
});

describe("phoneReasonMessage", () => {
  it("says how long a mobile number is", () => {
    expect(phoneReasonMessage("length", "zh")).toContain("手机号应为11位数字");
    expect(phoneReasonMessage("length", "en")).toContain("11 digits");
  });

  it("has a distinct sentence for every reason and language", () => {
    for (const lang of ["zh", "en"] as const) {
      const messages = (["empty", "length", "format"] as const).map((reason) =>
        phoneReasonMessage(reason, lang),
      );
      expect(new Set(messages).size).toBe(3);
    }
  });
});
