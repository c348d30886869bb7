import { type LineCode, type LineReason, TUBE_RESULT_LABELS, type TubeResult } from "./lab-results";

/** What became of a line, as the batch report names it. */
export const LINE_CODE_LABELS: Record<LineCode, { zh: string; en: string }> = {
  applied: { zh: "已录入", en: "Applied" },
  repeated: { zh: "重复", en: "Repeated" },
  unknown: { zh: "管码未知", en: "Unknown barcode" },
  conflict: { zh: "结果冲突", en: "Conflict" },
  invalid: { zh: "无效行", en: "Invalid line" },
};

/** What a report line's message may mention besides its reason. */
export interface ReasonParams {
  /** The other line of the file with the same barcode. */
  otherLine?: number;
  /** The result this line carries. */
  result?: TubeResult;
  /** The result the tube already has. */
  existing?: TubeResult;
}

/**
 * Explains why a result line was not applied, in a sentence lab staff can act on at 1 am: what
 * is wrong and what to do. Never says whether an unknown barcode exists outside their area.
 */
export function lineMessage(reason: LineReason, lang: "zh" | "en", params: ReasonParams = {}): string {
  const zh = lang === "zh";
  const word = (r: TubeResult | undefined) => (r ? TUBE_RESULT_LABELS[r][lang] : "?");
  switch (reason) {
    case "barcode_empty":
      return zh ? "管码为空：请填写管码" : "The barcode is empty";
    case "barcode_too_long":
      return zh ? "管码太长（超过64个字符）：请核对" : "The barcode is longer than 64 characters";
    case "barcode_number":
      return zh
        ? "管码被Excel转成了数字，末几位已丢失：请把该列设为“文本”格式后重新导出"
        : "Excel turned the barcode into a number and lost its last digits: format the column as text and export again";
    case "result_empty":
      return zh
        ? "结果为空：请填写 阴性、阳性 或 无效"
        : "The result is empty: write negative, positive or invalid";
    case "result_unknown":
      return zh
        ? "看不懂的结果：只能写 阴性/阴、阳性/阳、无效（或 negative、positive、invalid）"
        : "Unknown result word: use negative/neg, positive/pos or invalid (阴性, 阳性, 无效)";
    case "time_empty":
      return zh
        ? "检测时间为空：请填写，如 2026-11-28 13:05"
        : "The test time is empty: e.g. 2026-11-28 13:05";
    case "time_format":
      return zh
        ? "看不懂的检测时间：请写成 2026-11-28 13:05 这样的格式"
        : "Unreadable test time: write it like 2026-11-28 13:05 or in ISO 8601";
    case "time_no_clock":
      return zh
        ? "检测时间只有日期没有时分：请补上时分，如 2026-11-28 13:05"
        : "The test time has a date but no clock time: add hours and minutes";
    case "time_future":
      return zh
        ? "检测时间晚于现在：请核对日期和时钟"
        : "The test time is in the future: check the date and the clock";
    case "time_too_old":
      return zh ? "检测时间早于2020年：请核对日期" : "The test time is before 2020: check the date";
    case "file_conflict":
      return zh
        ? `同一管码在第 ${params.otherLine} 行的结果不同：两行都未录入，请核实后只保留正确的一行`
        : `Line ${params.otherLine} has a different result for the same barcode: neither was applied; keep only the right one`;
    case "file_repeat":
      return zh
        ? `与第 ${params.otherLine} 行重复（同一管码、同一结果）：按第 ${params.otherLine} 行只处理一次`
        : `Repeats line ${params.otherLine} (same barcode and result): handled once, as line ${params.otherLine}`;
    case "tube_unknown":
      return zh
        ? "找不到这个管码（或不属于本机构负责的区域）：请核对管码，不要手工改码"
        : "No such tube in your area: check the barcode (do not retype it by hand)";
    case "tube_open":
      return zh
        ? "这支管还没封管（采样点还在往里登记）：封管送检后再录入"
        : "This tube is still open at the collection point: enter its result once it is sealed and sent";
    case "already_resulted":
      return zh
        ? `该管已有相同结果（${word(params.existing)}）：无需重复录入`
        : `The tube already has this result (${word(params.existing)}): nothing changed`;
    case "result_conflict":
      return zh
        ? `该管已有结果“${word(params.existing)}”，本次为“${word(params.result)}”：不自动录入，转“结果冲突”由人工核实后处理`
        : `The tube already has "${word(params.existing)}", this line says "${word(params.result)}": not applied by itself; a person settles it under Conflicts`;
  }
}
