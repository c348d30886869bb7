/**
 * Columns of a workforce spreadsheet as communities keep them (Chinese headers, free-text
 * categories and skills) and how each cell becomes a stored value.
 */
import { QUALIFICATIONS, type Qualification } from "./work-zones";
import type { AvailabilityWindow, WorkerSource } from "./worker-schema";

export const WORKER_IMPORT_FIELDS = [
  "name",
  "phone",
  "source",
  "sourceOrg",
  "hospital",
  "sourceCity",
  "qualifications",
  "emergencyContact",
  "emergencyPhone",
  "availability",
  "hideName",
  "note",
] as const;
export type WorkerImportField = (typeof WORKER_IMPORT_FIELDS)[number];

/** Header texts per field, compared without spaces and case; the first is the template's. */
export const WORKER_HEADER_ALIASES: Record<WorkerImportField, readonly string[]> = {
  name: ["姓名", "名字", "name"],
  phone: ["手机号", "手机", "手机号码", "联系电话", "电话", "联系方式", "phone", "mobile"],
  source: ["来源", "人员类别", "类别", "身份", "人员类型", "source"],
  sourceOrg: ["派出单位", "单位", "工作单位", "所在单位", "所属组织", "组织", "organisation", "org"],
  hospital: ["医院", "所在医院", "医疗机构", "hospital"],
  sourceCity: ["城市", "所在城市", "来自", "city"],
  qualifications: ["资质", "技能", "特长", "资质技能", "qualifications", "skills"],
  emergencyContact: ["紧急联系人", "emergencycontact"],
  emergencyPhone: ["紧急联系电话", "紧急联系人电话", "紧急电话", "emergencyphone"],
  availability: ["可服务时间", "服务时间", "可用时间", "可服务时段", "availability"],
  hideName: ["不公开姓名", "隐藏姓名", "匿名", "hidename"],
  note: ["备注", "note"],
};

const squash = (text: string) => text.replace(/[\s\u3000]+/g, "").toLowerCase();

/** Which column holds which field: the first header matching an alias wins. */
export function mapWorkerHeaders(headers: readonly string[]): Partial<Record<WorkerImportField, number>> {
  const columns: Partial<Record<WorkerImportField, number>> = {};
  headers.forEach((header, ix) => {
    const key = squash(header);
    if (key === "") return;
    for (const field of WORKER_IMPORT_FIELDS) {
      if (columns[field] !== undefined) continue;
      if (WORKER_HEADER_ALIASES[field].some((alias) => squash(alias) === key)) {
        columns[field] = ix;
        return;
      }
    }
  });
  return columns;
}

const SOURCE_WORDS: [WorkerSource, readonly string[]][] = [
  ["staff", ["社区工作人员", "社区工作者", "社区干部", "工作人员", "社工", "网格员", "staff"]],
  ["cadre", ["下沉干部", "机关干部", "干部", "党员干部", "cadre"]],
  ["medic", ["医护人员", "医护", "医务人员", "医生", "护士", "医疗队", "医务", "medic"]],
  ["volunteer", ["志愿者", "居民志愿者", "市民志愿者", "群众", "volunteer"]],
  ["org_member", ["社会组织成员", "社会组织", "社会组织志愿者", "社团", "org_member"]],
];

/** The source a category cell names ("下沉干部" → cadre), or undefined. */
export function parseWorkerSource(cell: string): WorkerSource | undefined {
  const key = squash(cell);
  for (const [source, words] of SOURCE_WORDS) if (words.some((w) => squash(w) === key)) return source;
  return undefined;
}

const QUALIFICATION_WORDS: Record<Qualification, readonly string[]> = {
  may_swab: ["医护采样资质", "采样资质", "采样", "执业资格", "医师", "护士", "医护", "may_swab"],
  disinfection: ["消杀", "消毒", "disinfection"],
  driver: ["驾驶员", "司机", "驾驶", "driver"],
  counselling: ["心理疏导", "心理咨询", "心理", "counselling"],
  party_member: ["党员", "中共党员", "party_member"],
  veteran: ["退役军人", "老兵", "复员军人", "veteran"],
};

/** Skills in one cell ("党员、消杀"): the recognised ones, and the words not recognised. */
export function parseQualifications(cell: string): { qualifications: Qualification[]; unknown: string[] } {
  const found = new Set<Qualification>();
  const unknown: string[] = [];
  for (const word of cell.split(/[,，、;；/|\s]+/)) {
    const key = squash(word);
    if (key === "") continue;
    const hit = QUALIFICATIONS.find((q) => QUALIFICATION_WORDS[q].some((w) => squash(w) === key));
    if (hit) found.add(hit);
    else unknown.push(word);
  }
  return { qualifications: [...found], unknown };
}

/** "是", "Y", "1", "true" → true; anything else false. */
export function parseYes(cell: string): boolean {
  return ["是", "y", "yes", "1", "true", "√", "✓"].includes(squash(cell));
}

const DATE = String.raw`(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?`;
const TIME = String.raw`(\d{1,2})[:：](\d{2})`;
const SAME_DAY = new RegExp(`^${DATE}${TIME}[-–~～至到]+${TIME}$`);
const TWO_DAYS = new RegExp(`^${DATE}${TIME}[-–~～至到]+${DATE}${TIME}$`);

/**
 * Availability in a cell, China time: "2026-11-29 08:00-12:00; 2026-11-30 20:00 ~ 2026-12-01
 * 02:00". Windows are separated by ";", "；" or new lines. Undefined when a part is unreadable.
 */
export function parseAvailability(cell: string): AvailabilityWindow[] | undefined {
  const windows: AvailabilityWindow[] = [];
  for (const part of cell.split(/[;；\n]+/)) {
    const text = part.replace(/[\s\u3000]+/g, "");
    if (text === "") continue;
    const m = SAME_DAY.exec(text);
    const m2 = m ? null : TWO_DAYS.exec(text);
    let start: string | undefined;
    let end: string | undefined;
    if (m) {
      const [, y, mo, d, h1, m1, h2, m2] = m as unknown as string[];
      start = shanghai(y, mo, d, h1, m1);
      end = shanghai(y, mo, d, h2, m2);
      // "20:00-02:00" runs past midnight.
      if (start && end && Date.parse(end) <= Date.parse(start)) {
        end = new Date(Date.parse(end) + 86_400_000).toISOString();
      }
    } else if (m2) {
      const [, y, mo, d, h1, mi1, y2, mo2, d2, h2, mi2] = m2 as unknown as string[];
      start = shanghai(y, mo, d, h1, mi1);
      end = shanghai(y2, mo2, d2, h2, mi2);
    }
    if (!start || !end || Date.parse(end) <= Date.parse(start)) return undefined;
    windows.push({ start, end });
  }
  return windows;
}

function shanghai(...parts: (string | undefined)[]): string | undefined {
  const [y, mo, d, h, mi] = parts.map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi);
  const check = new Date(ms + 8 * 3_600_000);
  if (check.getUTCDate() !== d && !(h === 24 && mi === 0)) return undefined;
  return new Date(ms).toISOString();
}

/** Why a row of a workforce list is left out (`WorkerRowError.reason`). */
export type WorkerImportReason =
  | "required"
  | "too_long"
  | "phone_empty"
  | "phone_length"
  | "phone_format"
  | "emergency_phone_format"
  | "source"
  | "qualification"
  | "availability"
  | "duplicate_in_file";

/**
 * Each reason as the preview table shows it and as the rejected-rows file's 错误原因 column
 * writes it: what is wrong and what to write instead.
 */
export const WORKER_IMPORT_REASON_LABELS: Record<WorkerImportReason, { zh: string; en: string }> = {
  required: { zh: "必填，不能为空", en: "Required: enter the name" },
  too_long: { zh: "内容太长：姓名最多50个字", en: "Too long: a name has at most 50 characters" },
  phone_empty: { zh: "请填写手机号", en: "Enter a mobile number" },
  phone_length: {
    zh: "手机号应为11位数字，请核对位数",
    en: "A mobile number has 11 digits: check for missing or extra digits",
  },
  phone_format: {
    zh: "手机号格式不对：应为1开头、第二位为3–9的11位数字",
    en: "Not a mainland mobile number: 11 digits starting with 13 to 19",
  },
  emergency_phone_format: {
    zh: "紧急联系电话不像电话号码：请写手机号或带区号的座机号",
    en: "Not a phone number: write a mobile or a landline with its area code",
  },
  source: {
    zh: "来源不认识：请写 社区工作人员、下沉干部、医护人员、志愿者 或 社会组织成员",
    en: "Unknown category: 社区工作人员, 下沉干部, 医护人员, 志愿者 or 社会组织成员",
  },
  qualification: {
    zh: "资质不认识：请写 医护采样资质、消杀、驾驶员、心理疏导、党员 或 退役军人",
    en: "Unknown skill: 医护采样资质, 消杀, 驾驶员, 心理疏导, 党员 or 退役军人",
  },
  availability: {
    zh: "时间看不懂：请写成 2026-11-29 08:00-12:00，多个时段用；隔开",
    en: "Unreadable time: write 2026-11-29 08:00-12:00, several separated by ；",
  },
  duplicate_in_file: {
    zh: "与文件中前面一行的手机号重复：一人一个手机号",
    en: "The same phone as an earlier row: one person per phone",
  },
};
