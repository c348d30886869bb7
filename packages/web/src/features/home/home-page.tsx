import { ApartmentOutlined, CloudUploadOutlined, SearchOutlined, UserAddOutlined } from "@ant-design/icons";
import { RESIDENT_FLAG_LABELS, RESIDENT_FLAGS } from "@shequ/core/flags";
import { REGION_LEVEL_LABELS } from "@shequ/core/regions";
import { ROLE_LABELS } from "@shequ/core/roles";
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { useMe, useSession } from "../auth/session";
import { fetchChildren, fetchRegion, fetchRoots } from "../regions/regions-api";
import { findResidents } from "../residents/residents-api";
import { ResidentsChart } from "./residents-chart";

function greetingKey(hour: number) {
  if (hour < 5) return "home.greetingNight" as const;
  if (hour < 11) return "home.greetingMorning" as const;
  if (hour < 13) return "home.greetingNoon" as const;
  if (hour < 18) return "home.greetingAfternoon" as const;
  return "home.greetingEvening" as const;
}

/**
 * The region the home page summarises: the user's scope, or the single root for admins. While a
 * region has just one child (one province → one city → one district) it goes down a level, so
 * the chart compares something.
 */
async function loadHomeRegion(scopeId: string | undefined, signal: AbortSignal) {
  let id = scopeId;
  if (!id) {
    const roots = await fetchRoots(signal);
    if (roots.items.length !== 1) return { region: null, children: roots.items };
    id = roots.items[0]?.id;
  }
  if (!id) return { region: null, children: [] };
  let children = await fetchChildren(id, signal);
  for (let depth = 0; depth < 4 && children.items.length === 1; depth++) {
    const only = children.items[0];
    if (!only || only.level === "unit") break;
    id = only.id;
    children = await fetchChildren(id, signal);
  }
  return { region: await fetchRegion(id, signal), children: children.items };
}

export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const { can } = useSession();
  const errorText = useErrorText();
  const scopeId = me.scope?.regionId;
  const canRead = can("resident.read");

  const home = useApi(
    (signal) => (canRead ? loadHomeRegion(scopeId, signal) : Promise.resolve(null)),
    [scopeId, canRead],
  );
  const regionId = home.data?.region?.id;
  const flagCounts = useApi(
    (signal) =>
      canRead
        ? Promise.all(
            RESIDENT_FLAGS.map((flag) =>
              findResidents({ regionId, flags: [flag], pageSize: 1, status: "active" }, signal).then(
                (page) => ({ flag, total: page.total, lowerBound: page.totalIsLowerBound }),
              ),
            ),
          )
        : Promise.resolve([]),
    [regionId, canRead],
  );

  const region = home.data?.region;
  const scopeLabel = region
    ? `${pickLabel(REGION_LEVEL_LABELS[region.level], lang)} · ${region.breadcrumb.map((c) => c.name).join(" / ") || region.name}`
    : t("header.wholeSystem");

  return (
    <div style={{ maxWidth: 1200 }}>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t(greetingKey(new Date().getHours()), { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {pickLabel(ROLE_LABELS[me.role], lang)} · {scopeLabel}
      </Typography.Paragraph>

      {home.error && (
        <Alert type="error" showIcon title={errorText(home.error)} style={{ marginBottom: 16 }} />
      )}

      {canRead && (
        <Row gutter={[16, 16]}>
          <StatCard title={t("home.residents")} value={region?.counts.residents} loading={home.loading} />
          <StatCard title={t("home.households")} value={region?.counts.households} loading={home.loading} />
          {(flagCounts.data ?? []).map((f) => (
            <StatCard
              key={f.flag}
              title={pickLabel(RESIDENT_FLAG_LABELS[f.flag], lang)}
              value={f.total}
              suffix={f.lowerBound ? "+" : undefined}
              loading={flagCounts.loading}
              to={`/residents?flags=${f.flag}${regionId ? `&regionId=${regionId}` : ""}`}
            />
          ))}
        </Row>
      )}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {canRead && (
          <Col xs={24} lg={16}>
            <Card title={t("home.chartTitle")} size="small">
              {home.loading ? (
                <Skeleton active />
              ) : home.data && home.data.children.length > 0 ? (
                <ResidentsChart items={home.data.children} seriesName={t("home.residents")} />
              ) : (
                <Empty description={t("common.noData")} />
              )}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={8}>
          <Card title={t("home.quickLinks")} size="small">
            <div style={{ display: "grid", gap: 8 }}>
              {canRead && <QuickLink to="/residents" icon={<SearchOutlined />} text={t("home.linkSearch")} />}
              {can("resident.write") && (
                <QuickLink to="/residents/new" icon={<UserAddOutlined />} text={t("home.linkNewResident")} />
              )}
              {canRead && (
                <QuickLink
                  to={regionId ? `/regions/${regionId}` : "/regions"}
                  icon={<ApartmentOutlined />}
                  text={t("home.linkRegistry")}
                />
              )}
              {can("resident.import") && (
                <QuickLink to="/imports" icon={<CloudUploadOutlined />} text={t("home.linkImport")} />
              )}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function StatCard(props: {
  title: string;
  value: number | undefined;
  loading: boolean;
  suffix?: string | undefined;
  to?: string;
}) {
  const card = (
    <Card size="small" hoverable={!!props.to} style={{ height: "100%" }}>
      <Statistic
        title={props.title}
        value={props.value ?? 0}
        suffix={props.suffix}
        loading={props.loading}
        groupSeparator=","
      />
    </Card>
  );
  return (
    <Col xs={12} sm={8} lg={4}>
      {props.to ? <Link to={props.to}>{card}</Link> : card}
    </Col>
  );
}

function QuickLink({ to, icon, text }: { to: string; icon: ReactNode; text: string }) {
  return (
    <Link to={to}>
      <Button block icon={icon} style={{ justifyContent: "flex-start" }}>
        {text}
      </Button>
    </Link>
  );
}
