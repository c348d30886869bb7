import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useApi } from "../../../app/use-api";
import { type BuildingSheet, fetchBuildingSheet, fetchBuildings } from "../notices-api";
import { SheetPage } from "./building-sheet-page";
import { PrintFrame } from "./print-frame";

// A few sheets at a time: quick for a community, gentle on the server for a whole subdistrict.
const PARALLEL = 6;

/** Every building's sheet (or those matching the buildings tab's search), one A4 page each. */
export function AllSheetsPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const q = (params.get("q") ?? "").trim();
  const sheets = useApi(
    async (signal) => {
      const buildings = (await fetchBuildings(id, signal)).items.filter(
        (b) => !q || `${b.communityName}${b.gridName}${b.name}`.includes(q),
      );
      const out: BuildingSheet[] = [];
      for (let i = 0; i < buildings.length; i += PARALLEL) {
        const batch = buildings.slice(i, i + PARALLEL);
        out.push(...(await Promise.all(batch.map((b) => fetchBuildingSheet(id, b.buildingId, signal)))));
      }
      return out;
    },
    [id, q],
  );
  return (
    <PrintFrame
      campaignId={id}
      tab="buildings"
      loading={!sheets.data}
      error={sheets.error}
      hint={sheets.data && t("campaigns.print.allSheetsHint", { count: sheets.data.length })}
    >
      {sheets.data?.map((sheet) => (
        <SheetPage key={sheet.building.id} sheet={sheet} />
      ))}
    </PrintFrame>
  );
}
