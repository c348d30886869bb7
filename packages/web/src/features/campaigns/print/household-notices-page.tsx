import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useLang } from "../../../app/i18n/setup-i18n";
import { useApi } from "../../../app/use-api";
import { fetchBuildingNotices, type HouseholdNotice } from "../notices-api";
import { formatSlot } from "../shanghai-time";
import { PrintFrame } from "./print-frame";
import { ResidentQr } from "./resident-qr";

/** Two slips to an A4 page, cut along the dashed line and handed to each household. */
export function HouseholdNoticesPage() {
  const { id = "", buildingId = "" } = useParams();
  const { t } = useTranslation();
  const notices = useApi((signal) => fetchBuildingNotices(id, buildingId, signal), [id, buildingId]);
  const items = notices.data?.items ?? [];
  const pages: HouseholdNotice[][] = [];
  for (let i = 0; i < items.length; i += 2) pages.push(items.slice(i, i + 2));

  return (
    <PrintFrame
      campaignId={id}
      tab="buildings"
      loading={!notices.data}
      error={notices.error}
      hint={notices.data && t("campaigns.print.slipsHint", { count: items.length, pages: pages.length })}
    >
      {pages.map((page) => (
        <div key={page[0]?.householdId} className="print-page">
          {page.map((notice) => (
            <Slip key={notice.householdId} notice={notice} />
          ))}
        </div>
      ))}
    </PrintFrame>
  );
}

function Slip({ notice }: { notice: HouseholdNotice }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="slip" data-testid="notice-slip">
      <div className="slip-title">{t("campaigns.print.slipTitle")}</div>
      <div className="slip-address">{notice.address}</div>
      <div className="slip-time">
        {notice.slot
          ? formatSlot(notice.slot.startsAt, notice.slot.endsAt, lang)
          : t("campaigns.print.homeVisitWait")}
      </div>
      {notice.site && (
        <div style={{ fontSize: "14pt" }}>
          {t("campaigns.print.site")}
          {notice.site.name}
          {notice.site.address && `（${notice.site.address}）`}
        </div>
      )}
      <div className="slip-text">{notice.text}</div>
      <div className="slip-codes">
        {notice.residents.map((r) => (
          <ResidentQr key={r.residentId} token={r.token} label={r.name} code={r.lookupCode} />
        ))}
      </div>
      {notice.residents.length > 0 && (
        <div className="sheet-small">
          {t("campaigns.print.qrHint", { url: `${window.location.origin}/lookup` })}
        </div>
      )}
    </div>
  );
}
