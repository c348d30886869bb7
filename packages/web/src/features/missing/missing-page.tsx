import { Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The missing list (漏检) of a round per grid (stub: being built). */
export function MissingPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t("missing.title")}</Typography.Title>;
}
