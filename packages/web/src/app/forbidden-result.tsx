import { Result } from "antd";
import { useTranslation } from "react-i18next";

/** Shown in place of a page the user's role does not open. */
export function ForbiddenResult() {
  const { t } = useTranslation();
  return <Result status="403" title={t("errors.forbidden")} subTitle={t("errors.forbiddenHint")} />;
}
