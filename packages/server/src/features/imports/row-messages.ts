import { RESIDENT_FLAG_LABELS, RESIDENT_FLAGS } from "@shequ/core/flags";
import { ID_TYPE_LABELS, ID_TYPES, type IdType, idReasonMessage } from "@shequ/core/id-document";
import type { IdReason } from "@shequ/core/id-number";
import { type PhoneReason, phoneReasonMessage } from "@shequ/core/phone";

/** Why a row was rejected. ID-number problems use the core reason codes (check_digit, …). */
export type RowReason =
  | IdReason
  | "name_empty"
  | "name_too_long"
  | "id_type_unknown"
  | "id_number_as_number"
  | "id_number_masked"
  | "phone_length"
  | "phone_format"
  | "phone_masked"
  | "community_empty"
  | "community_unknown"
  | "community_ambiguous"
  | "grid_empty"
  | "grid_unknown"
  | "building_empty"
  | "building_too_long"
  | "unit_empty"
  | "unit_too_long"
  | "door_empty"
  | "door_too_long"
  | "out_of_scope"
  | "duplicate_in_file"
  | "flags_unknown"
  | "registered_elsewhere";

/** What a message may mention; never an ID number or phone, only names the user typed. */
export interface MessageParams {
  idType?: IdType;
  value?: string;
  community?: string;
  firstRow?: number;
}

const ID_TYPE_LIST = ID_TYPES.map((t) => ID_TYPE_LABELS[t].zh).join("、");
const FLAG_LIST_ZH = RESIDENT_FLAGS.map((f) => RESIDENT_FLAG_LABELS[f].zh).join("、");
const FLAG_LIST_EN = RESIDENT_FLAGS.map((f) => RESIDENT_FLAG_LABELS[f].en).join(", ");

/** The sentence, in Chinese and English, that tells the person how to fix the cell. */
export function rowMessage(reason: RowReason, p: MessageParams = {}): { zh: string; en: string } {
  const v = p.value ?? "";
  switch (reason) {
    case "name_empty":
      return { zh: "请填写姓名", en: "Enter the name" };
    case "name_too_long":
      return { zh: "姓名最多50个字", en: "A name has at most 50 characters" };
    case "id_type_unknown":
      return {
        zh: `无法识别的证件类型“${v}”，请填写：${ID_TYPE_LIST}（不填则为居民身份证）`,
        en: `Unknown ID type "${v}": use one of ${ID_TYPES.map((t) => ID_TYPE_LABELS[t].en).join("; ")} (empty means Resident ID card)`,
      };
    case "id_number_as_number":
      return {
        zh: "证件号码被Excel转成了数字（如6.20102E+17），末几位已丢失：请把该列设置为“文本”格式后重新填写号码",
        en: "The ID number was converted to a number by Excel (e.g. 6.20102E+17) and its last digits are lost: format the column as text and re-enter the numbers",
      };
    case "id_number_masked":
      return {
        zh: "证件号码已打码（含*），无法据此登记：请使用未打码的导出文件或原始名单",
        en: "The ID number is masked (has *): use an unmasked export or the original list",
      };
    case "phone_length":
    case "phone_format":
      return {
        zh: phoneReasonMessage(reason.slice(6) as PhoneReason, "zh"),
        en: phoneReasonMessage(reason.slice(6) as PhoneReason, "en"),
      };
    case "phone_masked":
      return {
        zh: "手机号已打码（含*）：请填写完整号码或留空",
        en: "The phone number is masked (has *): enter the full number or leave it empty",
      };
    case "community_empty":
      return { zh: "请填写社区", en: "Enter the community" };
    case "community_unknown":
      return {
        zh: `找不到社区“${v}”，或它不在您的管辖范围内：请核对社区名称`,
        en: `No community "${v}" in your area: check the community's name`,
      };
    case "community_ambiguous":
      return {
        zh: `有多个名为“${v}”的社区：请由所属街道的账号导入`,
        en: `Several communities are named "${v}": import with an account of the right subdistrict`,
      };
    case "grid_empty":
      return { zh: "请填写网格", en: "Enter the grid" };
    case "grid_unknown":
      return {
        zh: `社区“${p.community ?? ""}”下没有网格“${v}”：请核对网格名称，或先在系统中添加该网格`,
        en: `Community "${p.community ?? ""}" has no grid "${v}": check the name or add the grid first`,
      };
    case "building_empty":
      return { zh: "请填写楼栋", en: "Enter the building" };
    case "building_too_long":
      return { zh: "楼栋名称最多50个字", en: "A building name has at most 50 characters" };
    case "unit_empty":
      return { zh: "请填写单元", en: "Enter the unit" };
    case "unit_too_long":
      return { zh: "单元名称最多50个字", en: "A unit name has at most 50 characters" };
    case "door_empty":
      return { zh: "请填写门牌号", en: "Enter the door number" };
    case "door_too_long":
      return { zh: "门牌号最多20个字", en: "A door number has at most 20 characters" };
    case "out_of_scope":
      return {
        zh: "该地址不在您的管辖范围内",
        en: "This address is outside your area",
      };
    case "duplicate_in_file":
      return {
        zh: `证件号码与第${p.firstRow}行重复：同一人只保留一行`,
        en: `Same ID number as row ${p.firstRow}: keep one row per person`,
      };
    case "flags_unknown":
      return {
        zh: `无法识别的标签“${v}”，可用：${FLAG_LIST_ZH}`,
        en: `Unknown flag "${v}": use ${FLAG_LIST_EN}`,
      };
    case "registered_elsewhere":
      return {
        zh: "该证件号码已登记在您管辖范围以外的社区：请联系该社区或街道办理迁移",
        en: "This ID number is registered in a community outside your area: ask that community or the subdistrict to move the person",
      };
    default:
      return {
        zh: idReasonMessage(reason, "zh", p.idType ?? "cn_id"),
        en: idReasonMessage(reason, "en", p.idType ?? "cn_id"),
      };
  }
}
