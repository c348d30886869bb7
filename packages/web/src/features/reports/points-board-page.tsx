import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The points board of a round (stub: being built). */
export function PointsBoardPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("reports.title")}</Typography.Title>;
}
