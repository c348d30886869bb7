import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatDay, formatRange } from "../campaigns/shanghai-time";
import { zoneLabel } from "./shift-labels";
import {
  acceptProposal,
  generateDemands,
  type ProposedAssignment,
  proposeShifts,
  sendMessage,
} from "./shifts-api";

/** Cuts the point's opening hours into shifts, with how many people each zone needs. */
export function GenerateModal({
  campaignId,
  site,
  onClose,
  onDone,
}: {
  campaignId: string;
  site: { id: string; name: string; zones: string[] };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const zones = [...new Set([...site.zones, "disinfection"])];
  const defaults: Record<string, number> = {
    triage: 1,
    temperature: 1,
    registration: 2,
    queue: 2,
    sampling: 2,
  };
  const submit = async (values: { windowHours: number; perZone: Record<string, number | null> }) => {
    setBusy(true);
    try {
      const perZone = Object.fromEntries(
        Object.entries(values.perZone).filter(([, n]) => typeof n === "number" && n > 0),
      ) as Record<string, number>;
      const r = await generateDemands({
        campaignId,
        siteId: site.id,
        windowHours: values.windowHours,
        perZone,
      });
      message.success(t("shifts.generated", r));
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t("shifts.generateTitle")} · ${site.name}`} onCancel={onClose} footer={null}>
      <Form
        layout="horizontal"
        labelCol={{ span: 8 }}
        onFinish={submit}
        initialValues={{
          windowHours: 2,
          perZone: Object.fromEntries(zones.map((z) => [z, defaults[z] ?? 0])),
        }}
      >
        <Form.Item name="windowHours" label={t("shifts.windowHours")} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={12} step={0.5} data-testid="generate-hours" />
        </Form.Item>
        <Typography.Text strong>{t("shifts.perZone")}</Typography.Text>
        {zones.map((z) => (
          <Form.Item key={z} name={["perZone", z]} label={zoneLabel(z, lang)} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={500} data-testid={`generate-${z}`} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="generate-submit" block>
          {t("shifts.generate")}
        </Button>
      </Form>
    </Modal>
  );
}

/** The fill Shequ proposes, shown before anything is saved; accepting saves what still fits. */
export function ProposeModal({
  campaignId,
  siteId,
  siteNames,
  onClose,
  onDone,
}: {
  campaignId: string;
  siteId: string | undefined;
  siteNames: Map<string, string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [proposal, setProposal] = useState<{
    assignments: ProposedAssignment[];
    gaps: { missing: number }[];
  }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState(false);
  if (!asked) {
    setAsked(true);
    proposeShifts(campaignId, siteId ? [siteId] : undefined).then(setProposal, (e) => setError(errorText(e)));
  }
  const accept = async () => {
    if (!proposal) return;
    setBusy(true);
    try {
      const r = await acceptProposal(
        campaignId,
        proposal.assignments.map(({ demandId, workerId }) => ({ demandId, workerId })),
      );
      message.success(
        t("shifts.accepted", {
          saved: r.saved,
          refused: r.refused.length > 0 ? t("shifts.acceptedRefused", { count: r.refused.length }) : "",
        }),
      );
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const gaps = proposal?.gaps.reduce((n, g) => n + g.missing, 0) ?? 0;
  return (
    <Modal
      open
      width={760}
      title={t("shifts.proposeTitle")}
      onCancel={onClose}
      okText={t("shifts.accept")}
      onOk={accept}
      okButtonProps={
        {
          disabled: !proposal?.assignments.length,
          loading: busy,
          "data-testid": "propose-accept",
        } as ButtonProps
      }
    >
      {error && <Alert type="error" message={error} />}
      {proposal && (
        <Alert
          style={{ marginBottom: 12 }}
          type={gaps > 0 ? "warning" : "success"}
          message={
            proposal.assignments.length === 0
              ? t("shifts.proposeNone")
              : t("shifts.proposeSummary", { count: proposal.assignments.length, gaps })
          }
          data-testid="propose-summary"
        />
      )}
      <Table<ProposedAssignment>
        size="small"
        loading={!proposal && !error}
        rowKey={(r) => `${r.demandId}|${r.workerId}`}
        dataSource={proposal?.assignments ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          {
            title: t("shifts.col.time"),
            render: (_, r) => `${formatDay(r.startsAt, lang)} ${formatRange(r.startsAt, r.endsAt, lang)}`,
          },
          { title: t("shifts.col.site"), render: (_, r) => siteNames.get(r.siteId) ?? "" },
          { title: t("shifts.col.zone"), render: (_, r) => zoneLabel(r.zone, lang) },
          { title: t("shifts.col.person"), render: (_, r) => `${r.badgeNo ?? ""} ${r.name}` },
        ]}
      />
    </Modal>
  );
}

/** A text to everyone planned on a point (or the whole round) from now on, through the SMS outbox. */
export function MessageModal({
  campaignId,
  siteId,
  scopeName,
  onClose,
}: {
  campaignId: string;
  siteId: string | undefined;
  scopeName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const r = await sendMessage({ campaignId, ...(siteId ? { siteId } : {}), text: text.trim() });
      message.success(t("shifts.messageSent", { count: r.queued }));
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("shifts.messageTitle")}
      onCancel={onClose}
      okText={t("shifts.send")}
      onOk={send}
      okButtonProps={
        { disabled: text.trim().length < 2, loading: busy, "data-testid": "message-send" } as ButtonProps
      }
    >
      <Typography.Paragraph>{t("shifts.messageScope", { scope: scopeName })}</Typography.Paragraph>
      <Input.TextArea
        rows={4}
        maxLength={300}
        showCount
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("shifts.messageText")}
        data-testid="message-text"
      />
    </Modal>
  );
}
