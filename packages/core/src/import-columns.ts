/**
 * The columns of a residents spreadsheet (花名册) as communities keep them: which header means
 * which field, in Chinese or English, and how cells that look like formulas are kept as text.
 * The same columns come back out of an export, so an export re-imports cleanly.
 */

export const IMPORT_FIELDS = [
  "name",
  "id_type",
  "id_number",
  "phone",
  "community",
  "grid",
  "building",
  "unit",
  "door",
  "flags",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A row cannot be placed without these; 证件类型, 手机号 and 标签 may be left out. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = [
  "name",
  "id_number",
  "community",
  "grid",
  "building",
  "unit",
  "door",
];

/** The header written by exports and shown in the mapping UI, in the order of the columns. */
export const IMPORT_FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {
  name: { zh: "姓名", en: "Name" },
  id_type: { zh: "证件类型", en: "ID type" },
  id_number: { zh: "证件号码", en: "ID number" },
  phone: { zh: "手机号", en: "Phone" },
  community: { zh: "社区", en: "Community" },
  grid: { zh: "网格", en: "Grid" },
  building: { zh: "楼栋", en: "Building" },
  unit: { zh: "单元", en: "Unit" },
  door: { zh: "门牌号", en: "Door number" },
  flags: { zh: "标签", en: "Flags" },
};

/** The column added to a file of rejected rows. */
export const REJECTED_REASON_HEADER = "错误原因";

/** Headers people actually write, after `normalizeHeader`. A Map, so "constructor" is not a hit. */
const SYNONYMS: ReadonlyMap<string, ImportField> = new Map(
  (
    [
      ["name", ["姓名", "名字", "居民姓名", "人员姓名", "name", "fullname"]],
      ["id_type", ["证件类型", "证件种类", "证件类别", "type", "idtype", "documenttype"]],
      [
        "id_number",
        [
          "证件号码",
          "身份证号",
          "身份证号码",
          "证件号",
          "身份证",
          "公民身份号码",
          "idnumber",
          "idno",
          "documentnumber",
        ],
      ],
      [
        "phone",
        ["手机号", "手机", "电话", "联系电话", "手机号码", "电话号码", "联系方式", "phone", "mobile", "tel"],
      ],
      ["community", ["社区", "所属社区", "社区名称", "community"]],
      ["grid", ["网格", "所属网格", "网格名称", "grid"]],
      ["building", ["楼栋", "楼号", "栋", "楼栋号", "楼", "building"]],
      ["unit", ["单元", "单元号", "unit"]],
      ["door", ["门牌号", "房号", "户号", "门牌", "房间号", "室", "door", "doornumber", "room"]],
      ["flags", ["标签", "人员标签", "特殊人群", "人员类别", "flags", "tags"]],
    ] as const
  ).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
);

/**
 * Folds a header for matching: full-width forms made half-width, spaces, underscores and
 * required-field stars removed, a trailing note in brackets ("手机号（选填）") dropped.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[(（[【][^)）\]】]*[)）\]】]\s*$/u, "")
    .replace(/[\s_*＊:：-]+/g, "")
    .toLowerCase();
}

/** The field a header means, or undefined when it is not one we know. */
export function fieldOfHeader(header: string): ImportField | undefined {
  return SYNONYMS.get(normalizeHeader(header));
}

export interface HeaderMapping {
  /** Each mapped file header and its field. */
  mapping: Record<string, ImportField>;
  /** Column index of each mapped field (the first column when a header repeats). */
  columns: Partial<Record<ImportField, number>>;
  /** Required fields no column maps to. */
  missingFields: ImportField[];
  /** Non-empty file headers that map to nothing: the UI offers them for mapping. */
  unmappedHeaders: string[];
}

/**
 * Maps a file's header row to fields. `userMapping` (file header → field, or "" to ignore the
 * column) overrides what the synonyms recognise; a field claimed twice keeps its first column.
 */
export function mapHeaders(
  headers: readonly string[],
  userMapping: Readonly<Record<string, string>> = {},
): HeaderMapping {
  const mapping: Record<string, ImportField> = {};
  const columns: Partial<Record<ImportField, number>> = {};
  const unmappedHeaders: string[] = [];
  const chosen = (header: string): ImportField | undefined => {
    if (Object.hasOwn(userMapping, header)) {
      const wanted = userMapping[header];
      return (IMPORT_FIELDS as readonly string[]).includes(wanted ?? "")
        ? (wanted as ImportField)
        : undefined;
    }
    return fieldOfHeader(header);
  };
  // User choices first, so a header the user mapped wins over one the synonyms guessed.
  const order = headers
    .map((header, index) => ({ header: header.trim(), index }))
    .sort(
      (a, b) => Number(Object.hasOwn(userMapping, b.header)) - Number(Object.hasOwn(userMapping, a.header)),
    );
  const taken = new Set<number>();
  for (const { header, index } of order) {
    if (header === "") continue;
    const field = chosen(header);
    if (field && columns[field] === undefined) {
      columns[field] = index;
      mapping[header] = field;
      taken.add(index);
    }
  }
  for (const [index, raw] of headers.entries()) {
    const header = raw.trim();
    if (header !== "" && !taken.has(index) && !unmappedHeaders.includes(header)) unmappedHeaders.push(header);
  }
  const missingFields = REQUIRED_IMPORT_FIELDS.filter((f) => columns[f] === undefined);
  return { mapping, columns, missingFields, unmappedHeaders };
}

/** How many of a row's cells are headers we recognise: finds the header row under a title row. */
export function countKnownHeaders(cells: readonly string[]): number {
  const fields = new Set(cells.map((c) => fieldOfHeader(c)).filter((f) => f !== undefined));
  return fields.size;
}

/** A cell a spreadsheet would run as a formula, behind any apostrophes already there. */
const FORMULA = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * Prefixes a cell that a spreadsheet would run as a formula (= + - @, tab, CR) with an
 * apostrophe, so an exported name such as "=HYPERLINK(…)" stays text when the file is opened.
 * A cell that already starts with apostrophes before such a character gets one more, so
 * `unescapeFormula` always gives back exactly what was escaped.
 */
export function escapeFormula(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** Undoes `escapeFormula` on import, so an exported file re-imports to the same values. */
export function unescapeFormula(value: string): string {
  return value.charCodeAt(0) === 39 && ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}
