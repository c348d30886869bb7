import type { Dashboard } from "@shequ/core/dashboard-schema";
import { Progress, Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatShort } from "../campaigns/shanghai-time";
import { COLORS, formatCount, formatPercent, percentDown } from "./command-format";
import { finishState } from "./command-series";

/** The region's headline figures and whether the round makes its deadline. */
export function CommandKpis({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const r = data.region;
  const people = t("command.kpi.people");
  return (
    <div className="command-kpis">
      <Kpi
        label={t("command.kpi.expected")}
        testId="command-expected"
        value={formatCount(r.expected)}
        unit={people}
      />
      <Kpi
        label={t("command.kpi.sampled")}
        testId="command-sampled"
        value={formatCount(r.sampled)}
        unit={people}
        color={COLORS.sampled}
      />
      <Kpi
        label={t("command.kpi.exempted")}
        testId="command-exempted"
        value={formatCount(r.exempted)}
        unit={people}
        sub={t("command.kpi.exemptedHint")}
      />
      <Kpi
        label={t("command.kpi.missing")}
        testId="command-missing"
        value={formatCount(r.missing)}
        unit={people}
        color={r.missing > 0 ? COLORS.missing : COLORS.onTrack}
      />
      <Kpi
        label={t("command.kpi.coverage")}
        testId="command-coverage"
        value={formatPercent(r.coverage)}
        sub={
          <Tooltip title={t("command.kpi.coverageHint")}>
            <Progress
              percent={percentDown(r.coverage)}
              showInfo={false}
              size="small"
              strokeColor={COLORS.sampled}
              style={{ margin: 0 }}
            />
          </Tooltip>
        }
      />
      <FinishKpi data={data} />
    </div>
  );
}

function Kpi(props: {
  label: ReactNode;
  testId: string;
  value: string;
  unit?: string;
  color?: string;
  sub?: ReactNode;
  className?: string;
}) {
  return (
    <div className={`command-kpi ${props.className ?? ""}`}>
      <div className="command-kpi-label">{props.label}</div>
      <div className="command-kpi-value" style={props.color ? { color: props.color } : undefined}>
        <span data-testid={props.testId}>{props.value}</span>
        {props.unit && <span className="command-kpi-unit">{props.unit}</span>}
      </div>
      {props.sub && <div className="command-kpi-sub">{props.sub}</div>}
    </div>
  );
}

/** 预计完成: the projected finish against the deadline, and the rate it takes. */
function FinishKpi({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = data.projection;
  const { state, neededPerHour: needed } = finishState(data);
  const done = state === "done";
  const waiting = state === "not_started";
  const late = state === "late";
  const color = late ? COLORS.late : waiting ? "#102a43" : COLORS.onTrack;
  const value = done
    ? t("command.finish.done")
    : waiting
      ? t("command.finish.notStarted")
      : p.finishAt
        ? formatShort(p.finishAt, lang)
        : t("command.finish.unknown");
  const overCapacity = !done && needed !== null && needed > data.capacityPerHour;
  const deadline = t("command.finish.deadline", { time: formatShort(data.campaign.deadlineAt, lang) });
  return (
    <div className="command-kpi command-kpi-finish" data-testid="command-verdict" data-verdict={state}>
      <div className="command-kpi-label">
        <span>{t("command.kpi.finish")}</span>
        {!waiting && (
          <Tag color={late ? "red" : "green"} style={{ marginInlineEnd: 0, fontSize: 14 }}>
            {done ? t("command.finish.done") : late ? t("command.finish.late") : t("command.finish.onTrack")}
          </Tag>
        )}
      </div>
      <div className="command-kpi-value" style={{ color }}>
        <span data-testid="command-finish">{value}</span>
      </div>
      <div className="command-kpi-sub">
        {waiting
          ? `${t("command.finish.startsAt", { time: formatShort(data.campaign.startsAt, lang) })} · ${deadline}`
          : deadline}
        {!done && !waiting && !p.finishAt && ` · ${t("command.finish.unknownHint")}`}
      </div>
      {!done && (
        <div className="command-kpi-sub">
          {!waiting && (
            <>
              <span data-testid="command-rate">
                {t("command.finish.rate", { n: formatCount(Math.round(p.ratePerHour)) })}
              </span>
              {" · "}
            </>
          )}
          {needed === null ? (
            <strong style={{ color: COLORS.late }}>{t("command.finish.pastDeadline")}</strong>
          ) : (
            <span
              data-testid="command-needed"
              style={late ? { color: COLORS.late, fontWeight: 600 } : undefined}
            >
              {t("command.finish.needed", { n: formatCount(needed) })}
            </span>
          )}
        </div>
      )}
      {!done && (
        <div className="command-kpi-sub" style={overCapacity ? { color: COLORS.late } : undefined}>
          {overCapacity
            ? t("command.finish.overCapacity")
            : t("command.finish.capacity", { n: formatCount(data.capacityPerHour) })}
        </div>
      )}
    </div>
  );
}
