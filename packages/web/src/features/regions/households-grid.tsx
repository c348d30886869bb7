import { compareDoor } from "@shequ/core/door";
import { Alert, Empty, Spin, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";
import { fetchHouseholds, type UnitHousehold } from "./regions-api";

/** "502" → floor 5, "1203" → 12; other door numbers have no floor and sit in one row. */
function floorOf(door: string): string {
  const digits = /^(\d{3,4})$/.exec(door.trim())?.[1];
  return digits ? String(Math.floor(Number(digits) / 100)) : "";
}

function groupByFloor(items: UnitHousehold[]): { floor: string; items: UnitHousehold[] }[] {
  const groups: { floor: string; items: UnitHousehold[] }[] = [];
  for (const item of items) {
    const floor = floorOf(item.door);
    const last = groups.at(-1);
    if (last && last.floor === floor) last.items.push(item);
    else groups.push({ floor, items: [item] });
  }
  return groups;
}

/**
 * The households of a unit laid out floor by floor in door order (502 before 1001), the way a
 * grid worker walks the stairs; each tile opens the household.
 */
export function HouseholdsGrid({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const households = useApi((signal) => fetchHouseholds(unitId, signal), [unitId]);
  if (households.error) return <Alert type="error" showIcon title={errorText(households.error)} />;
  if (households.loading && !households.data) return <Spin />;
  const items = [...(households.data?.items ?? [])].sort((a, b) => compareDoor(a.door, b.door));
  if (items.length === 0) return <Empty description={t("regions.noHouseholds")} />;

  return (
    <div style={{ display: "grid", gap: 8 }}>
      {groupByFloor(items).map((group) => (
        <div
          key={`${group.floor}-${group.items[0]?.id}`}
          style={{ display: "flex", gap: 8, alignItems: "stretch" }}
        >
          {group.floor && (
            <Typography.Text
              type="secondary"
              style={{ width: 52, flex: "none", alignSelf: "center", fontSize: 13, whiteSpace: "nowrap" }}
            >
              {t("regions.floor", { floor: group.floor })}
            </Typography.Text>
          )}
          <div style={{ display: "flex", flexWrap: "wrap", gap: 8, flex: 1 }}>
            {group.items.map((h) => (
              <button
                type="button"
                key={h.id}
                data-testid={`household-row-${h.door}`}
                onClick={() => navigate(`/households/${h.id}`)}
                style={{
                  minWidth: 80,
                  padding: "8px 12px",
                  textAlign: "left",
                  cursor: "pointer",
                  background: h.residentCount ? token.colorBgContainer : token.colorFillAlter,
                  border: `1px solid ${token.colorBorderSecondary}`,
                  borderRadius: token.borderRadius,
                  font: "inherit",
                }}
              >
                <div style={{ fontWeight: 600, color: token.colorPrimary, fontSize: 16 }}>{h.door}</div>
                <div style={{ color: token.colorTextSecondary, fontSize: 13 }}>
                  {t("regions.people", { count: h.residentCount })}
                </div>
              </button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
