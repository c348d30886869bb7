import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** A round's summary report, printable (stub: being built). */
export function ReportPrintPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("reports.title")}</Typography.Title>;
}
