import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";

/** Last resort when a page throws while rendering: say so calmly and offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  // A new deployment replaces the page chunks; a reload picks up the new ones.
  console.error(error);
  return (
    <Result
      status="error"
      title={t("errors.pageCrashed")}
      subTitle={t("errors.pageCrashedHint")}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </Button>
      }
    />
  );
}
