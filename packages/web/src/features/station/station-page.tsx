import { Button, Result, Spin } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { useSession } from "../auth/session";
import { keepPageOffline } from "./offline-shell";
import { ScanScreen } from "./scan-screen";
import { StationSetup } from "./station-setup";
import { useStation } from "./use-station";

const spinner = (
  <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
    <Spin size="large" />
  </div>
);

/**
 * /station: the registrar's full-screen page at the collection point. It sits outside the usual
 * session guard: when the server cannot be reached, a station that already holds its list opens
 * from IndexedDB and keeps working; only a server that says "signed out" sends it to /login.
 */
export function StationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSession();
  const station = useStation();
  useEffect(() => {
    void keepPageOffline();
  }, []);

  if (session.me === null) return <Navigate to="/login?next=%2Fstation" replace />;
  if (session.me && !session.can("station.scan")) return <ForbiddenResult />;
  if (station.failure) {
    return <Result status="error" title={t("station.noStorage")} subTitle={t("station.noStorageHint")} />;
  }
  if (!station.loaded || (session.me === undefined && !session.loadError)) return spinner;
  if (station.loaded.setup && station.loaded.bootstrap) return <ScanScreen station={station} />;
  if (!session.me) {
    // No list on this device yet, and no server to download it from.
    return (
      <Result
        status="warning"
        title={t("station.needNetwork")}
        subTitle={errorText(session.loadError)}
        extra={
          <Button type="primary" size="large" onClick={() => void session.reload()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }
  return <StationSetup onReady={station.keepList} />;
}
