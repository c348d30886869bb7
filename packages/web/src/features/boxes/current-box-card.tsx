import { CarOutlined, FileTextOutlined, LockOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Popconfirm } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../campaigns/shanghai-time";
import { BoxStatusTag } from "./box-status-tag";
import type { BoxDetail } from "./boxes-api";

const BIG = { height: 56, fontSize: 18, flex: "1 1 160px" } as const;

/**
 * The box in hand, big: its label, 已装 N 管 against 本点待装 M 管, the tubes in it (newest first,
 * each can be taken out while packing), and the next step's button.
 */
export function CurrentBoxCard({
  detail,
  waiting,
  busy,
  onRemove,
  onSeal,
  onHandOver,
  onManifest,
  onPutDown,
}: {
  detail: BoxDetail | undefined;
  waiting: number;
  busy: boolean;
  onRemove: (barcode: string) => void;
  onSeal: () => void;
  onHandOver: () => void;
  onManifest: () => void;
  onPutDown: () => void;
}) {
  const { t } = useTranslation();
  if (!detail) {
    return (
      <div data-testid="current-box" data-status="none" style={card}>
        <div style={{ fontSize: 24, fontWeight: 600, color: "#334e68" }}>{t("boxes.noBox")}</div>
        <div style={{ fontSize: 17, color: "#627d98", marginTop: 8 }}>{t("boxes.noBoxHint")}</div>
        <div
          data-testid="box-waiting"
          style={{ fontSize: 22, fontWeight: 600, marginTop: 12, color: waiting > 0 ? "#ad4e00" : "#1e7b34" }}
        >
          {waiting > 0 ? t("boxes.waitingCount", { count: waiting }) : t("boxes.waitingNone")}
        </div>
      </div>
    );
  }
  const { box, tubes } = detail;
  const packing = box.status === "packing";
  const newestFirst = [...tubes].reverse();
  return (
    <div data-testid="current-box" data-status={box.status} style={card}>
      <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 12 }}>
        <div style={{ minWidth: 0 }}>
          <div style={{ color: "#627d98", fontSize: 15 }}>{t("boxes.box")}</div>
          <div
            data-testid="box-barcode"
            style={{ fontSize: 28, fontWeight: 700, fontFamily: "monospace", overflowWrap: "anywhere" }}
          >
            {box.barcode}
          </div>
          <BoxStatusTag status={box.status} large />
        </div>
        <div style={{ textAlign: "right" }}>
          <div
            data-testid="box-count"
            style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.1, color: "#102a43" }}
          >
            {t("boxes.packedCount", { count: box.tubes })}
          </div>
          <div
            data-testid="box-waiting"
            style={{ fontSize: 20, fontWeight: 600, color: waiting > 0 ? "#ad4e00" : "#1e7b34" }}
          >
            {waiting > 0 ? t("boxes.waitingCount", { count: waiting }) : t("boxes.waitingNone")}
          </div>
        </div>
      </div>
      {box.courier && (
        <div style={{ fontSize: 16, marginTop: 8 }} data-testid="box-courier">
          {t("boxes.courier")}：{box.courier} · {formatDateTime(box.handedOverAt)}
        </div>
      )}
      <div style={{ marginTop: 12, color: "#627d98" }}>{t("boxes.tubesInBox")}</div>
      <ol
        reversed
        start={tubes.length}
        style={{ fontSize: 18, margin: "4px 0 0", paddingLeft: 36, maxHeight: 240, overflowY: "auto" }}
      >
        {newestFirst.map((tube) => (
          <li key={tube.barcode} data-testid="box-tube" style={{ padding: "3px 0" }}>
            <span style={{ display: "inline-flex", gap: 12, alignItems: "center", flexWrap: "wrap" }}>
              <span style={{ fontFamily: "monospace" }}>{tube.barcode}</span>
              <span style={{ color: "#627d98" }}>
                {tube.single ? t("boxes.single") : t("boxes.people", { count: tube.people })}
              </span>
              {packing && (
                <Popconfirm
                  title={t("boxes.removeConfirm", { barcode: tube.barcode })}
                  okText={t("boxes.remove")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => onRemove(tube.barcode)}
                >
                  <Button size="small" danger data-testid="box-tube-remove">
                    {t("boxes.remove")}
                  </Button>
                </Popconfirm>
              )}
            </span>
          </li>
        ))}
      </ol>
      {tubes.length === 0 && <div style={{ fontSize: 18, color: "#627d98" }}>{t("boxes.emptyBox")}</div>}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, marginTop: 16 }}>
        {packing && (
          <Popconfirm
            title={waiting > 0 ? t("boxes.sealConfirmWaiting", { count: waiting }) : t("boxes.sealConfirm")}
            okText={t("boxes.seal")}
            cancelText={t("common.cancel")}
            onConfirm={onSeal}
            disabled={tubes.length === 0}
          >
            <Button
              type="primary"
              size="large"
              icon={<LockOutlined />}
              disabled={tubes.length === 0 || busy}
              data-testid="box-seal"
              style={BIG}
            >
              {t("boxes.seal")}
            </Button>
          </Popconfirm>
        )}
        {box.status === "sealed" && (
          <Button
            type="primary"
            size="large"
            icon={<CarOutlined />}
            onClick={onHandOver}
            disabled={busy}
            data-testid="box-hand-over"
            style={BIG}
          >
            {t("boxes.handOver")}
          </Button>
        )}
        <Button
          size="large"
          icon={<FileTextOutlined />}
          onClick={onManifest}
          data-testid="box-manifest-open"
          style={BIG}
        >
          {t("boxes.manifest")}
        </Button>
        {!packing && (
          <Button size="large" icon={<PlusOutlined />} onClick={onPutDown} data-testid="box-next" style={BIG}>
            {t("boxes.nextBox")}
          </Button>
        )}
      </div>
    </div>
  );
}

const card = {
  background: "#fff",
  borderRadius: 12,
  padding: 20,
  border: "1px solid #d9e2ec",
} as const;
