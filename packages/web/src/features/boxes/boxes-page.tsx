import { useTranslation } from "react-i18next";
import { PageTitle } from "../../app/page-title";

/** Placeholder: replaced by the feature. */
export function BoxesPage() {
  const { t } = useTranslation();
  return <PageTitle title={t("boxes.title")} />;
}
