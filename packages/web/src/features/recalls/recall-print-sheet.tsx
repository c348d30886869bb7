import { PrinterOutlined } from "@ant-design/icons";
import { Button, Modal } from "antd";
import { useEffect } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../campaigns/shanghai-time";
import { personKey } from "./recall-tags";
import type { RecallGroup } from "./recalls-api";

/** One A4 page per grid: doors in walking order, masked names, boxes to tick by hand. */
function Sheets({ round, groups, printedAt }: { round: string; groups: RecallGroup[]; printedAt: string }) {
  const { t } = useTranslation();
  return (
    <>
      {groups.map((g) => {
        const people = g.tasks.reduce((n, task) => n + task.people.length, 0);
        return (
          <section key={g.gridId} className="recall-sheet" data-testid="recall-sheet">
            <h1>
              {t("recalls.printTitle")} · {g.communityName} {g.gridName}
            </h1>
            <p className="recall-sheet-sub">
              {t("recalls.printSub", { round, households: g.tasks.length, people })}
            </p>
            <table>
              <thead>
                <tr>
                  <th style={{ width: "9mm" }}>{t("recalls.printCols.no")}</th>
                  <th>{t("recalls.printCols.address")}</th>
                  <th style={{ width: "20mm" }}>{t("recalls.printCols.reason")}</th>
                  <th>{t("recalls.printCols.people")}</th>
                  <th style={{ width: "15mm" }}>{t("recalls.printCols.controlled")}</th>
                  <th style={{ width: "40mm" }}>{t("recalls.printCols.note")}</th>
                </tr>
              </thead>
              <tbody>
                {g.tasks.map((task, i) => (
                  <tr key={task.id}>
                    <td>{i + 1}</td>
                    <td>
                      <strong>{task.address}</strong>
                      <div className="recall-sheet-small">
                        {t("recalls.printCols.tube")} {task.tube.barcode}
                        {task.homeSampling ? ` · ${t("recalls.homeSampling")}` : ""}
                      </div>
                    </td>
                    <td>
                      <strong>{t(`recalls.reason.${task.reason}`)}</strong>
                    </td>
                    <td>
                      {task.people.map((p) => (
                        <div key={p.recallId}>
                          <span className="recall-sheet-tick">{p.status === "open" ? "☐" : "☑"}</span>
                          {p.name} {p.age === null ? "" : t("recalls.age", { age: p.age })}
                          {personKey(p) !== "open" && ` · ${t(`recalls.person.${personKey(p)}`)}`}
                        </div>
                      ))}
                    </td>
                    <td className="recall-sheet-box">{task.controlledAt ? "☑" : "☐"}</td>
                    <td className="recall-sheet-small">{task.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="recall-sheet-small">{t("recalls.printedAt", { at: printedAt })}</p>
          </section>
        );
      })}
    </>
  );
}

/**
 * The print preview: the sheets on screen in a dialog, and a copy placed straight under <body>
 * that alone is shown when printing (the app, its menus and this dialog are hidden).
 */
export function RecallPrintPreview(props: { round: string; groups: RecallGroup[]; onClose: () => void }) {
  const { t } = useTranslation();
  const printedAt = formatDateTime(new Date().toISOString());
  useEffect(() => {
    document.body.classList.add("recall-printing");
    return () => document.body.classList.remove("recall-printing");
  }, []);
  return (
    <>
      <Modal
        open
        width={920}
        title={t("recalls.print")}
        onCancel={props.onClose}
        footer={[
          <Button key="close" onClick={props.onClose} data-testid="recall-print-close">
            {t("recalls.printCancel")}
          </Button>,
          <Button
            key="print"
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="recall-print-go"
          >
            {t("recalls.print")}
          </Button>,
        ]}
      >
        <div className="recall-print-preview">
          <Sheets round={props.round} groups={props.groups} printedAt={printedAt} />
        </div>
      </Modal>
      {createPortal(
        <div className="recall-print-root">
          <Sheets round={props.round} groups={props.groups} printedAt={printedAt} />
        </div>,
        document.body,
      )}
    </>
  );
}
