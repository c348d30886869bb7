import { Empty, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatDay, inShanghai } from "../campaigns/shanghai-time";
import { zoneLabel } from "./shift-labels";
import type { Board } from "./shifts-api";

type BoardDemand = Board["demands"][number];

const RED = "#fff1f0";
const RED_BORDER = "#ff4d4f";

/**
 * One point's shifts as a grid: a row per zone, a column per window, each cell the people on it;
 * a cell still missing people is red, and the top row sums the gap of each window.
 */
export function ShiftBoard({
  board,
  siteId,
  onOpen,
}: {
  board: Board;
  siteId: string;
  onOpen: (demand: BoardDemand) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const site = board.sites.find((s) => s.id === siteId);
  const demands = board.demands.filter((d) => d.siteId === siteId);
  if (!site) return null;
  const starts = [...new Set(demands.map((d) => d.startsAt))].sort();
  const zones = [...new Set(demands.map((d) => d.zone))].sort(
    (a, b) => ((site.zones.indexOf(a) + 100) % 100) - ((site.zones.indexOf(b) + 100) % 100),
  );
  if (demands.length === 0)
    return (
      <Empty
        description={t("shifts.noDemands")}
        data-testid="board-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
      />
    );
  const cell = new Map(demands.map((d) => [`${d.zone}|${d.startsAt}`, d]));
  const gapAt = (start: string) =>
    demands.filter((d) => d.startsAt === start).reduce((sum, d) => sum + d.gap, 0);
  return (
    <div style={{ overflowX: "auto" }} data-testid={`board-${siteId}`}>
      <table style={{ borderCollapse: "collapse", fontSize: 13 }}>
        <thead>
          <tr>
            <th style={th(true)}>{t("shifts.zone")}</th>
            {starts.map((s, i) => {
              const day = i === 0 || inShanghai(s).date() !== inShanghai(starts[i - 1] as string).date();
              const gap = gapAt(s);
              return (
                <th key={s} style={{ ...th(false), background: gap > 0 ? RED : "#fafafa" }}>
                  <div style={{ fontSize: 11, color: "#888" }}>{day ? formatDay(s, lang) : "\u00a0"}</div>
                  <div>{inShanghai(s).format("HH:mm")}</div>
                  <div style={{ color: gap > 0 ? RED_BORDER : "#52c41a", fontWeight: 600 }}>
                    {gap > 0 ? t("shifts.missing", { count: gap }) : "✓"}
                  </div>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {zones.map((zone) => (
            <tr key={zone}>
              <th style={th(true)}>{zoneLabel(zone, lang)}</th>
              {starts.map((s) => {
                const d = cell.get(`${zone}|${s}`);
                if (!d) return <td key={s} style={td(false)} />;
                const short = d.gap > 0;
                return (
                  <td key={s} style={td(short)}>
                    <button
                      type="button"
                      onClick={() => onOpen(d)}
                      data-testid={`cell-${zone}-${inShanghai(s).format("MMDD-HHmm")}`}
                      style={{
                        all: "unset",
                        display: "block",
                        width: "100%",
                        minHeight: 36,
                        cursor: "pointer",
                      }}
                    >
                      <Typography.Text strong style={{ color: short ? RED_BORDER : undefined }}>
                        {d.planned}/{d.needed}
                      </Typography.Text>
                      <div style={{ display: "flex", flexWrap: "wrap", gap: 2, marginTop: 2 }}>
                        {d.people.map((p) => (
                          <Tag
                            key={p.assignmentId}
                            color={p.overridden ? "orange" : "blue"}
                            style={{ margin: 0, fontSize: 11 }}
                          >
                            {p.name}
                          </Tag>
                        ))}
                      </div>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function th(sticky: boolean): React.CSSProperties {
  return {
    border: "1px solid #f0f0f0",
    padding: "4px 8px",
    background: "#fafafa",
    whiteSpace: "nowrap",
    textAlign: sticky ? "left" : "center",
    ...(sticky ? { position: "sticky", left: 0, zIndex: 1 } : {}),
  };
}

function td(short: boolean): React.CSSProperties {
  return {
    border: short ? `2px solid ${RED_BORDER}` : "1px solid #f0f0f0",
    background: short ? RED : "#fff",
    padding: 4,
    minWidth: 96,
    maxWidth: 140,
    verticalAlign: "top",
  };
}
