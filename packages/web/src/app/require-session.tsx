import { Button, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../features/auth/session";
import { useErrorText } from "./error-text";

/** Pages behind it need a session; without one the user goes to /login and comes back after. */
export function RequireSession() {
  const { me, loadError, reload } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  const errorText = useErrorText();

  if (loadError) {
    return (
      <Result
        status="warning"
        title={t("errors.cannotLoad")}
        subTitle={errorText(loadError)}
        extra={
          <Button type="primary" onClick={() => void reload()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }
  if (me === undefined) {
    return (
      <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
