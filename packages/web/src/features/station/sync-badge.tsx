import { CheckCircleFilled, CloudSyncOutlined, DisconnectOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { SyncHealth } from "./sync-loop";

/** Always in sight: how many scans are only on this device, and whether the server answers. */
export function SyncBadge({
  unsynced,
  online,
  health,
}: {
  unsynced: number;
  online: boolean;
  health: SyncHealth;
}) {
  const { t } = useTranslation();
  const reachable = online && health !== "offline";
  const connection = !reachable
    ? t("station.sync.offline")
    : health === "busy"
      ? t("station.sync.busy")
      : health === "signed_out"
        ? t("station.sync.signedOut")
        : t("station.sync.online");
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 12, fontSize: 18 }}>
      <span
        data-testid="station-connection"
        data-online={reachable ? "true" : "false"}
        style={{
          display: "inline-flex",
          alignItems: "center",
          gap: 6,
          padding: "4px 12px",
          borderRadius: 999,
          background: reachable && health === "ok" ? "#e6f4ea" : "#fff4e5",
          color: reachable && health === "ok" ? "#1e7b34" : "#ad4e00",
        }}
      >
        {reachable ? <CloudSyncOutlined /> : <DisconnectOutlined />}
        {connection}
      </span>
      <span
        data-testid="station-unsynced"
        data-count={unsynced}
        style={{
          display: "inline-flex",
          alignItems: "center",
          gap: 6,
          padding: "4px 12px",
          borderRadius: 999,
          fontWeight: 600,
          background: unsynced > 0 ? "#fff1f0" : "#e6f4ea",
          color: unsynced > 0 ? "#a8071a" : "#1e7b34",
        }}
      >
        {unsynced > 0 ? (
          t("station.sync.unsynced", { count: unsynced })
        ) : (
          <>
            <CheckCircleFilled /> {t("station.sync.allSynced")}
          </>
        )}
      </span>
    </div>
  );
}
