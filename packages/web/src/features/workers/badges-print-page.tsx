import { useTranslation } from "react-i18next";

/** Placeholder: replaced by the feature. */
export function BadgesPrintPage() {
  const { t } = useTranslation();
  return <h1>{t("workers.title")}</h1>;
}
