import {
  DisconnectOutlined,
  FullscreenExitOutlined,
  FullscreenOutlined,
  PauseCircleOutlined,
} from "@ant-design/icons";
import type { PointsBoard } from "@shequ/core/report-schema";
import { Alert, Button, Empty, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useSession } from "../auth/session";
import { useRoundParam } from "../campaigns/round-select";
import { formatClock, formatCount } from "../command/command-format";
import { useFullscreen } from "../command/use-fullscreen";
import { PointCard } from "./point-card";
import { ReportFilters } from "./region-picker";
import { fetchPointsBoard } from "./reports-api";
import { usePolling } from "./use-polling";
import "./reports.css";

const REFRESH_MS = 10_000;

/**
 * The points board for a wall screen: one card per collection point serving the area, busiest
 * first, with its queue load over the last 15 minutes, the tubes and boxes waiting there and the
 * home runs still to go. It reads itself again every 10 seconds while the tab is visible.
 */
export function PointsBoardPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const allowed = can("campaign.read");
  const { rounds, loading, campaignId, params, update } = useRoundParam(allowed);
  const regionId = params.get("regionId") ?? undefined;
  const fullscreen = useFullscreen();
  const board = usePolling(
    allowed && campaignId ? (signal) => fetchPointsBoard(campaignId, regionId, signal) : undefined,
    REFRESH_MS,
    [allowed, campaignId, regionId],
  );

  if (!allowed) return <ForbiddenResult />;
  const data = board.data;

  return (
    <div className="board-page" data-testid="points-board-page">
      <PageTitle
        title={t("reports.board.title")}
        sub={t("reports.board.subtitle")}
        extra={
          fullscreen.supported && (
            <Button
              icon={fullscreen.active ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
              onClick={fullscreen.toggle}
              data-testid="board-fullscreen"
            >
              {fullscreen.active ? t("reports.board.exitFullscreen") : t("reports.board.fullscreen")}
            </Button>
          )
        }
      />
      <ReportFilters
        rounds={rounds}
        loading={loading}
        campaignId={campaignId}
        regions={data && { trail: data.trail, below: data.children }}
        regionId={regionId}
        update={update}
        testId="board"
      />
      {!loading && rounds.length === 0 && <Alert type="info" showIcon title={t("reports.noRounds")} />}
      {board.error && !data && (
        <Alert type="error" showIcon title={errorText(board.error)} style={{ marginBottom: 12 }} />
      )}
      {!data && !board.error && campaignId && (
        <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
          <Spin size="large" />
        </div>
      )}
      {data && (
        <>
          <BoardTotals data={data} />
          <div className="board-status">
            {board.error ? (
              <span className="board-stale" data-testid="board-stale">
                <DisconnectOutlined /> {t("reports.board.stale", { at: formatClock(data.asOf) })}
              </span>
            ) : (
              <span data-testid="board-updated">
                {t("reports.board.updated", { at: formatClock(data.asOf) })}
              </span>
            )}
            {board.paused && (
              <span>
                <PauseCircleOutlined /> {t("reports.board.pausedHidden")}
              </span>
            )}
            <span>{t("reports.board.stateHint")}</span>
          </div>
          {data.points.length === 0 ? (
            <Empty description={t("reports.board.empty")} />
          ) : (
            <div className="board-grid" data-testid="board-grid">
              {data.points.map((p) => (
                <PointCard key={p.id} point={p} now={Date.parse(data.asOf)} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The area's sums across its points, for the top line of the wall screen. */
function BoardTotals({ data }: { data: PointsBoard }) {
  const { t } = useTranslation();
  const sum = (pick: (p: PointsBoard["points"][number]) => number) =>
    data.points.reduce((n, p) => n + pick(p), 0);
  const open = data.points.filter((p) => !p.closed);
  const samples = sum((p) => p.samples);
  const capacity = open.reduce((n, p) => n + p.capacity, 0);
  const items = [
    {
      key: "points",
      label: t("reports.board.points"),
      value: formatCount(data.points.length),
      sub: t("reports.board.open", { count: open.length }),
    },
    {
      key: "recent",
      label: t("reports.board.recent", { minutes: Math.round(data.windowMinutes) }),
      value: formatCount(samples),
      sub: t("reports.board.capacity", { count: formatCount(Math.round(capacity)) }),
    },
    { key: "open", label: t("reports.board.tubesOpen"), value: formatCount(sum((p) => p.tubesOpen)) },
    { key: "sealed", label: t("reports.board.tubesSealed"), value: formatCount(sum((p) => p.tubesSealed)) },
    {
      key: "boxes",
      label: t("reports.board.boxesWaiting"),
      value: formatCount(sum((p) => p.boxesPacking + p.boxesSealed)),
    },
    {
      key: "home",
      label: t("reports.board.homeRunsLeft"),
      value: formatCount(sum((p) => p.homeRunsLeft)),
      sub: t("reports.board.homeRunsDetail", {
        runs: sum((p) => p.homeRuns),
        people: sum((p) => p.homePeopleLeft),
      }),
    },
  ];
  return (
    <div className="board-totals" data-testid="board-totals">
      {items.map((i) => (
        <div key={i.key} className="board-total">
          <div className="board-total-label">{i.label}</div>
          <div className="board-total-value">{i.value}</div>
          {i.sub && <div className="board-total-sub">{i.sub}</div>}
        </div>
      ))}
    </div>
  );
}
