/**
 * Natural ordering of door numbers (门牌号) such as "3-2-502", "10号楼" or "A12": runs of digits
 * compare as numbers, everything else character by character, so 502 comes before 1001.
 *
 * `compareDoor` and `doorSortKey` implement the same order: the key is stored in the database
 * and sorted with COLLATE "C" (UTF-8 byte order, which is code-point order), and `compareDoor`
 * compares code points too. JavaScript's `<` compares UTF-16 code units, which agrees except
 * between characters above U+FFFF and those in U+E000–U+FFFF.
 */

type Item = { kind: "text"; codePoint: number } | { kind: "number"; digits: string };

/** Any ASCII digit stands for a number when a number meets text, in the key and in compareDoor. */
const DIGIT_CODE_POINT = 0x30;
/** Ends the key's body; below every character the body can hold, so "3-2" sorts before "3-2-1". */
const KEY_SEPARATOR = "\u0001";

/**
 * Compares two door numbers for sorting lists of households; a total order, with values that
 * read the same (e.g. "02" and "2") ordered by their raw text so sorting is deterministic.
 */
export function compareDoor(a: string, b: string): number {
  const left = toItems(a);
  const right = toItems(b);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const order = compareItems(left[i] as Item, right[i] as Item);
    if (order !== 0) return order;
  }
  if (left.length !== right.length) return left.length < right.length ? -1 : 1;
  return compareCodePoints(a, b);
}

/**
 * Builds the key stored beside a door number so `ORDER BY door_sort_key COLLATE "C"` gives the
 * order of `compareDoor`. Each digit run becomes a length code and its digits without leading
 * zeros ("502" → "3502"), so numbers of any length sort numerically; the raw value follows a
 * separator as the tiebreak.
 */
export function doorSortKey(value: string): string {
  let body = "";
  for (const item of toItems(value)) {
    body +=
      item.kind === "text"
        ? String.fromCodePoint(item.codePoint)
        : encodeLength(item.digits.length) + item.digits;
  }
  return body + KEY_SEPARATOR + value;
}

/**
 * Splits a value into characters and digit runs (leading zeros dropped). Full-width digits count
 * as digits, as spreadsheets typed with a Chinese input method hold them; control characters
 * are ignored so the key separator stays below everything in the body.
 */
function toItems(value: string): Item[] {
  const items: Item[] = [];
  let run: string | undefined;
  for (const char of arabiciseChineseNumerals(value)) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x20) continue;
    const digit = codePoint >= 0xff10 && codePoint <= 0xff19 ? String(codePoint - 0xff10) : char;
    if (/^[0-9]$/.test(digit)) {
      run = (run ?? "") + digit;
      continue;
    }
    if (run !== undefined) items.push({ kind: "number", digits: run.replace(/^0+/, "") });
    run = undefined;
    items.push({ kind: "text", codePoint });
  }
  if (run !== undefined) items.push({ kind: "number", digits: run.replace(/^0+/, "") });
  return items;
}

function compareItems(a: Item, b: Item): number {
  if (a.kind === "number" && b.kind === "number") {
    if (a.digits.length !== b.digits.length) return a.digits.length < b.digits.length ? -1 : 1;
    return a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  }
  const left = a.kind === "text" ? a.codePoint : DIGIT_CODE_POINT;
  const right = b.kind === "text" ? b.codePoint : DIGIT_CODE_POINT;
  return left - right;
}

/**
 * An order-preserving, self-delimiting code for a digit count made only of digits: 0–8 are one
 * character, 9 and up are "9" followed by the code for the count minus 9.
 */
function encodeLength(length: number): string {
  return length <= 8 ? String(length) : `9${encodeLength(length - 9)}`;
}

function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const order = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (order !== 0) return order < 0 ? -1 : 1;
  }
  return Math.sign(left.length - right.length);
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
// A Chinese numeral counts as a number only where an address uses one: after 第, or before a
// counter such as 网格, 号, 单元 or 栋 — so 第十二网格 sorts after 第二网格, but 十里店 stays text.
const CN_NUMERAL_RUN =
  /(?<=第)[零〇一二两三四五六七八九十百千]+|[零〇一二两三四五六七八九十百千]+(?=网格|号|单元|栋|幢|楼|层|组|期|区)/g;

function arabiciseChineseNumerals(value: string): string {
  return value.replace(CN_NUMERAL_RUN, (run) => String(parseChineseNumeral(run)));
}

/** 十二 → 12, 二十 → 20, 一百零五 → 105, 一〇一 → 101 (digit by digit when there is no 十/百/千). */
function parseChineseNumeral(run: string): number {
  if (!/[十百千]/.test(run)) return Number([...run].map((c) => CN_DIGITS[c] ?? 0).join(""));
  let total = 0;
  let digit = 0;
  for (const char of run) {
    const unit = CN_UNITS[char];
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else {
      digit = CN_DIGITS[char] ?? 0;
    }
  }
  return total + digit;
}
