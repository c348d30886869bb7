import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useLang } from "../../../app/i18n/setup-i18n";
import { useApi } from "../../../app/use-api";
import { type BuildingSheet, fetchBuildingSheet } from "../notices-api";
import { formatDateTime, formatDay, formatRange, inShanghai } from "../shanghai-time";
import { PrintFrame } from "./print-frame";

type Row = BuildingSheet["rows"][number];

/** Tables flow into more, smaller columns as doors grow, so most buildings fit one A4 page. */
function columnsFor(lines: number): 1 | 2 | 3 | 4 {
  if (lines <= 24) return 1;
  if (lines <= 48) return 2;
  if (lines <= 80) return 3;
  return 4;
}

function groupByUnit(rows: Row[]): [string, Row[]][] {
  const units = new Map<string, Row[]>();
  for (const row of rows) units.set(row.unit, [...(units.get(row.unit) ?? []), row]);
  return [...units];
}

/** The list taped to a building's door: each door and its time, no names, no phones. */
export function BuildingSheetPage() {
  const { id = "", buildingId = "" } = useParams();
  const sheet = useApi((signal) => fetchBuildingSheet(id, buildingId, signal), [id, buildingId]);
  return (
    <PrintFrame campaignId={id} tab="buildings" loading={!sheet.data} error={sheet.error}>
      {sheet.data && <SheetPage sheet={sheet.data} />}
    </PrintFrame>
  );
}

/** One A4 page for one building (also used when printing many buildings at once). */
export function SheetPage({ sheet }: { sheet: BuildingSheet }) {
  const { t } = useTranslation();
  const lang = useLang();
  const timed = sheet.rows.filter((r) => r.startsAt);
  const days = new Set(timed.map((r) => inShanghai(r.startsAt ?? "").format("YYYY-MM-DD")));
  const oneDay = days.size <= 1 && timed[0]?.startsAt;
  const manySites = sheet.sites.length > 1;
  const columns = columnsFor(sheet.rows.length + groupByUnit(sheet.rows).length * 2);

  const timeOf = (row: Row) => {
    if (row.homeVisit || !row.startsAt || !row.endsAt) return t("campaigns.print.homeVisit");
    const range = formatRange(row.startsAt, row.endsAt, lang);
    return oneDay ? range : `${formatDay(row.startsAt, lang)} ${range}`;
  };

  return (
    <div className="print-page" data-testid="building-sheet">
      <h1 className="sheet-title">{t("campaigns.print.sheetTitle", { building: sheet.building.name })}</h1>
      <p className="sheet-sub">
        {sheet.building.communityName} {sheet.building.gridName} · {sheet.campaign.name}
      </p>
      <div className="sheet-box">
        {sheet.sites.map((site) => (
          <div key={site.id}>
            <strong>{t("campaigns.print.site")}</strong>
            {site.name}
            {site.address && `（${site.address}）`}
          </div>
        ))}
        {oneDay && (
          <div>
            <strong>{t("campaigns.print.date")}</strong>
            {formatDay(oneDay, lang)}
          </div>
        )}
        <div>
          <strong>{t("campaigns.print.bring")}</strong>
          {sheet.bring}
        </div>
      </div>
      <div className={`sheet-columns cols-${columns}`}>
        {groupByUnit(sheet.rows).map(([unit, rows]) => (
          <table key={unit} className="sheet-table">
            <thead>
              <tr>
                <th colSpan={manySites ? 3 : 2} className="unit">
                  {unit}
                </th>
              </tr>
              <tr>
                <th>{t("campaigns.print.door")}</th>
                <th>{t("campaigns.print.time")}</th>
                {manySites && <th>{t("campaigns.print.siteColumn")}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.householdId} data-testid="sheet-row">
                  <td className="door">{row.door}</td>
                  <td className="time">{timeOf(row)}</td>
                  {manySites && <td>{row.site ?? "—"}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <div className="sheet-footer">
        {t("campaigns.print.sheetFooter")}
        <div className="sheet-small">
          {t("campaigns.print.printedAt", { at: formatDateTime(new Date().toISOString()) })}
        </div>
      </div>
    </div>
  );
}
