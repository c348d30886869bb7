import { useTranslation } from "react-i18next";

/** Placeholder: replaced by the feature. */
export function WorkersPage() {
  const { t } = useTranslation();
  return <h1>{t("workers.title")}</h1>;
}
