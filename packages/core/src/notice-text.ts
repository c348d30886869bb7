/**
 * The zh-CN notice each household gets (一一通知): where and when to go, what to bring, or that
 * a medic will come to the door. The same words go on the printed slip and, shortened if need
 * be, into the SMS.
 */

export interface NoticeTextInput {
  /** The household's address, e.g. "1号楼 1单元 101". */
  address: string;
  /** The round's name, e.g. "第二轮全员核酸检测". */
  roundName: string;
  site: { name: string; address: string } | null;
  slot: { startsAt: string | Date; endsAt: string | Date } | null;
  /** Some (or, without a slot, all) of the household's residents are sampled at home. */
  homeVisit: boolean;
  /** The household's slot moved after it was first planned: say so, so nobody goes at the old time. */
  adjusted: boolean;
}

/** What every resident brings to the collection point. */
export const NOTICE_BRING = "请携带身份证件或个人二维码，佩戴口罩，保持一米间距。";

/** Carriers split longer texts into several billed parts; stay under this. */
export const SMS_MAX_CHARS = 200;

// China has kept UTC+8 all year since 1991: a fixed offset is exact and needs no time-zone data.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A slot in Beijing time, e.g. "12月1日 12:00–13:00" (another day's end carries its date). */
export function formatSlotWindow(startsAt: string | Date, endsAt: string | Date): string {
  const start = shanghai(startsAt);
  const end = shanghai(endsAt);
  const startDay = start.getTime() - (start.getTime() % 86_400_000);
  const endsAtMidnightNext = end.getTime() === startDay + 86_400_000;
  const sameDay = end.getTime() - (end.getTime() % 86_400_000) === startDay;
  const endText = sameDay ? clock(end) : endsAtMidnightNext ? "24:00" : `${day(end)} ${clock(end)}`;
  return `${day(start)} ${clock(start)}–${endText}`;
}

/** The full notice for a household, as printed on its slip. */
export function composeNoticeText(input: NoticeTextInput): string {
  return compose(input, { siteAddress: true, roundName: input.roundName, siteName: input.site?.name ?? "" });
}

/**
 * The notice as an SMS: the full text when it fits in `maxChars`, otherwise without the point's
 * address, then with long names cut, so the time and place always survive.
 */
export function composeNoticeSms(input: NoticeTextInput, maxChars = SMS_MAX_CHARS): string {
  const siteName = input.site?.name ?? "";
  const attempts = [
    { siteAddress: true, roundName: input.roundName, siteName },
    { siteAddress: false, roundName: input.roundName, siteName },
    { siteAddress: false, roundName: cut(input.roundName, 12), siteName },
    { siteAddress: false, roundName: cut(input.roundName, 12), siteName: cut(siteName, 16) },
  ];
  for (const parts of attempts) {
    const text = compose(input, parts);
    if (Array.from(text).length <= maxChars) return text;
  }
  return cut(compose(input, attempts[3] as (typeof attempts)[number]), maxChars);
}

function compose(
  input: NoticeTextInput,
  parts: { siteAddress: boolean; roundName: string; siteName: string },
): string {
  const head = `${input.adjusted ? "【已调整】" : ""}${input.address}住户：${parts.roundName}`;
  if (input.slot && input.site) {
    const where =
      parts.siteAddress && input.site.address ? `${parts.siteName}（${input.site.address}）` : parts.siteName;
    const window = formatSlotWindow(input.slot.startsAt, input.slot.endsAt);
    const home = input.homeVisit ? "家中行动不便者由医务人员上门采样。" : "";
    return `${head}，请于${window}到${where}采样。${home}${NOTICE_BRING}`;
  }
  if (input.homeVisit) {
    return `${head}，医务人员将上门采样，请在家等候，不要外出。请备好身份证件或个人二维码，佩戴口罩。`;
  }
  return `${head}，采样时间待定，社区将另行通知。`;
}

function shanghai(value: string | Date): Date {
  return new Date(new Date(value).getTime() + SHANGHAI_OFFSET_MS);
}

function day(d: Date): string {
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function clock(d: Date): string {
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
