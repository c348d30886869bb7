import { CheckCircleFilled, SearchOutlined } from "@ant-design/icons";
import { Button, Input } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatSlot } from "../campaigns/shanghai-time";
import type { BootstrapHousehold } from "./station-api";
import type { PersonEntry } from "./station-state";

const SHOWN = 60;

/**
 * The point's slot list, in slot order: find a household by its door, tap it, tap the person.
 * For someone without a QR code or ID card at hand.
 */
export function HouseholdPicker({
  households,
  sampled,
  onPick,
}: {
  households: BootstrapHousehold[];
  sampled: Set<string>;
  onPick: (person: PersonEntry) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [query, setQuery] = useState("");
  const [openId, setOpenId] = useState<string>();
  const sorted = useMemo(
    () =>
      [...households].sort(
        (a, b) =>
          (a.startsAt ?? "9").localeCompare(b.startsAt ?? "9") ||
          a.address.localeCompare(b.address, "zh-CN", { numeric: true }),
      ),
    [households],
  );
  const words = query.trim().split(/\s+/).filter(Boolean);
  const matches = sorted.filter((h) => words.every((w) => h.address.includes(w)));
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8, minHeight: 0, height: "100%" }}>
      <div style={{ fontSize: 18, fontWeight: 600 }}>{t("station.picker.title")}</div>
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t("station.picker.search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="picker-search"
      />
      <div style={{ overflowY: "auto", flex: 1, minHeight: 0 }}>
        {matches.slice(0, SHOWN).map((h) => {
          const done = h.residents.filter((r) => sampled.has(r.residentId)).length;
          const expanded = openId === h.householdId;
          return (
            <div key={h.householdId} style={{ borderBottom: "1px solid #e5e9f0", padding: "8px 0" }}>
              <button
                type="button"
                data-testid="picker-household"
                onClick={() => setOpenId(expanded ? undefined : h.householdId)}
                style={{
                  all: "unset",
                  cursor: "pointer",
                  display: "flex",
                  justifyContent: "space-between",
                  width: "100%",
                  fontSize: 18,
                }}
              >
                <span>{h.address}</span>
                <span style={{ color: done === h.residents.length ? "#1e7b34" : "#627d98", fontSize: 16 }}>
                  {h.startsAt && h.endsAt ? `${formatSlot(h.startsAt, h.endsAt, lang)} · ` : ""}
                  {done}/{h.residents.length}
                </span>
              </button>
              {expanded && (
                <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginTop: 8 }}>
                  {h.residents.map((r) => {
                    const isSampled = sampled.has(r.residentId);
                    return (
                      <Button
                        key={r.residentId}
                        size="large"
                        data-testid="picker-person"
                        icon={isSampled ? <CheckCircleFilled style={{ color: "#1e7b34" }} /> : undefined}
                        style={{ height: 52, fontSize: 18 }}
                        onClick={() => onPick({ resident: r, household: h })}
                      >
                        {r.name}
                        {r.age !== null && ` · ${t("station.age", { age: r.age })}`}
                      </Button>
                    );
                  })}
                </div>
              )}
            </div>
          );
        })}
        {matches.length > SHOWN && (
          <div style={{ color: "#627d98", padding: 8 }}>
            {t("station.picker.more", { count: matches.length - SHOWN })}
          </div>
        )}
        {matches.length === 0 && (
          <div style={{ color: "#627d98", padding: 8 }}>{t("station.picker.none")}</div>
        )}
      </div>
    </div>
  );
}
