import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useDeviceChoice } from "../../app/use-device-choice";
import { fetchCampaign, fetchCampaigns } from "../campaigns/campaigns-api";
import { formatRange, inShanghai } from "../campaigns/shanghai-time";
import { beep } from "../station/beep";
import { BadgeInput } from "./badge-input";
import { zoneLabel } from "./shift-labels";
import { fetchAttendance, type ScanResult, scanBadge } from "./shifts-api";

type Feedback = { ok: true; result: ScanResult } | { ok: false; text: string; who?: string };

const REFUSALS = new Set(["unknown_badge", "badge_inactive", "scanned_twice"]);
/** The point this device checks people in at: a tablet stays at its point from day to day. */
const POINT_KEY = "shequ.attendance.point";
const asText = (stored: string) => stored;

/**
 * Check-in and check-out at a point: scan the armband (or type its number), hear the beep, read
 * the big line — arrival, departure, late, or why nothing was recorded — and see today's list.
 */
export function AttendancePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [picked, setPicked] = useState<string | null>();
  const [feedback, setFeedback] = useState<Feedback>();
  const campaigns = useApi((signal) => fetchCampaigns(signal), []);
  // The round running now by default, so hours count towards it even for people not planned.
  const running = campaigns.data?.items.find((c) => c.status === "running" || c.status === "scheduled");
  const campaignId = picked === undefined ? running?.id : (picked ?? undefined);
  // The round's points, to check in at one of them; without one, each person's shift says where.
  const [pointChoice, choosePoint] = useDeviceChoice(POINT_KEY, asText, asText);
  const round = useApi(
    (signal) => (campaignId ? fetchCampaign(campaignId, signal) : Promise.resolve(undefined)),
    [campaignId],
  );
  const points = (round.data?.sites ?? []).filter((s) => !s.closedAt);
  // The remembered point is used at once (no first load of every point's list), and dropped
  // once the round's points show it is not one of them.
  const pointId = !round.data || points.some((s) => s.id === pointChoice) ? pointChoice : undefined;
  const today = useApi((signal) => fetchAttendance(campaignId, pointId, signal), [campaignId, pointId]);

  const onEntry = async (text: string) => {
    try {
      const result = await scanBadge(text, pointId, campaignId);
      beep("ok");
      setFeedback({ ok: true, result });
    } catch (e) {
      beep("problem");
      const code = e instanceof ApiError ? (e.details as { code?: string } | undefined)?.code : undefined;
      const who =
        e instanceof ApiError
          ? (e.details as { worker?: { name: string; badgeNo: string | null } })?.worker
          : undefined;
      setFeedback({
        ok: false,
        text:
          code && REFUSALS.has(code)
            ? t(`shifts.attendance.${code}` as "shifts.attendance.unknown_badge")
            : t("shifts.attendance.error", { message: errorText(e) }),
        ...(who ? { who: `${who.badgeNo ?? ""} ${who.name}` } : {}),
      });
    }
    today.reload();
  };

  const r = feedback?.ok ? feedback.result : undefined;
  return (
    <div>
      <PageTitle
        title={t("shifts.attendance.title")}
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 260 }}
              placeholder={t("shifts.round")}
              value={campaignId}
              onChange={(id?: string) => setPicked(id ?? null)}
              options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="attendance-round"
            />
            {points.length > 0 && (
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 240 }}
                placeholder={t("shifts.attendance.anyPoint")}
                value={pointId}
                onChange={(id?: string) => choosePoint(id)}
                options={points.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="attendance-point"
              />
            )}
          </Space>
        }
      />
      <BadgeInput placeholder={t("shifts.attendance.input")} onEntry={onEntry} />
      <div
        data-testid="attendance-feedback"
        style={{
          margin: "12px 0 20px",
          padding: "16px 20px",
          minHeight: 88,
          borderRadius: 8,
          fontSize: 22,
          background: !feedback
            ? "#fafafa"
            : feedback.ok
              ? r?.kind === "arrival"
                ? "#f6ffed"
                : "#e6f4ff"
              : "#fff1f0",
          border: `2px solid ${!feedback ? "#f0f0f0" : feedback.ok ? (r?.kind === "arrival" ? "#52c41a" : "#1677ff") : "#ff4d4f"}`,
        }}
      >
        {feedback && !feedback.ok && (
          <>
            <strong style={{ color: "#cf1322" }}>{feedback.text}</strong>
            {feedback.who && <div style={{ fontSize: 16 }}>{feedback.who}</div>}
          </>
        )}
        {r && (
          <>
            <strong>
              {r.kind === "arrival" ? t("shifts.attendance.arrival") : t("shifts.attendance.departure")} ·{" "}
              {r.worker.badgeNo} {r.worker.name}
            </strong>
            <div style={{ fontSize: 16 }}>
              {r.shift
                ? `${r.shift.siteName} · ${zoneLabel(r.shift.zone, lang)} · ${formatRange(r.shift.startsAt, r.shift.endsAt, lang)}`
                : r.kind === "arrival"
                  ? t("shifts.attendance.noShift")
                  : t("shifts.attendance.stayed", { hours: r.hours })}
              {r.lateMinutes !== null && (
                <Tag color="red" style={{ marginLeft: 8, fontSize: 14 }}>
                  {t("shifts.attendance.late", { minutes: r.lateMinutes })}
                </Tag>
              )}
            </div>
          </>
        )}
      </div>
      {today.error && <Alert type="error" message={errorText(today.error)} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={t("shifts.attendance.today")}
            extra={
              <Space>
                <Statistic
                  value={today.data?.onDuty ?? 0}
                  suffix={t("shifts.attendance.stillOn")}
                  valueStyle={{ fontSize: 16 }}
                />
              </Space>
            }
          >
            <Table
              size="small"
              rowKey="id"
              loading={today.loading && !today.data}
              dataSource={today.data?.items ?? []}
              data-testid="attendance-list"
              pagination={{ pageSize: 20, showSizeChanger: false }}
              columns={[
                { title: t("shifts.col.person"), render: (_, x) => `${x.badgeNo ?? ""} ${x.name}` },
                {
                  title: t("shifts.col.site"),
                  render: (_, x) =>
                    [x.siteName, x.zone && zoneLabel(x.zone, lang)].filter(Boolean).join(" · "),
                },
                { title: t("shifts.col.in"), render: (_, x) => inShanghai(x.checkInAt).format("HH:mm") },
                {
                  title: t("shifts.col.out"),
                  render: (_, x) =>
                    x.checkOutAt ? (
                      inShanghai(x.checkOutAt).format("HH:mm")
                    ) : (
                      <Tag color="green">{t("shifts.attendance.stillOn")}</Tag>
                    ),
                },
                { title: t("shifts.col.hours"), render: (_, x) => x.hours.toFixed(1), align: "right" },
                {
                  title: t("shifts.col.late"),
                  render: (_, x) => (x.lateMinutes ? <Tag color="red">{x.lateMinutes}′</Tag> : null),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("shifts.attendance.noShows")} data-testid="attendance-noshows">
            {(today.data?.noShows ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t("shifts.attendance.noShowsEmpty")}</Typography.Text>
            ) : (
              (today.data?.noShows ?? []).map((n) => (
                <div key={n.assignmentId} style={{ padding: "4px 0", borderBottom: "1px solid #f0f0f0" }}>
                  <Typography.Text strong type="danger">
                    {n.badgeNo} {n.name}
                  </Typography.Text>
                  <div style={{ fontSize: 12, color: "#666" }}>
                    {n.siteName} · {zoneLabel(n.zone, lang)} · {inShanghai(n.startsAt).format("HH:mm")}
                  </div>
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
