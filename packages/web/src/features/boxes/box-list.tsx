import { Button, Collapse, Grid, Table } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatShort } from "../campaigns/shanghai-time";
import { BoxStatusTag } from "./box-status-tag";
import type { BoxList, BoxSummary } from "./boxes-api";

/** The point's boxes, newest first: where each one is in the chain, and a button to take it up. */
export function BoxListCard({
  list,
  currentId,
  onOpen,
}: {
  list: BoxList | undefined;
  currentId: string | undefined;
  onOpen: (boxId: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const narrow = Grid.useBreakpoint().md === false;
  const lastStep = (b: BoxSummary) => {
    if (b.receivedAt) return t("boxes.receivedAt", { time: formatShort(b.receivedAt, lang) });
    if (b.handedOverAt) return t("boxes.handedOverAt", { time: formatShort(b.handedOverAt, lang) });
    if (b.sealedAt) return t("boxes.sealedAt", { time: formatShort(b.sealedAt, lang) });
    return t("boxes.createdAt", { time: formatShort(b.createdAt, lang) });
  };
  return (
    <div style={{ background: "#fff", borderRadius: 12, border: "1px solid #d9e2ec", padding: 16 }}>
      <div style={{ fontSize: 18, fontWeight: 600, marginBottom: 8 }}>{t("boxes.list")}</div>
      <WaitingTubes list={list} />
      {narrow ? (
        <BoxCards list={list} currentId={currentId} lastStep={lastStep} onOpen={onOpen} />
      ) : (
        <Table<BoxSummary>
          data-testid="box-list"
          rowKey="id"
          size="middle"
          loading={!list}
          dataSource={list?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t("boxes.listEmpty") }}
          scroll={{ x: "max-content" }}
          rowClassName={(b) => (b.id === currentId ? "ant-table-row-selected" : "")}
          columns={[
            {
              title: t("boxes.col.barcode"),
              dataIndex: "barcode",
              render: (barcode: string) => (
                <span style={{ fontFamily: "monospace", fontWeight: 600 }}>{barcode}</span>
              ),
            },
            {
              title: t("boxes.col.status"),
              dataIndex: "status",
              render: (_: unknown, b) => (
                <div>
                  <BoxStatusTag status={b.status} />
                  {b.receipt && (b.receipt.missing > 0 || b.receipt.extra > 0) && (
                    <div style={{ color: "#cf1322", fontWeight: 600 }} data-testid="box-receipt-problem">
                      {t("boxes.receiptProblems", b.receipt)}
                    </div>
                  )}
                </div>
              ),
            },
            { title: t("boxes.col.tubes"), dataIndex: "tubes", align: "right", width: 72 },
            {
              title: t("boxes.col.time"),
              render: (_: unknown, b) => (
                <div>
                  <div>{lastStep(b)}</div>
                  {b.courier && <div style={{ color: "#627d98" }}>{b.courier}</div>}
                </div>
              ),
            },
            {
              title: "",
              width: 80,
              render: (_: unknown, b) => (
                <Button data-testid="box-open" onClick={() => onOpen(b.id)} disabled={b.id === currentId}>
                  {t("boxes.open")}
                </Button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

/** On a phone: one card per box instead of a table that scrolls sideways. */
function BoxCards({
  list,
  currentId,
  lastStep,
  onOpen,
}: {
  list: BoxList | undefined;
  currentId: string | undefined;
  lastStep: (b: BoxSummary) => string;
  onOpen: (boxId: string) => void;
}) {
  const { t } = useTranslation();
  if (list && list.items.length === 0) return <div style={{ color: "#829ab1" }}>{t("boxes.listEmpty")}</div>;
  return (
    <div data-testid="box-list" style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {list?.items.map((b) => (
        <div
          key={b.id}
          style={{
            display: "flex",
            alignItems: "center",
            gap: 12,
            padding: "8px 12px",
            borderRadius: 8,
            border: "1px solid #e5e9f0",
            background: b.id === currentId ? "#e6f4ff" : "#fff",
          }}
        >
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
              <span style={{ fontFamily: "monospace", fontWeight: 600, fontSize: 16 }}>{b.barcode}</span>
              <BoxStatusTag status={b.status} />
              <span>{t("boxes.packedCount", { count: b.tubes })}</span>
            </div>
            <div style={{ color: "#627d98" }}>
              {lastStep(b)}
              {b.courier ? ` · ${b.courier}` : ""}
            </div>
            {b.receipt && (b.receipt.missing > 0 || b.receipt.extra > 0) && (
              <div style={{ color: "#cf1322", fontWeight: 600 }}>{t("boxes.receiptProblems", b.receipt)}</div>
            )}
          </div>
          <Button data-testid="box-open" onClick={() => onOpen(b.id)} disabled={b.id === currentId}>
            {t("boxes.open")}
          </Button>
        </div>
      ))}
    </div>
  );
}

/** 本点待装 M 管, unfolding into the barcodes, so the tube left on the table can be found. */
function WaitingTubes({ list }: { list: BoxList | undefined }) {
  const { t } = useTranslation();
  if (!list || list.waiting === 0) return null;
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      items={[
        {
          key: "waiting",
          label: (
            <span data-testid="waiting-summary" style={{ fontWeight: 600, color: "#ad4e00" }}>
              {t("boxes.waitingCount", { count: list.waiting })}
            </span>
          ),
          children: (
            <div>
              <div style={{ color: "#627d98", marginBottom: 4 }}>
                {t("boxes.waitingList", { count: list.waitingTubes.length })}
              </div>
              <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 16px", fontFamily: "monospace" }}>
                {list.waitingTubes.map((w) => (
                  <span key={w.barcode} data-testid="waiting-tube">
                    {w.barcode}
                  </span>
                ))}
              </div>
            </div>
          ),
        },
      ]}
    />
  );
}
