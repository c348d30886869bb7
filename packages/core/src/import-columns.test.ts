import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeFormula, fieldOfHeader, mapHeaders, unescapeFormula } from "./import-columns";

describe("mapHeaders", () => {
  it("recognises the headers communities write, in Chinese or English", () => {
    const headers = [
      "名字",
      "身份证号码",
      "联系电话",
      "社区",
      "网格",
      "楼号",
      "单元",
      "房号",
      "人员标签",
      "备注",
    ];
    const mapped = mapHeaders(headers);
    expect(mapped.missingFields).toEqual([]);
    expect(mapped.unmappedHeaders).toEqual(["备注"]);
    expect(mapped.columns).toMatchObject({ name: 0, id_number: 1, phone: 2, door: 7, flags: 8 });
    expect(fieldOfHeader(" ID Number ")).toBe("id_number");
    expect(fieldOfHeader("手机号（选填）")).toBe("phone");
    expect(fieldOfHeader("*姓名")).toBe("name");
    expect(fieldOfHeader("ｎａｍｅ")).toBe("name");
  });

  it("names the required columns that are missing; 证件类型, 手机号 and 标签 are optional", () => {
    const mapped = mapHeaders(["户主", "证件号码", "社区", "网格", "楼栋", "单元", "门牌号"]);
    expect(mapped.missingFields).toEqual(["name"]);
    expect(mapped.unmappedHeaders).toEqual(["户主"]);
  });

  it("lets the user's mapping win, and ignore a column with an empty field", () => {
    const mapped = mapHeaders(["户主", "姓名", "电话"], { 户主: "name", 电话: "" });
    expect(mapped.columns.name).toBe(0);
    expect(mapped.columns.phone).toBeUndefined();
    expect(mapped.unmappedHeaders).toEqual(["姓名", "电话"]);
  });

  it("gives a field claimed twice to the first column", () => {
    const mapped = mapHeaders(["手机", "电话"]);
    expect(mapped.columns.phone).toBe(0);
    expect(mapped.unmappedHeaders).toEqual(["电话"]);
  });
});

describe("formula guard", () => {
  it("keeps formula-looking cells text in a spreadsheet and gives them back unchanged on import", () => {
    expect(escapeFormula("=1+2")).toBe("'=1+2");
    expect(escapeFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(escapeFormula("雷敏")).toBe("雷敏");
    expect(unescapeFormula("'=1+2")).toBe("=1+2");
    expect(unescapeFormula("'雷敏")).toBe("'雷敏");
    const text = fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "a", "张") });
    fc.assert(
      fc.property(text, (value) => {
        expect(unescapeFormula(escapeFormula(value))).toBe(value);
      }),
    );
  });
});
