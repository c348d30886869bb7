import { CheckCircleFilled } from "@ant-design/icons";
import { QUALIFICATION_LABELS, QUALIFICATIONS, type Qualification } from "@shequ/core/work-zones";
import type { AvailabilityWindow } from "@shequ/core/worker-schema";
import { Alert, Button, Card, Checkbox, Form, Input, Result, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../../app/api-client";
import { issueText, useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { inShanghai } from "../campaigns/shanghai-time";
import { ChoiceChips } from "./choice-chips";
import { fetchVolunteerCommunity, signUpVolunteer } from "./workers-api";

interface JoinValues {
  name: string;
  phone: string;
  hideName: boolean;
  emergencyContact?: string;
  emergencyPhone?: string;
}

const PERIODS = [
  { key: "morning", from: 8, to: 12 },
  { key: "afternoon", from: 12, to: 18 },
  { key: "evening", from: 18, to: 22 },
] as const;

interface Slot {
  value: string;
  period: string;
  hours: string;
  window: AvailabilityWindow;
}

/** The next three days (Beijing time), each offered as morning, afternoon and evening. */
function useDays(lang: "zh" | "en") {
  const { t } = useTranslation();
  return useMemo(() => {
    const today = inShanghai(new Date().toISOString()).startOf("day");
    const pad = (h: number) => String(h).padStart(2, "0");
    return [0, 1, 2].map((d) => {
      const day = today.add(d, "day");
      const date = day.format("YYYY-MM-DD");
      const slots: Slot[] = PERIODS.map((p) => ({
        value: `${date}-${p.key}`,
        period: t(`workers.join.${p.key}`),
        hours: `${p.from}–${p.to}${lang === "en" ? "h" : "点"}`,
        window: { start: `${date}T${pad(p.from)}:00:00+08:00`, end: `${date}T${pad(p.to)}:00:00+08:00` },
      }));
      const weekday = lang === "en" ? day.format("ddd") : `周${"日一二三四五六"[day.day()]}`;
      return { date, label: `${day.format(lang === "en" ? "D MMM" : "M月D日")} ${weekday}`, slots };
    });
  }, [lang, t]);
}

/** A citizen volunteers for their community: a phone page, big inputs, no account. */
export function JoinPage() {
  const { communityId = "" } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<JoinValues>();
  const community = useApi((signal) => fetchVolunteerCommunity(communityId, signal), [communityId]);
  const days = useDays(lang);
  const slots = days.flatMap((d) => d.slots);
  const [skills, setSkills] = useState<Qualification[]>([]);
  const [when, setWhen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);

  const submit = async (values: JoinValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await signUpVolunteer(communityId, {
        name: values.name.trim(),
        phone: values.phone,
        skills,
        availability: slots.filter((s) => when.includes(s.value)).map((s) => s.window),
        hideName: values.hideName ?? false,
        emergencyContact: values.emergencyContact?.trim() || null,
        emergencyPhone: values.emergencyPhone?.trim() || null,
      });
      setDone(true);
      window.scrollTo(0, 0);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "validation" && caught.issues.length) {
        form.setFields(
          caught.issues.map((issue) => ({
            name: (issue.field.split(".")[0] ?? "") as keyof JoinValues,
            errors: [issueText(issue, lang)],
          })),
        );
      } else if (caught instanceof ApiError && caught.code === "rate_limited")
        setError(t("workers.join.tooMany"));
      else setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    form.resetFields();
    setSkills([]);
    setWhen([]);
    setDone(false);
  };

  return (
    <div style={{ minHeight: "100vh", background: "#f0f4f8", padding: "12px 12px 32px" }}>
      <Card style={{ maxWidth: 480, margin: "0 auto" }} styles={{ body: { padding: 20 } }}>
        {community.loading && !community.data ? (
          <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
            <Spin size="large" />
          </div>
        ) : community.error ? (
          <Result
            status={community.error.code === "not_found" ? "404" : "error"}
            title={
              community.error.code === "not_found" ? t("workers.join.notFound") : errorText(community.error)
            }
          />
        ) : done ? (
          <div data-testid="join-done" style={{ textAlign: "center", padding: "24px 0" }}>
            <CheckCircleFilled style={{ fontSize: 64, color: "#389e0d" }} />
            <Typography.Title level={3}>{t("workers.join.doneTitle")}</Typography.Title>
            <Typography.Paragraph style={{ fontSize: 17 }}>{t("workers.join.doneText")}</Typography.Paragraph>
            <Button size="large" onClick={again} data-testid="join-again">
              {t("workers.join.again")}
            </Button>
          </div>
        ) : (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 15 }}>
              {[community.data?.subdistrict, community.data?.name].filter(Boolean).join(" · ")}
            </Typography.Text>
            <Typography.Title level={2} style={{ margin: "4px 0 8px" }}>
              {t("workers.join.title")}
            </Typography.Title>
            <Typography.Paragraph style={{ fontSize: 16 }}>{t("workers.join.intro")}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form
              form={form}
              layout="vertical"
              size="large"
              requiredMark={false}
              onFinish={submit}
              initialValues={{ hideName: false }}
              style={{ fontSize: 16 }}
            >
              <Form.Item
                name="name"
                label={<span style={{ fontSize: 17 }}>{t("workers.join.name")}</span>}
                rules={[{ required: true, whitespace: true, message: t("workers.join.nameRequired") }]}
              >
                <Input
                  autoComplete="name"
                  maxLength={50}
                  placeholder={t("workers.join.namePlaceholder")}
                  data-testid="join-name"
                  style={{ fontSize: 18, height: 52 }}
                />
              </Form.Item>
              <Form.Item
                name="phone"
                label={<span style={{ fontSize: 17 }}>{t("workers.join.phone")}</span>}
                rules={[{ required: true, whitespace: true, message: t("workers.join.phoneRequired") }]}
              >
                <Input
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  maxLength={20}
                  placeholder={t("workers.join.phonePlaceholder")}
                  data-testid="join-phone"
                  style={{ fontSize: 18, height: 52 }}
                />
              </Form.Item>
              <Form.Item label={<span style={{ fontSize: 17 }}>{t("workers.join.skills")}</span>}>
                <ChoiceChips
                  testId="join-skill"
                  value={skills}
                  onChange={setSkills}
                  options={QUALIFICATIONS.map((q) => ({
                    value: q,
                    label: pickLabel(QUALIFICATION_LABELS[q], lang),
                  }))}
                />
              </Form.Item>
              <Form.Item label={<span style={{ fontSize: 17 }}>{t("workers.join.when")}</span>}>
                {days.map((day) => (
                  <div key={day.date} style={{ marginBottom: 10 }}>
                    <div style={{ fontSize: 15, fontWeight: 600, marginBottom: 4 }}>{day.label}</div>
                    <ChoiceChips
                      testId="join-when"
                      columns={3}
                      value={when.filter((v) => v.startsWith(day.date))}
                      onChange={(picked) =>
                        setWhen([...when.filter((v) => !v.startsWith(day.date)), ...picked])
                      }
                      options={day.slots.map((s) => ({
                        value: s.value,
                        label: (
                          <span>
                            <span style={{ display: "block", fontSize: 17 }}>{s.period}</span>
                            <span style={{ display: "block", fontSize: 13, opacity: 0.85 }}>{s.hours}</span>
                          </span>
                        ),
                      }))}
                    />
                  </div>
                ))}
              </Form.Item>
              <Form.Item name="hideName" valuePropName="checked">
                <Checkbox data-testid="join-hide-name" style={{ fontSize: 16 }}>
                  {t("workers.join.hideName")}
                </Checkbox>
              </Form.Item>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t("workers.join.emergency")}
              </Typography.Text>
              <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8, marginTop: 8 }}>
                <Form.Item name="emergencyContact">
                  <Input
                    maxLength={50}
                    placeholder={t("workers.join.emergencyName")}
                    data-testid="join-emergency-name"
                  />
                </Form.Item>
                <Form.Item name="emergencyPhone">
                  <Input
                    type="tel"
                    inputMode="tel"
                    maxLength={30}
                    placeholder={t("workers.join.emergencyPhone")}
                    data-testid="join-emergency-phone"
                  />
                </Form.Item>
              </div>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={busy}
                data-testid="join-submit"
                style={{ height: 56, fontSize: 20 }}
              >
                {t("workers.join.submit")}
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 13 }}>
              {t("workers.join.privacy")}
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </div>
  );
}
