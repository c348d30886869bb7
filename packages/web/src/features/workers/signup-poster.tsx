import { Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useApi } from "../../app/use-api";
import { QrImage } from "./qr-image";
import { fetchVolunteerCommunity, joinUrl } from "./workers-api";

/** The A4 sign-up poster a community puts up: a call, the QR code of its join page, the link. */
export function SignupPoster({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const community = useApi((signal) => fetchVolunteerCommunity(communityId, signal), [communityId]);
  if (!community.data) return <Spin />;
  const url = joinUrl(communityId);
  return (
    <div className="poster" data-testid="signup-poster">
      <h1>{t("workers.posterPage.title")}</h1>
      <div className="poster-lead">{t("workers.posterPage.lead", { community: community.data.name })}</div>
      <div className="poster-body">{t("workers.posterPage.body")}</div>
      <QrImage text={url} size="110mm" alt={url} testId="poster-qr" />
      <div className="poster-scan">{t("workers.posterPage.scan")}</div>
      <div className="poster-url">
        {t("workers.posterPage.orOpen")}
        {url}
      </div>
      <div style={{ fontSize: "12pt" }}>
        {[community.data.subdistrict, community.data.name].filter(Boolean).join(" · ")}
      </div>
    </div>
  );
}
