import { FireOutlined, LockOutlined, UndoOutlined } from "@ant-design/icons";
import { maskName } from "@shequ/core/mask";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import {
  canUndo,
  type ListIndex,
  type LocalBind,
  openTube,
  type PersonEntry,
  type StationView,
} from "./station-state";
import type { SingleAsk } from "./use-scan-actions";

/** The tube in hand, big: its barcode, how many are in it of how many, and who went in last. */
export function TubeCard({
  view,
  index,
  describe,
  onSeal,
  onUndo,
  single,
  onSingle,
  onCancelSingle,
}: {
  view: StationView;
  index: ListIndex;
  describe: (person: PersonEntry) => string;
  onSeal: () => void;
  onUndo: () => void;
  /** A single tube asked for and not yet opened. */
  single: SingleAsk | undefined;
  onSingle: () => void;
  onCancelSingle: () => void;
}) {
  const { t } = useTranslation();
  const tube = view.current;
  const open = openTube(view);
  const whoIs = (bind: LocalBind) => {
    const person = bind.residentId ? index.byResidentId.get(bind.residentId) : undefined;
    if (person) return describe(person);
    if (bind.walkInName) return `${maskName(bind.walkInName)} · ${t("station.walkIn.tag")}`;
    return t("station.otherPoint");
  };
  return (
    <div
      data-testid="station-tube"
      data-status={tube?.status ?? "none"}
      style={{ background: "#fff", borderRadius: 12, padding: 24, border: "1px solid #e5e9f0" }}
    >
      {tube ? (
        <>
          <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: 16 }}>
            <div style={{ minWidth: 0 }}>
              <div style={{ color: "#627d98", fontSize: 16 }}>{t("station.tube")}</div>
              <div
                data-testid="tube-barcode"
                style={{ fontSize: 32, fontWeight: 700, fontFamily: "monospace" }}
              >
                {tube.barcode}
                {tube.single && (
                  <span
                    data-testid="tube-single-tag"
                    style={{
                      marginLeft: 12,
                      fontSize: 18,
                      fontFamily: "inherit",
                      color: "#ad4e00",
                      background: "#fff7e6",
                      border: "1px solid #ffc069",
                      borderRadius: 6,
                      padding: "2px 8px",
                      verticalAlign: "middle",
                    }}
                  >
                    {t("station.single.tag")}
                  </span>
                )}
              </div>
            </div>
            <div style={{ textAlign: "right" }}>
              <div
                data-testid="tube-counter"
                style={{ fontSize: 64, fontWeight: 700, lineHeight: 1, color: open ? "#102a43" : "#1e7b34" }}
              >
                {tube.binds.length} / {tube.poolSize}
              </div>
              <div data-testid="tube-status" style={{ fontSize: 20, color: open ? "#1677ff" : "#1e7b34" }}>
                {open ? t("station.tubeOpen") : t("station.tubeSealed")}
              </div>
            </div>
          </div>
          <ol
            reversed
            start={tube.binds.length}
            style={{ fontSize: 20, margin: "16px 0 0", paddingLeft: 32, minHeight: 96 }}
          >
            {[...tube.binds]
              .reverse()
              .slice(0, 4)
              .map((bind) => (
                <li key={bind.scanId} data-testid="tube-person">
                  {whoIs(bind)}
                </li>
              ))}
          </ol>
        </>
      ) : (
        <div style={{ fontSize: 24, color: "#627d98", padding: "24px 0" }}>{t("station.noTubeYet")}</div>
      )}
      {view.paused && (
        <div data-testid="tube-paused" style={{ fontSize: 16, color: "#627d98", marginTop: 8 }}>
          {t("station.single.paused", {
            barcode: view.paused.barcode,
            people: view.paused.binds.length,
            pool: view.paused.poolSize,
          })}
        </div>
      )}
      {single && (
        <div
          data-testid="single-armed"
          style={{
            display: "flex",
            alignItems: "center",
            gap: 12,
            marginTop: 16,
            padding: "12px 16px",
            borderRadius: 8,
            background: "#fff7e6",
            border: "2px solid #fa8c16",
            color: "#873800",
            fontSize: 20,
            fontWeight: 600,
          }}
        >
          <FireOutlined />
          <span style={{ flex: 1 }}>
            {single.reason === "fever"
              ? open?.single
                ? t("station.single.scanPerson")
                : t("station.single.armedFever")
              : t("station.single.armedRecall", { who: single.pending?.subject ?? "" })}
          </span>
          <Button size="large" onClick={onCancelSingle} data-testid="single-cancel">
            {t("station.single.cancel")}
          </Button>
        </div>
      )}
      <div style={{ display: "flex", gap: 12, marginTop: 16 }}>
        <Button
          size="large"
          icon={<LockOutlined />}
          disabled={!open || open.binds.length === 0}
          onClick={onSeal}
          data-testid="tube-seal"
          style={{ height: 56, fontSize: 20, flex: 1 }}
        >
          {t("station.seal")}
        </Button>
        <Button
          size="large"
          icon={<UndoOutlined />}
          disabled={!canUndo(view)}
          onClick={onUndo}
          data-testid="tube-undo"
          style={{ height: 56, fontSize: 20, flex: 1 }}
        >
          {t("station.undo")}
        </Button>
        <Button
          size="large"
          icon={<FireOutlined />}
          disabled={!!single}
          onClick={onSingle}
          data-testid="tube-single"
          style={{ height: 56, fontSize: 20, flex: 1, color: "#ad4e00", borderColor: "#ffc069" }}
        >
          {t("station.single.button")}
        </Button>
      </div>
    </div>
  );
}
