import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Spin } from "antd";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";
import { formatDateTime } from "../campaigns/shanghai-time";
import { type BoxDetail, fetchBox } from "./boxes-api";
import "./boxes.css";

/**
 * The paper that travels with the box: round, point, label, every tube's barcode and head count,
 * the courier, and lines to sign. Barcodes and counts only, never a person.
 */
export function ManifestSheet({ detail, printCopy }: { detail: BoxDetail; printCopy?: boolean }) {
  const { t } = useTranslation();
  const { box, tubes, events } = detail;
  const people = tubes.reduce((n, x) => n + x.people, 0);
  return (
    <div className="box-sheet" data-testid={printCopy ? undefined : "box-manifest"}>
      <h1>{t("boxes.print.title")}</h1>
      <div className="box-sheet-label">{box.barcode}</div>
      <table className="box-sheet-facts">
        <tbody>
          <tr>
            <td>{t("boxes.print.round")}</td>
            <td>{box.campaign.name}</td>
          </tr>
          <tr>
            <td>{t("boxes.print.site")}</td>
            <td>
              {box.site.name}（{box.site.address}）
            </td>
          </tr>
          <tr>
            <td>{t("boxes.print.tubes")}</td>
            <td data-testid="manifest-total">{t("boxes.print.total", { tubes: tubes.length, people })}</td>
          </tr>
          <tr>
            <td>{t("boxes.print.sealedAt")}</td>
            <td>{formatDateTime(box.sealedAt)}</td>
          </tr>
          <tr>
            <td>{t("boxes.print.courier")}</td>
            <td>{box.courier ?? "—"}</td>
          </tr>
          <tr>
            <td>{t("boxes.print.handedOverAt")}</td>
            <td>{formatDateTime(box.handedOverAt)}</td>
          </tr>
        </tbody>
      </table>
      <table className="box-sheet-tubes" style={{ marginTop: "4mm" }}>
        <thead>
          <tr>
            <th style={{ width: "12%" }}>{t("boxes.print.no")}</th>
            <th>{t("boxes.print.barcode")}</th>
            <th style={{ width: "30%" }}>{t("boxes.print.kind")}</th>
          </tr>
        </thead>
        <tbody>
          {tubes.map((tube, i) => (
            <tr key={tube.barcode} data-testid="manifest-tube">
              <td>{i + 1}</td>
              <td>{tube.barcode}</td>
              <td>
                {tube.single ? t("boxes.print.single") : t("boxes.print.pooled", { count: tube.people })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="box-sheet-sign">
        <div>{t("boxes.print.signPoint")}</div>
        <div>{t("boxes.print.signCourier")}</div>
        <div>{t("boxes.print.signLab")}</div>
      </div>
      <h2 style={{ fontSize: "13pt", margin: "6mm 0 2mm" }}>{t("boxes.print.custody")}</h2>
      <table>
        <tbody>
          {events
            .filter((e) => BOX_EVENTS.has(e.kind))
            .map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the chain is append-only and never reordered
              <tr key={i}>
                <td style={{ width: "24%" }}>{formatDateTime(e.at)}</td>
                <td>
                  {t(`boxes.custody.${e.kind}`)}
                  {e.tube ? ` ${e.tube}` : ""}
                  {e.party ? ` · ${e.party}` : ""}
                </td>
                <td style={{ width: "24%" }}>{e.user ?? ""}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <div className="box-sheet-note">{t("boxes.print.noPersonalData")}</div>
    </div>
  );
}

/** The box's own steps; tube by tube, the table above is the manifest. */
const BOX_EVENTS = new Set(["created", "sealed", "handed_over", "received"]);

/** Prints the sheet alone: everything else on the page is hidden while the print dialog is open. */
function printSheet(): void {
  document.body.classList.add("box-printing");
  const done = () => {
    document.body.classList.remove("box-printing");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

/** The manifest on screen, with a print button; the same sheet is what comes out of the printer. */
export function ManifestModal({ boxId, onClose }: { boxId: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const detail = useApi(async (signal) => (boxId ? fetchBox(boxId, signal) : undefined), [boxId]);
  const data = detail.data?.box.id === boxId ? detail.data : undefined;
  return (
    <Modal
      open={!!boxId}
      onCancel={onClose}
      width={760}
      title={t("boxes.manifest")}
      footer={[
        <Button key="close" size="large" onClick={onClose}>
          {t("common.back")}
        </Button>,
        <Button
          key="print"
          size="large"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!data}
          onClick={printSheet}
          data-testid="manifest-print"
        >
          {t("boxes.print.print")}
        </Button>,
      ]}
      destroyOnHidden
    >
      {detail.error ? (
        <Alert type="error" showIcon title={errorText(detail.error)} />
      ) : data ? (
        <>
          <ManifestSheet detail={data} />
          {createPortal(
            <div className="box-print-root">
              <ManifestSheet detail={data} printCopy />
            </div>,
            document.body,
          )}
        </>
      ) : (
        <div style={{ display: "grid", placeItems: "center", minHeight: 200 }}>
          <Spin size="large" />
        </div>
      )}
    </Modal>
  );
}
