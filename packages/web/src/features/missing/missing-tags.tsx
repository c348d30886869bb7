import type { ContactOutcome, ExemptionReason } from "@shequ/core/missing-schema";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/** One colour per outcome, so a list read at a glance shows who is coming and who is lost. */
export const OUTCOME_COLORS: Record<ContactOutcome, string> = {
  reached_by_phone: "blue",
  will_come: "green",
  away: "orange",
  hospitalised: "magenta",
  sampled_elsewhere: "cyan",
  unreachable: "red",
};

const REASON_COLORS: Record<ExemptionReason, string> = {
  away: "orange",
  hospitalised: "magenta",
  sampled_elsewhere: "cyan",
  other: "purple",
};

export function OutcomeTag({ outcome }: { outcome: ContactOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} style={{ marginInlineEnd: 0 }} data-testid="missing-contact-tag">
      {t(`missing.outcomes.${outcome}`)}
    </Tag>
  );
}

export function ReasonTag({ reason }: { reason: ExemptionReason }) {
  const { t } = useTranslation();
  return (
    <Tag color={REASON_COLORS[reason]} style={{ marginInlineEnd: 0 }} data-testid="missing-reason-tag">
      {t("missing.exemptedAs", { reason: t(`missing.reasons.${reason}`) })}
    </Tag>
  );
}
