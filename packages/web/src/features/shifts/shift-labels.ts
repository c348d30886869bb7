import { REST_RULE_LABELS, type RestRuleId } from "@shequ/core/rest-rules";
import {
  QUALIFICATION_LABELS,
  type Qualification,
  WORK_ZONE_INFO,
  type WorkZone,
} from "@shequ/core/work-zones";
import type { Lang } from "../../app/i18n/setup-i18n";

/** A zone's name in the user's language (a zone the point named itself shows as it was typed). */
export function zoneLabel(zone: string, lang: Lang): string {
  return WORK_ZONE_INFO[zone as WorkZone]?.[lang] ?? zone;
}

export function qualificationLabel(q: string, lang: Lang): string {
  return QUALIFICATION_LABELS[q as Qualification]?.[lang] ?? q;
}

export function ruleLabel(rule: string, lang: Lang): string {
  return REST_RULE_LABELS[rule as RestRuleId]?.[lang] ?? rule;
}

const SOURCE_LABELS: Record<string, { zh: string; en: string }> = {
  staff: { zh: "社区工作人员", en: "Community staff" },
  cadre: { zh: "下沉干部", en: "Sent-down cadre" },
  medic: { zh: "医护人员", en: "Medic" },
  volunteer: { zh: "志愿者", en: "Volunteer" },
  org_member: { zh: "社会组织成员", en: "Organisation member" },
};

export function sourceLabel(source: string, lang: Lang): string {
  return SOURCE_LABELS[source]?.[lang] ?? source;
}
