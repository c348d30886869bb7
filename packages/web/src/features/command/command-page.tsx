import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The live dashboard of a round (stub: being built). */
export function CommandPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("command.title")}</Typography.Title>;
}
