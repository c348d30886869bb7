import { describe, expect, it } from "vitest";
import type { IdType } from "./id-document";
import { checkIdDocument, ID_TYPE_LABELS, ID_TYPES, idReasonMessage, parseIdType } from "./id-document";
import type { IdReason } from "./id-number";
import { cnIdCheckDigit, makeCnIdNumber } from "./id-number";

const TODAY = new Date("2024-06-01T04:00:00Z");

function reasonOf(type: IdType, value: string): string {
  const result = checkIdDocument(type, value, TODAY);
  return result.ok ? "ok" : result.reason;
}

function withCheckDigit(first17: string): string {
  return first17 + cnIdCheckDigit(first17);
}

describe("parseIdType", () => {
  it.each([
    ["居民身份证", "cn_id"],
    ["身份证", "cn_id"],
    [" 二代身份证 ", "cn_id"],
    ["Resident ID card", "cn_id"],
    ["cn_id", "cn_id"],
    ["护照", "passport"],
    ["PASSPORT", "passport"],
    ["回乡证", "hk_macao_permit"],
    ["港澳居民来往内地通行证", "hk_macao_permit"],
    ["台胞证", "taiwan_permit"],
    ["台湾居民来往大陆通行证", "taiwan_permit"],
    ["居住证", "hmt_residence_permit"],
    ["港澳台居民居住证", "hmt_residence_permit"],
    ["永居证", "foreigner_permit"],
    ["绿卡", "foreigner_permit"],
    ["foreign permanent resident id card", "foreigner_permit"],
  ])("reads %j as %s", (label, type) => {
    expect(parseIdType(label)).toBe(type);
  });

  it("reads every code and label it publishes", () => {
    for (const type of ID_TYPES) {
      expect(parseIdType(type)).toBe(type);
      expect(parseIdType(ID_TYPE_LABELS[type].zh)).toBe(type);
      expect(parseIdType(ID_TYPE_LABELS[type].en)).toBe(type);
    }
  });

  it.each(["", "驾驶证", "toString", "constructor"])("does not guess for %j", (label) => {
    expect(parseIdType(label)).toBeUndefined();
  });
});

describe("checkIdDocument", () => {
  it("checks resident IDs with GB 11643 and returns birth date and sex", () => {
    expect(checkIdDocument("cn_id", "11010519491231002x", TODAY)).toEqual({
      ok: true,
      normalized: "11010519491231002X",
      birthDate: "1949-12-31",
      sex: "F",
    });
    expect(reasonOf("cn_id", "110105194912310021")).toBe("check_digit");
  });

  it("accepts residence permits only with a Hong Kong, Macao or Taiwan prefix", () => {
    for (const regionCode of ["810000", "820000", "830000"]) {
      const value = makeCnIdNumber({ regionCode, birthDate: "1990-05-06", sequence: 11 });
      expect(checkIdDocument("hmt_residence_permit", value, TODAY)).toEqual({
        ok: true,
        normalized: value,
        birthDate: "1990-05-06",
        sex: "M",
      });
    }
    expect(reasonOf("hmt_residence_permit", "11010519491231002X")).toBe("region");
    expect(
      reasonOf(
        "hmt_residence_permit",
        makeCnIdNumber({ regionCode: "810100", birthDate: "1990-05-06", sequence: 1 }),
      ),
    ).toBe("region");
    expect(reasonOf("hmt_residence_permit", "810000199005060111")).not.toBe("ok");
  });

  it.each<[IdType, string, string]>([
    ["passport", "E12345678", "ok"],
    ["passport", "ｅａ１２３４５６７", "ok"],
    ["passport", "x1234", "ok"],
    ["passport", "A123", "length"],
    ["passport", "A12345678901234567", "length"],
    ["passport", "E1234-678", "format"],
    ["passport", " ", "empty"],
    ["hk_macao_permit", "H12345678", "ok"],
    ["hk_macao_permit", "m1234567890", "ok"],
    ["hk_macao_permit", "H1234567", "length"],
    ["hk_macao_permit", "H123456789", "length"],
    ["hk_macao_permit", "C12345678", "format"],
    ["taiwan_permit", "12345678", "ok"],
    ["taiwan_permit", "1234567801", "ok"],
    ["taiwan_permit", "123456789", "length"],
    ["taiwan_permit", "T2345678", "format"],
    ["foreigner_permit", "usa110079012345", "ok"],
    ["foreigner_permit", "US1100790123456", "format"],
    ["foreigner_permit", "USA1100790123", "length"],
    ["foreigner_permit", withCheckDigit("93184019850615001"), "ok"],
    ["foreigner_permit", withCheckDigit("13184019850615001"), "format"],
    ["foreigner_permit", withCheckDigit("93184019850231001"), "birth_date_invalid"],
    ["foreigner_permit", withCheckDigit("93184020300101001"), "birth_date_future"],
    ["foreigner_permit", "931840198506150010", "check_digit"],
  ])("%s %j → %s", (type, value, reason) => {
    expect(reasonOf(type, value)).toBe(reason === "ok" ? "ok" : reason);
  });

  it("returns the normalized form and the embedded birth date of a 2023 foreigner permit", () => {
    const value = withCheckDigit("93184019850615001");
    expect(checkIdDocument("foreigner_permit", ` ${value.toLowerCase()} `, TODAY)).toEqual({
      ok: true,
      normalized: value,
      birthDate: "1985-06-15",
    });
  });
});

describe("idReasonMessage", () => {
  const reasons: IdReason[] = [
    "empty",
    "length",
    "format",
    "region",
    "birth_date_invalid",
    "birth_date_future",
    "birth_date_too_old",
    "check_digit",
  ];

  it("uses the wording registrars know for a wrong check digit", () => {
    expect(idReasonMessage("check_digit", "zh")).toBe("身份证号校验位错误，请核对最后一位");
    expect(idReasonMessage("check_digit", "en")).toBe(
      "The check digit (last character) is wrong: re-check the number",
    );
  });

  it("tells the registrar the expected form of the document chosen", () => {
    expect(idReasonMessage("length", "zh", "hk_macao_permit")).toContain("H或M开头");
    expect(idReasonMessage("length", "en", "passport")).toContain("5 to 17");
    expect(idReasonMessage("region", "zh", "hmt_residence_permit")).toContain("810000");
  });

  it("has a distinct sentence for every reason, type and language", () => {
    for (const type of ID_TYPES) {
      for (const lang of ["zh", "en"] as const) {
        const messages = reasons.map((reason) => idReasonMessage(reason, lang, type));
        expect(new Set(messages).size).toBe(reasons.length);
        for (const message of messages) expect(message.length).toBeGreaterThan(5);
      }
    }
  });
});
