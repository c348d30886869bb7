import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, apiSend } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";

type RoundState =
  | "not_sampled"
  | "awaiting"
  | "negative"
  | "recalled"
  | "recall_awaiting"
  | "recall_negative"
  | "positive";

interface LookupAnswer {
  name: string;
  rounds: {
    campaignId: string;
    name: string;
    startsAt: string;
    state: RoundState;
    sampledAt: string | null;
  }[];
}

const TONE: Record<RoundState, { color: string; background: string }> = {
  not_sampled: { color: "#614700", background: "#fffbe6" },
  awaiting: { color: "#003a8c", background: "#e6f4ff" },
  negative: { color: "#135200", background: "#f6ffed" },
  recalled: { color: "#873800", background: "#fff7e6" },
  recall_awaiting: { color: "#003a8c", background: "#e6f4ff" },
  recall_negative: { color: "#135200", background: "#f6ffed" },
  positive: { color: "#a8071a", background: "#fff1f0" },
};

const timeText = (iso: string) =>
  new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).slice(0, -3);

/** A resident's own results by ID number and slip code: a phone page, no account, no personal data shown. */
export function LookupPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<LookupAnswer>();

  const submit = async (values: { idNumber: string; code: string }) => {
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await apiSend<LookupAnswer>("POST", "/public/result-lookup", values));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "not_found") setError(t("lookup.notFound"));
      else if (caught instanceof ApiError && caught.code === "rate_limited") {
        const seconds =
          (caught.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
        setError(seconds <= 5 ? t("lookup.busy") : t("lookup.tooMany", { minutes: Math.ceil(seconds / 60) }));
      } else setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        background: "#f0f4f8",
        padding: 16,
        display: "grid",
        placeItems: "start center",
      }}
    >
      <Card style={{ width: "100%", maxWidth: 440, marginTop: 24 }} styles={{ body: { padding: 24 } }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("lookup.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("lookup.intro")}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="lookup-error"
          />
        )}
        <Form layout="vertical" size="large" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="idNumber"
            label={t("lookup.idNumber")}
            rules={[{ required: true, whitespace: true, message: t("lookup.idRequired") }]}
          >
            <Input autoComplete="off" autoCapitalize="characters" data-testid="lookup-id" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t("lookup.code")}
            rules={[
              { required: true, message: t("lookup.codeRequired") },
              { pattern: /^[\s-]*(\d[\s-]*){6}$/, message: t("lookup.codeFormat") },
            ]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={9} data-testid="lookup-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="lookup-submit">
            {t("lookup.submit")}
          </Button>
        </Form>
        {answer && (
          <div data-testid="lookup-answer" style={{ marginTop: 24 }}>
            <Typography.Title level={4}>{answer.name}</Typography.Title>
            {answer.rounds.length === 0 && <Typography.Text>{t("lookup.none")}</Typography.Text>}
            {answer.rounds.map((r) => (
              <div
                key={r.campaignId}
                data-testid="lookup-round"
                data-state={r.state}
                style={{ borderRadius: 8, padding: "12px 16px", marginBottom: 12, ...TONE[r.state] }}
              >
                <div style={{ fontSize: 14, opacity: 0.8 }}>{r.name}</div>
                <div style={{ fontSize: 22, fontWeight: 600 }}>{t(`lookup.state.${r.state}`)}</div>
                {r.sampledAt && (
                  <div style={{ fontSize: 14 }}>{t("lookup.sampledAt", { time: timeText(r.sampledAt) })}</div>
                )}
              </div>
            ))}
          </div>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 13 }}>
          {t("lookup.privacy")}
        </Typography.Paragraph>
        <Link to="/login">{t("lookup.back")}</Link>
      </Card>
    </div>
  );
}
