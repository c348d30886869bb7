import { badgeQrText, publicWorkerName } from "@shequ/core/badge";
import { WORKER_SOURCE_LABELS } from "@shequ/core/worker-schema";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { QrImage } from "./qr-image";
import type { WorkerListItem } from "./workers-api";

/**
 * One armband/badge card: the number read aloud, big; the name (or "志愿者 B00123" for someone
 * who hides it); community and source; the check-in QR; the address of the person's own shifts.
 */
export function BadgeCard({ worker, badgeCode }: { worker: WorkerListItem; badgeCode: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const source = [pickLabel(WORKER_SOURCE_LABELS[worker.source], lang), worker.sourceOrg]
    .filter(Boolean)
    .join(" · ");
  const myUrl = `${window.location.origin}/my/${badgeCode}`;
  return (
    <div className="badge-card" data-testid="badge-card" data-badge-no={worker.badgeNo ?? ""}>
      <div className="badge-head">
        <strong>{t("workers.badgeCard.title")}</strong>
        <span>{worker.communityName}</span>
      </div>
      <div>
        <div className="badge-no">{worker.badgeNo}</div>
        <div className="badge-name">{publicWorkerName(worker)}</div>
        <div className="badge-source">{source}</div>
      </div>
      <div className="badge-qr">
        <QrImage text={badgeQrText(badgeCode)} size="29mm" alt={worker.badgeNo ?? ""} testId="badge-qr" />
      </div>
      <div className="badge-foot">
        <div>{t("workers.badgeCard.scan")}</div>
        <div className="badge-url">
          {t("workers.badgeCard.myShifts")}：{myUrl}
        </div>
      </div>
    </div>
  );
}
