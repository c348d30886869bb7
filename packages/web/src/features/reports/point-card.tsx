import type { BoardPoint, PointLoadState } from "@shequ/core/report-schema";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatClock, formatCount } from "../command/command-format";

/** The bar and tag colours of a load state, the same on every card. */
export const STATE_COLORS: Record<PointLoadState, string> = {
  idle: "#8c99a8",
  ok: "#237804",
  busy: "#d46b08",
  over: "#cf1322",
};

/** A point that has scanned before but nothing for this long while open is worth a phone call. */
const QUIET_MINUTES = 30;

/** One collection point on the board: its load bar first, then what waits there. */
export function PointCard({ point, now }: { point: BoardPoint; now: number }) {
  const { t } = useTranslation();
  const color = STATE_COLORS[point.state];
  const width = Math.min(100, point.load * 100 * (100 / 130));
  const quietFor = point.lastSampleAt
    ? Math.floor((now - Date.parse(point.lastSampleAt) - 5 * 60_000) / 60_000)
    : 0;
  const boxes = point.boxesPacking + point.boxesSealed;
  return (
    <div
      className={`board-card board-${point.state}${point.closed ? " board-closed" : ""}`}
      style={{ borderTopColor: color }}
      data-testid="board-card"
      data-state={point.state}
    >
      <div className="board-card-head">
        <span className="board-card-name" title={point.name}>
          {point.name}
        </span>
        {point.closed ? (
          <Tag data-testid="board-closed">{t("reports.board.closed")}</Tag>
        ) : (
          <Tag color={color} style={{ fontSize: 15, padding: "2px 10px", marginInlineEnd: 0 }}>
            {t(`reports.board.state.${point.state}`)}
          </Tag>
        )}
      </div>
      <div className="board-load">
        <span className="board-load-value" style={{ color }} data-testid="board-samples">
          {formatCount(point.samples)}
        </span>
        <span className="board-load-of">
          / {t("reports.board.capacity", { count: Math.round(point.capacity) })}
        </span>
        <span className="board-load-pct" style={{ color }}>
          {Math.round(point.load * 100)}%
        </span>
      </div>
      {/* The bar's scale ends at 130 %: the 100 % mark shows where the lanes are full. */}
      <div className="board-bar" aria-hidden>
        <div className="board-bar-fill" style={{ width: `${width}%`, background: color }} />
        <div className="board-bar-mark" style={{ left: `${100 * (100 / 130)}%` }} />
      </div>
      <div className="board-sub">
        {t("reports.board.perHour", { lanes: point.lanes, rate: point.perLanePerHour })}
        {" · "}
        {point.lastSampleAt ? (
          !point.closed && quietFor >= QUIET_MINUTES ? (
            <span className="board-quiet">{t("reports.board.quiet", { minutes: quietFor })}</span>
          ) : (
            t("reports.board.lastSample", { at: formatClock(point.lastSampleAt).slice(0, 5) })
          )
        ) : (
          t("reports.board.noSamples")
        )}
      </div>
      <div className="board-stats">
        <Stat label={t("reports.board.tubesOpen")} value={point.tubesOpen} testId="board-tubes-open" />
        <Stat label={t("reports.board.tubesSealed")} value={point.tubesSealed} testId="board-tubes-sealed" />
        <Stat
          label={t("reports.board.boxesWaiting")}
          value={boxes}
          hint={
            point.boxesSealed > 0 ? t("reports.board.boxesDetail", { sealed: point.boxesSealed }) : undefined
          }
          alert={point.boxesSealed > 0}
          testId="board-boxes"
        />
        <Stat
          label={t("reports.board.homeRunsLeft")}
          value={point.homeRunsLeft}
          hint={
            point.homeRunsLeft > 0
              ? t("reports.board.homePeople", { people: point.homePeopleLeft })
              : undefined
          }
          testId="board-home-runs"
        />
      </div>
    </div>
  );
}

function Stat(props: { label: string; value: number; hint?: string; alert?: boolean; testId: string }) {
  return (
    <div className="board-stat">
      <div className="board-stat-label">{props.label}</div>
      <div className={`board-stat-value${props.alert ? " board-stat-alert" : ""}`} data-testid={props.testId}>
        {formatCount(props.value)}
      </div>
      {props.hint && <div className="board-stat-hint">{props.hint}</div>}
    </div>
  );
}
