import { Alert, Card, List, Result, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { formatDay, formatRange } from "../campaigns/shanghai-time";
import { zoneLabel } from "./shift-labels";
import { fetchMyShifts, type MyShift } from "./shifts-api";

/** A worker's own shifts on their phone, opened from the link or QR on their badge; no account. */
export function MyShiftsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { badgeCode = "" } = useParams();
  const mine = useApi((signal) => fetchMyShifts(badgeCode, signal), [badgeCode]);
  const shiftItem = (s: MyShift) => (
    <List.Item>
      <div style={{ width: "100%" }}>
        <Typography.Text strong style={{ fontSize: 17 }}>
          {formatDay(s.startsAt, lang)} {formatRange(s.startsAt, s.endsAt, lang)}
        </Typography.Text>
        {s.attended && (
          <Tag color="green" style={{ marginLeft: 8 }}>
            {t("shifts.my.attended")}
          </Tag>
        )}
        <div style={{ fontSize: 15 }}>
          {s.siteName} · {zoneLabel(s.zone, lang)}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {s.address} {s.campaignName}
        </Typography.Text>
      </div>
    </List.Item>
  );
  return (
    <div style={{ maxWidth: 480, margin: "0 auto", padding: 16 }} data-testid="my-shifts">
      {mine.loading && !mine.data && <Spin style={{ display: "block", marginTop: 48 }} />}
      {mine.error &&
        (mine.error.code === "not_found" ? (
          <Result status="404" title={t("shifts.my.notFound")} />
        ) : (
          <Alert type="error" message={mine.error.message} />
        ))}
      {mine.data && (
        <>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t("shifts.my.title")}
          </Typography.Title>
          <Card size="small" style={{ marginBottom: 16 }}>
            <div style={{ fontSize: 22, fontWeight: 600 }}>
              {mine.data.displayName ?? t("shifts.my.volunteer", { badge: mine.data.badgeNo ?? "" })}
            </div>
            <div style={{ fontSize: 16 }}>
              {mine.data.badgeNo} · {t("shifts.my.hours", { hours: mine.data.hours.toFixed(1) })}
              {mine.data.onDuty && (
                <Tag color="green" style={{ marginLeft: 8 }}>
                  {t("shifts.my.onDuty")}
                </Tag>
              )}
            </div>
          </Card>
          <Typography.Title level={5}>{t("shifts.my.upcoming")}</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={mine.data.upcoming}
            locale={{ emptyText: t("shifts.my.none") }}
            renderItem={shiftItem}
            style={{ marginBottom: 16, background: "#fff" }}
          />
          {mine.data.past.length > 0 && (
            <>
              <Typography.Title level={5}>{t("shifts.my.past")}</Typography.Title>
              <List
                size="small"
                bordered
                dataSource={mine.data.past.slice(0, 30)}
                renderItem={shiftItem}
                style={{ background: "#fff" }}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
