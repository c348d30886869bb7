import type { Dashboard, DashboardRegion } from "@shequ/core/dashboard-schema";
import { REGION_LEVEL_LABELS, type RegionLevel } from "@shequ/core/regions";
import { Card, Col, Empty, Row, Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { BurnUpChart } from "./burn-up-chart";
import { ChildrenTable } from "./children-table";
import { CommandKpis } from "./command-kpis";
import { type ChildOrder, orderChildren } from "./command-series";
import { CoverageBarsChart } from "./coverage-bars-chart";
import { POINT_HOURS, PointLoadChart } from "./point-load-chart";

/** The figures, charts and table of one region. */
export function CommandBoard(props: {
  data: Dashboard;
  order: ChildOrder;
  onOrder: (order: ChildOrder) => void;
  onOpen: (region: DashboardRegion) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data } = props;
  const children = orderChildren(data.children, props.order);
  const level = data.children[0]?.level as RegionLevel | undefined;
  // Buildings are the lowest level the rollups keep: nothing to go down into.
  const onOpen = level && level !== "building" ? props.onOpen : undefined;
  const levelName = level ? pickLabel(REGION_LEVEL_LABELS[level], lang) : "";
  const coverageTitle = level
    ? t("command.coverage.title", { level: lang === "en" ? levelName.toLowerCase() : levelName })
    : t("command.coverage.titleAny");
  return (
    <>
      <CommandKpis data={data} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={coverageTitle}
            extra={
              <Segmented<ChildOrder>
                size="small"
                value={props.order}
                onChange={props.onOrder}
                options={[
                  { value: "worst", label: t("command.coverage.worst") },
                  { value: "tree", label: t("command.coverage.tree") },
                ]}
                data-testid="command-order"
              />
            }
            style={{ height: "100%" }}
          >
            {children.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("command.coverage.none")} />
            ) : (
              <div className="command-card-body" data-testid="command-coverage-chart">
                <CoverageBarsChart items={children} onOpen={onOpen} />
              </div>
            )}
            <div className="command-hint">
              {onOpen ? t("command.coverage.clickHint") : children.length > 0 && t("command.coverage.lowest")}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t("command.burnUp.title")} style={{ height: "100%" }}>
            <BurnUpChart data={data} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={t("command.points.title", { hours: POINT_HOURS })}
            extra={
              data.pointsTruncated && <span className="command-hint">{t("command.points.truncated")}</span>
            }
          >
            {data.points.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("command.points.none")} />
            ) : (
              <PointLoadChart points={data.points} asOf={data.asOf} />
            )}
          </Card>
        </Col>
        {children.length > 0 && (
          <Col xs={24}>
            <Card size="small" title={t("command.table.title")} styles={{ body: { padding: 0 } }}>
              <ChildrenTable items={children} onOpen={onOpen} />
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
