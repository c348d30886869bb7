import { useTranslation } from "react-i18next";

/** Placeholder: replaced by the feature. */
export function AttendancePage() {
  const { t } = useTranslation();
  return <h1>{t("shifts.title")}</h1>;
}
