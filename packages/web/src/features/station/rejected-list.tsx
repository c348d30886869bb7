import { WarningFilled } from "@ant-design/icons";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatShort } from "../campaigns/shanghai-time";
import type { StationSetup, StoredScan } from "./station-db";

const CODES = [
  "tube_used",
  "tube_unknown",
  "tube_sealed",
  "tube_full",
  "already_sampled",
  "unknown_person",
  "bad_token",
  "invalid_id_number",
  "invalid_scan",
  "refused",
] as const;
type KnownCode = (typeof CODES)[number];
/** Refusals a deliberate override with a reason can lift. */
const OVERRIDABLE: ReadonlySet<string> = new Set(["tube_used", "already_sampled"]);

/**
 * Scans the server refused after the station had already shown them as done (it was offline, or
 * another station got there first). Each stays here until someone has dealt with it.
 */
export function RejectedList({
  scans,
  setup,
  onResolve,
  onOverride,
}: {
  scans: StoredScan[];
  setup: StationSetup;
  onResolve: (id: string) => void;
  onOverride: (scan: StoredScan) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (scans.length === 0) return null;
  const reason = (s: StoredScan) =>
    CODES.includes(s.code as KnownCode)
      ? t(`station.codes.${s.code as KnownCode}`)
      : (s.message ?? s.code ?? t("station.codes.refused"));
  return (
    <div
      data-testid="station-rejected"
      style={{ background: "#fff1f0", border: "1px solid #ffa39e", borderRadius: 12, padding: 16 }}
    >
      <div style={{ fontSize: 18, fontWeight: 600, color: "#a8071a", marginBottom: 8 }}>
        <WarningFilled /> {t("station.rejectedTitle", { count: scans.length })}
      </div>
      {scans.slice(0, 20).map((s) => (
        <div
          key={s.id}
          data-testid="rejected-row"
          style={{ display: "flex", alignItems: "center", gap: 12, padding: "6px 0", fontSize: 16 }}
        >
          <span style={{ color: "#627d98" }}>{formatShort(s.scan.at, lang)}</span>
          <span>{t(`station.kinds.${s.scan.kind}`)}</span>
          <span style={{ fontFamily: "monospace" }}>{s.scan.barcode}</span>
          <span style={{ flex: 1 }}>{reason(s)}</span>
          {OVERRIDABLE.has(s.code ?? "") &&
            s.scan.campaignId === setup.campaignId &&
            s.scan.siteId === setup.siteId && (
              <Button danger onClick={() => onOverride(s)}>
                {t("station.override.confirm")}
              </Button>
            )}
          <Button onClick={() => onResolve(s.id)}>{t("station.resolve")}</Button>
        </div>
      ))}
    </div>
  );
}
