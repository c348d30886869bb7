import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useApi } from "../../../app/use-api";
import { fetchHomeRuns } from "../campaigns-api";
import { formatDateTime } from "../shanghai-time";
import { PrintFrame } from "./print-frame";

/** One page per home-sampling team: the doors in order, with a box to tick at each. */
export function HomeRunsPrintPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const runs = useApi((signal) => fetchHomeRuns(id, signal), [id]);
  return (
    <PrintFrame campaignId={id} tab="homeRuns" loading={!runs.data} error={runs.error}>
      {(runs.data?.items ?? []).map((run) => (
        <div key={run.id} className="print-page" data-testid="home-run-sheet">
          <h1 className="sheet-title" style={{ textAlign: "left", fontSize: "24pt" }}>
            {t("campaigns.homeRuns.runTitle", { seq: run.seq, building: run.buildingName })}
          </h1>
          <p className="sheet-sub" style={{ textAlign: "left" }}>
            {t("campaigns.homeRuns.sheetSub", { households: run.stops.length, people: run.people })}
          </p>
          <table className="sheet-table">
            <thead>
              <tr>
                <th style={{ width: "12mm" }}>#</th>
                <th>{t("campaigns.print.address")}</th>
                <th style={{ width: "20mm" }}>{t("campaigns.print.people")}</th>
                <th style={{ width: "30mm" }}>{t("campaigns.print.done")}</th>
              </tr>
            </thead>
            <tbody>
              {run.stops.map((stop, i) => (
                <tr key={stop.householdId}>
                  <td>{i + 1}</td>
                  <td style={{ fontWeight: 700 }}>{stop.address}</td>
                  <td>{stop.people}</td>
                  <td>☐</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="sheet-footer sheet-small">
            {t("campaigns.print.printedAt", { at: formatDateTime(new Date().toISOString()) })}
          </div>
        </div>
      ))}
    </PrintFrame>
  );
}
