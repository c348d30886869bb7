import { CheckCircleOutlined, CloseCircleOutlined, SwapOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Table } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../campaigns/shanghai-time";
import { BoxScanInput } from "./box-scan-input";
import { BoxStatusTag } from "./box-status-tag";
import { ScanFeedback } from "./scan-feedback";
import { type Receipt, useReceipt } from "./use-receipt";

/**
 * The lab's "接收样本箱" tab: scan a box label, see its manifest, scan the tubes actually in the
 * box, confirm. Missing and extra tubes are shown in red before and after the receipt is recorded.
 */
export function ReceivePanel() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const receipt = useReceipt();
  const { detail, check, result } = receipt;

  const ask = () => {
    if (!detail) return;
    const problems = check.missing.length + check.extra.length > 0;
    modal.confirm({
      title: t("boxes.receive.confirmTitle", { box: detail.box.barcode }),
      content: problems
        ? t("boxes.receive.confirmProblems", { missing: check.missing.length, extra: check.extra.length })
        : t("boxes.receive.confirmAll", { count: check.received.length }),
      okText: t("boxes.receive.confirm"),
      cancelText: t("common.cancel"),
      okButtonProps: { danger: problems, size: "large" },
      cancelButtonProps: { size: "large" },
      onOk: () => receipt.confirm(),
    });
  };

  return (
    <div
      data-testid="receive-panel"
      style={{ display: "flex", flexDirection: "column", gap: 12, maxWidth: 1100 }}
    >
      <div style={{ color: "#486581", fontSize: 15 }}>{t("boxes.receive.hint")}</div>
      <BoxScanInput
        testId="receive-input"
        placeholder={t("boxes.inputPlaceholder")}
        paused={receipt.saving}
        onEntry={receipt.onEntry}
      />
      <ScanFeedback
        testId="receive-feedback"
        feedback={receipt.feedback}
        idle={detail && !result ? t("boxes.receive.readyTubes") : t("boxes.receive.ready")}
      />
      {detail && <BoxFacts receipt={receipt} />}
      {detail && !result && detail.box.status !== "packing" && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
          <Button
            type="primary"
            size="large"
            icon={<CheckCircleOutlined />}
            onClick={ask}
            loading={receipt.saving}
            data-testid="receive-confirm"
            style={{ height: 56, fontSize: 18, flex: "1 1 220px" }}
          >
            {t("boxes.receive.confirm")}（
            {t("boxes.receive.scannedCount", {
              scanned: check.received.length,
              total: detail.tubes.length,
            })}
            ）
          </Button>
          <Button
            size="large"
            icon={<UndoOutlined />}
            disabled={receipt.scanned.length === 0}
            onClick={receipt.undo}
            data-testid="receive-undo"
            style={{ height: 56, flex: "1 1 140px" }}
          >
            {t("boxes.receive.undo")}
          </Button>
          <Button
            size="large"
            icon={<SwapOutlined />}
            onClick={receipt.reset}
            data-testid="receive-cancel"
            style={{ height: 56, flex: "1 1 140px" }}
          >
            {t("boxes.receive.cancel")}
          </Button>
        </div>
      )}
      {result && <ReceiptOutcome receipt={receipt} />}
      {detail && <ManifestTable receipt={receipt} />}
    </div>
  );
}

/** The box in hand: where it comes from, its manifest count against what was scanned. */
function BoxFacts({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const { detail, check, result } = receipt;
  if (!detail) return null;
  const { box } = detail;
  return (
    <div
      data-testid="receive-box"
      style={{ background: "#fff", border: "1px solid #d9e2ec", borderRadius: 12, padding: 16 }}
    >
      <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 12 }}>
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 26, fontWeight: 700, fontFamily: "monospace" }}>{box.barcode}</div>
          <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
            <BoxStatusTag status={box.status} large />
            <span style={{ color: "#486581" }}>
              {t("boxes.receive.from", { site: box.site.name, round: box.campaign.name })}
            </span>
          </div>
          {box.courier && (
            <div style={{ color: "#486581", marginTop: 4 }}>
              {t("boxes.courier")}：{box.courier} · {formatDateTime(box.handedOverAt)}
            </div>
          )}
        </div>
        {!result && (
          <div style={{ textAlign: "right" }}>
            <div data-testid="receive-count" style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.1 }}>
              {t("boxes.receive.scannedCount", {
                scanned: check.received.length,
                total: detail.tubes.length,
              })}
            </div>
            {check.extra.length > 0 && (
              <div
                data-testid="receive-extra-count"
                style={{ fontSize: 20, fontWeight: 600, color: "#cf1322" }}
              >
                {t("boxes.receive.extraCount", { count: check.extra.length })}
              </div>
            )}
          </div>
        )}
      </div>
      {box.status === "packing" && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={t("boxes.receive.notSealed")} />
      )}
      {box.status === "sealed" && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t("boxes.receive.noHandOver")} />
      )}
      {!result && check.extra.length > 0 && (
        <ProblemList testId="receive-extra" title={t("boxes.receive.extra")} barcodes={check.extra} />
      )}
    </div>
  );
}

/** After the receipt: all well in green, or the missing and extra tubes in red. */
function ReceiptOutcome({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const { result, detail } = receipt;
  if (!result || !detail) return null;
  const problems = result.missing.length + result.extra.length > 0;
  const values = {
    box: detail.box.barcode,
    received: result.received,
    missing: result.missing.length,
    extra: result.extra.length,
  };
  return (
    <div
      data-testid="receive-result"
      data-problems={problems ? "yes" : "no"}
      style={{
        background: problems ? "#fff1f0" : "#e6f4ea",
        border: `2px solid ${problems ? "#ff4d4f" : "#52c41a"}`,
        borderRadius: 12,
        padding: 16,
      }}
    >
      <div style={{ fontSize: 22, fontWeight: 700, color: problems ? "#a8071a" : "#135200" }}>
        {problems ? <CloseCircleOutlined /> : <CheckCircleOutlined />}{" "}
        {t(problems ? "boxes.receive.doneProblems" : "boxes.receive.done", values)}
        {!problems && ` · ${t("boxes.receive.allGood")}`}
      </div>
      {result.already && (
        <div style={{ marginTop: 4 }}>
          {t("boxes.receive.alreadyReceived", { time: formatDateTime(detail.box.receivedAt) })}
        </div>
      )}
      {result.missing.length > 0 && (
        <ProblemList testId="receive-missing" title={t("boxes.receive.missing")} barcodes={result.missing} />
      )}
      {result.extra.length > 0 && (
        <ProblemList testId="receive-extra" title={t("boxes.receive.extra")} barcodes={result.extra} />
      )}
      <Button
        size="large"
        type="primary"
        style={{ marginTop: 12 }}
        onClick={receipt.reset}
        data-testid="receive-next"
      >
        {t("boxes.receive.another")}
      </Button>
    </div>
  );
}

function ProblemList({ testId, title, barcodes }: { testId: string; title: string; barcodes: string[] }) {
  return (
    <div data-testid={testId} style={{ marginTop: 10, color: "#a8071a" }}>
      <div style={{ fontWeight: 600, fontSize: 17 }}>{title}</div>
      <div
        style={{ display: "flex", flexWrap: "wrap", gap: "2px 16px", fontFamily: "monospace", fontSize: 17 }}
      >
        {barcodes.map((b) => (
          <span key={b}>{b}</span>
        ))}
      </div>
    </div>
  );
}

/** The manifest, tube by tube, with what the lab's scanning (or its recorded receipt) says of each. */
function ManifestTable({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const { detail, check, result } = receipt;
  if (!detail) return null;
  const missing = new Set(result ? result.missing : check.missing);
  const rows = detail.tubes.map((tube, i) => ({ ...tube, no: i + 1, ok: !missing.has(tube.barcode) }));
  return (
    <Table
      data-testid="receive-manifest"
      rowKey="barcode"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ y: 360 }}
      columns={[
        { title: t("boxes.print.no"), dataIndex: "no", width: 64 },
        {
          title: t("boxes.print.barcode"),
          dataIndex: "barcode",
          render: (b: string) => <span style={{ fontFamily: "monospace" }}>{b}</span>,
        },
        {
          title: t("boxes.print.kind"),
          render: (_: unknown, r) =>
            r.single ? t("boxes.print.single") : t("boxes.print.pooled", { count: r.people }),
        },
        {
          title: t("boxes.col.status"),
          width: 140,
          render: (_: unknown, r) =>
            r.ok ? (
              <span style={{ color: "#1e7b34", fontWeight: 600 }} data-testid="manifest-row-ok">
                ✓ {result ? t("boxes.custody.tube_received") : t("boxes.receive.scanned")}
              </span>
            ) : (
              <span
                style={{ color: result ? "#cf1322" : "#829ab1", fontWeight: 600 }}
                data-testid="manifest-row-missing"
              >
                {result ? `✗ ${t("boxes.custody.tube_missing")}` : t("boxes.receive.notScanned")}
              </span>
            ),
        },
      ]}
    />
  );
}
