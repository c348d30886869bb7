/** Mainland mobile numbers: 11 digits starting 13–19, with or without the +86 country code. */

export type PhoneReason = "empty" | "length" | "format";

export type MobileResult = { ok: true; normalized: string } | { ok: false; reason: PhoneReason };

const COUNTRY_PREFIXES = ["+86", "0086", "86"] as const;

/**
 * Validates a mobile number as people type it ("138 1234 5678", "+86-138-1234-5678") and returns
 * the bare 11 digits, the one form stored, so duplicates and SMS lookups match.
 */
export function checkMobile(value: string): MobileResult {
  let digits = value
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-\u2010-\u2015\uFF0D]/g, "");
  if (digits === "") return { ok: false, reason: "empty" };
  for (const prefix of COUNTRY_PREFIXES) {
    const rest = digits.slice(prefix.length);
    if (digits.startsWith(prefix) && /^\d{11}$/.test(rest)) {
      digits = rest;
      break;
    }
  }
  if (!/^\d+$/.test(digits)) return { ok: false, reason: "format" };
  if (digits.length !== 11) return { ok: false, reason: "length" };
  if (!/^1[3-9]\d{9}$/.test(digits)) return { ok: false, reason: "format" };
  return { ok: true, normalized: digits };
}

/** Explains a rejected mobile number in a sentence the person at the desk can act on. */
export function phoneReasonMessage(reason: PhoneReason, lang: "zh" | "en"): string {
  const zh = lang === "zh";
  switch (reason) {
    case "empty":
      return zh ? "请填写手机号" : "Enter a mobile number";
    case "length":
      return zh
        ? "手机号应为11位数字，请核对位数"
        : "A mobile number has 11 digits: check for missing or extra digits";
    case "format":
      return zh
        ? "手机号格式不对：应为1开头、第二位为3–9的11位数字"
        : "This is not a mainland mobile number: it should be 11 digits starting with 13 to 19";
  }
}
