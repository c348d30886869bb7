import {
  DisconnectOutlined,
  FullscreenExitOutlined,
  FullscreenOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import type { Dashboard } from "@shequ/core/dashboard-schema";
import { Alert, Breadcrumb, Button, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useSession } from "../auth/session";
import { CampaignStatusTag } from "../campaigns/campaign-status-tag";
import type { CampaignStatus } from "../campaigns/campaigns-api";
import { RoundSelect, useRoundParam } from "../campaigns/round-select";
import { formatShort } from "../campaigns/shanghai-time";
import { CommandBoard } from "./command-board";
import { formatClock, formatCount } from "./command-format";
import type { ChildOrder } from "./command-series";
import { useFullscreen } from "./use-fullscreen";
import { useLiveDashboard } from "./use-live-dashboard";
import "./command.css";

/**
 * The live dashboard of a round for the user's area: how far along, where the gaps are, and
 * whether the deadline holds. It reads itself again every few seconds; a click on a region goes
 * down a level and the breadcrumb comes back up, with the round and region kept in the address.
 */
export function CommandPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const allowed = can("campaign.read");
  const { rounds, loading, campaignId, params, update } = useRoundParam(allowed);
  const regionId = params.get("regionId") ?? undefined;
  const order: ChildOrder = params.get("order") === "tree" ? "tree" : "worst";
  const live = useLiveDashboard(allowed ? campaignId : undefined, regionId);
  const fullscreen = useFullscreen();

  if (!allowed) return <ForbiddenResult />;
  const data = live.data;

  return (
    <div data-testid="command-page">
      <PageTitle
        title={t("command.title")}
        sub={data && <RoundLine data={data} />}
        extra={
          <div style={{ display: "flex", gap: 8, alignItems: "center", width: 420, maxWidth: "100%" }}>
            <RoundSelect
              rounds={rounds}
              loading={loading}
              value={campaignId}
              onChange={(id) => update({ campaignId: id, regionId: undefined })}
              testId="command-round"
            />
            {fullscreen.supported && (
              <Button
                icon={fullscreen.active ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
                onClick={fullscreen.toggle}
                data-testid="command-fullscreen"
              >
                {fullscreen.active ? t("command.exitFullscreen") : t("command.fullscreen")}
              </Button>
            )}
          </div>
        }
      />
      {!loading && rounds.length === 0 && <Alert type="info" showIcon title={t("command.noRounds")} />}
      {live.fatal && (
        <Alert
          type="error"
          showIcon
          title={errorText(live.fatal)}
          style={{ marginBottom: 12 }}
          action={
            regionId && (
              <Button size="small" onClick={() => update({ regionId: undefined })} data-testid="command-top">
                {t("common.back")}
              </Button>
            )
          }
        />
      )}
      {!data && !live.fatal && campaignId && (
        <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
          <Spin size="large" />
        </div>
      )}
      {data && (
        <>
          <div className="command-status">
            <Breadcrumb
              className="command-trail"
              data-testid="command-trail"
              items={data.trail.map((r, i) => ({
                key: r.id,
                title:
                  i < data.trail.length - 1 ? (
                    <a
                      href={`?${trailSearch(params, r.id, i === 0)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        update({ regionId: i === 0 ? undefined : r.id });
                      }}
                      data-testid="command-trail-link"
                    >
                      {r.name}
                    </a>
                  ) : (
                    <strong data-testid="command-trail-current">{r.name}</strong>
                  ),
              }))}
            />
            {live.switching && <SyncOutlined spin style={{ color: "#1f5fa8" }} />}
            <span style={{ flex: 1 }} />
            <LiveStatus data={data} stale={live.stale} transient={live.transient} error={live.error} />
          </div>
          <div className={live.switching ? "command-switching" : undefined}>
            <CommandBoard
              data={data}
              order={order}
              onOrder={(o) => update({ order: o === "worst" ? undefined : o })}
              onOpen={(r) => {
                update({ regionId: r.id });
                // Going down from the table at the bottom: show the region's own figures first.
                window.scrollTo({ top: 0 });
              }}
            />
          </div>
        </>
      )}
    </div>
  );
}

/** The round's name, status and deadline under the page title. */
function RoundLine({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <span style={{ display: "inline-flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
      {t("command.subtitle", {
        round: data.campaign.name,
        deadline: formatShort(data.campaign.deadlineAt, lang),
      })}
      <CampaignStatusTag status={data.campaign.status as CampaignStatus} />
    </span>
  );
}

/** "更新于 hh:mm:ss", when the registry was counted, and a quiet notice while polls fail. */
function LiveStatus(props: { data: Dashboard; stale: boolean; transient: boolean; error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const time = formatClock(props.data.asOf);
  return (
    <>
      {props.stale ? (
        <span className="command-stale" data-testid="command-stale">
          <DisconnectOutlined />{" "}
          {props.transient
            ? t("command.stale", { time })
            : t("command.staleError", { error: errorText(props.error), time })}
        </span>
      ) : (
        <span data-testid="command-as-of">{t("command.updatedAt", { time })}</span>
      )}
      {/* Without a registry count, "expected" (and so coverage) cannot be trusted: say so in colour. */}
      <span data-testid="command-expected-at" className={props.data.expectedAt ? undefined : "command-stale"}>
        {props.data.expectedAt
          ? t("command.expectedAt", { time: formatClock(props.data.expectedAt) })
          : t("command.expectedNever")}
      </span>
      <PendingSamples data={props.data} />
      {props.data.walkIns > 0 && <span>{t("command.walkIns", { n: formatCount(props.data.walkIns) })}</span>}
    </>
  );
}

/** Lagging this long, the fold is stuck or swamped: the note turns the stale colour. */
const PENDING_LATE_SECONDS = 10;

/** Scans taken but not yet in the figures (folded about once a second), and how far behind. */
function PendingSamples({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const { samples, oldestAt } = data.pending;
  if (samples === 0 || oldestAt === null) return null;
  const seconds = Math.max(1, Math.round((Date.parse(data.asOf) - Date.parse(oldestAt)) / 1000));
  return (
    <span
      data-testid="command-pending"
      className={seconds >= PENDING_LATE_SECONDS ? "command-stale" : undefined}
    >
      {t("command.pending", { n: formatCount(samples), seconds })}
    </span>
  );
}

/** The address a breadcrumb link stands for, so it can be opened in a new tab too. */
function trailSearch(params: URLSearchParams, regionId: string, top: boolean): string {
  const next = new URLSearchParams(params);
  if (top) next.delete("regionId");
  else next.set("regionId", regionId);
  return next.toString();
}
