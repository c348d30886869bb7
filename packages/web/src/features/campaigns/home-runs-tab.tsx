import { PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Empty, Row, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";
import { type Campaign, fetchHomeRuns } from "./campaigns-api";

/** Home-sampling runs (入户采样): one card per team, doors in the order they climb the stairs. */
export function HomeRunsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const runs = useApi((signal) => fetchHomeRuns(campaign.id, signal), [campaign.id, campaign.scheduledAt]);

  if (runs.error) return <Alert type="error" showIcon title={errorText(runs.error)} />;
  if (!runs.data) return <Spin />;
  const items = runs.data.items;
  if (items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={campaign.scheduledAt ? t("campaigns.homeRuns.empty") : t("campaigns.schedule.notYet")}
      />
    );
  }
  return (
    <>
      <div
        style={{
          display: "flex",
          justifyContent: "space-between",
          gap: 8,
          marginBottom: 12,
          flexWrap: "wrap",
        }}
      >
        <span style={{ color: "#3d4b5c" }}>
          {t("campaigns.homeRuns.summary", {
            runs: items.length,
            people: items.reduce((n, r) => n + r.people, 0),
          })}
        </span>
        <Link to={`/print/campaigns/${campaign.id}/home-runs`} target="_blank">
          <Button icon={<PrinterOutlined />} data-testid="home-runs-print">
            {t("campaigns.homeRuns.print")}
          </Button>
        </Link>
      </div>
      <Row gutter={[12, 12]}>
        {items.map((run) => (
          <Col key={run.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              data-testid="home-run"
              title={t("campaigns.homeRuns.runTitle", { seq: run.seq, building: run.buildingName })}
              extra={t("campaigns.people", { count: run.people })}
            >
              <ol style={{ margin: 0, paddingInlineStart: 22, lineHeight: 1.9 }}>
                {run.stops.map((stop) => (
                  <li key={stop.householdId}>
                    <Link to={`/households/${stop.householdId}`}>{stop.address}</Link>
                    <span style={{ color: "#5b6b7f" }}>
                      {" "}
                      · {t("campaigns.people", { count: stop.people })}
                    </span>
                  </li>
                ))}
              </ol>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
