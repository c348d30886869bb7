import { Alert, App, Button, Input, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { formatDay, formatRange } from "../campaigns/shanghai-time";
import { qualificationLabel, ruleLabel, sourceLabel, zoneLabel } from "./shift-labels";
import {
  assignWorker,
  type Board,
  type Candidate,
  cancelAssignment,
  fetchCandidates,
  type Problem,
} from "./shifts-api";

type BoardDemand = Board["demands"][number];

/**
 * Who is on a shift and who could be: people who fit first, then those who need a reason (outside
 * their hours, a rest rule), then those who cannot (no licence, elsewhere), each with why.
 */
export function AssignModal({
  demand,
  siteName,
  onClose,
  onChanged,
}: {
  demand: BoardDemand;
  siteName: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [reasonFor, setReasonFor] = useState<Candidate>();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const candidates = useApi((signal) => fetchCandidates(demand.id, signal), [demand.id, demand.planned]);

  const problemText = (p: Problem) =>
    p.code === "unqualified"
      ? t("shifts.problem.unqualified", {
          missing: (p.missing ?? []).map((q) => qualificationLabel(q, lang)).join("、"),
        })
      : p.code === "rest_rule"
        ? t("shifts.problem.rest_rule", {
            rules: [...new Set((p.violations ?? []).map((v) => ruleLabel(v.rule, lang)))].join("、"),
          })
        : t(`shifts.problem.${p.code}`);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      message.success(t("shifts.assigned"));
      setReasonFor(undefined);
      setReason("");
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const title = t("shifts.assignTitle", {
    site: siteName,
    zone: zoneLabel(demand.zone, lang),
    time: `${formatDay(demand.startsAt, lang)} ${formatRange(demand.startsAt, demand.endsAt, lang)}`,
  });
  return (
    <Modal open title={title} onCancel={onClose} footer={null} width={640} data-testid="assign-modal">
      <Typography.Paragraph>
        <Typography.Text strong style={{ color: demand.gap > 0 ? "#ff4d4f" : "#52c41a" }}>
          {demand.planned}/{demand.needed} ·{" "}
          {demand.gap > 0 ? t("shifts.missing", { count: demand.gap }) : t("shifts.full")}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Title level={5}>{t("shifts.onShift")}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {demand.people.map((p) => (
          <Tag key={p.assignmentId} color={p.overridden ? "orange" : "blue"} style={{ padding: "2px 8px" }}>
            {p.badgeNo} {p.name}{" "}
            <Button
              size="small"
              type="link"
              danger
              data-testid={`remove-${p.workerId}`}
              onClick={() => run(() => cancelAssignment(p.assignmentId))}
            >
              {t("shifts.remove")}
            </Button>
          </Tag>
        ))}
      </Space>
      {reasonFor && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          message={`${reasonFor.name}：${reasonFor.problems.map(problemText).join("；")}`}
          description={
            <Space.Compact style={{ width: "100%" }}>
              <Input
                data-testid="override-reason"
                placeholder={t("shifts.reasonRequired")}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button
                danger
                data-testid="override-confirm"
                disabled={reason.trim().length < 2}
                loading={busy}
                onClick={() => run(() => assignWorker(demand.id, reasonFor.workerId, reason.trim()))}
              >
                {t("shifts.override")}
              </Button>
            </Space.Compact>
          }
        />
      )}
      {candidates.error && <Alert type="error" message={errorText(candidates.error)} />}
      {demand.gap <= 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t("shifts.fullWarning")}
          data-testid="assign-full"
        />
      )}
      <List
        loading={candidates.loading}
        size="small"
        style={{ maxHeight: 420, overflowY: "auto" }}
        dataSource={candidates.data?.items ?? []}
        data-testid="candidates"
        renderItem={(c) => {
          const hard = c.problems.some((p) => !p.overridable);
          const state = c.problems.length === 0 ? "fits" : hard ? "blocked" : "needsReason";
          return (
            <List.Item
              data-testid={`candidate-${c.workerId}`}
              actions={[
                state === "blocked" ? null : (
                  <Button
                    key="go"
                    size="small"
                    type={state === "fits" ? "primary" : "default"}
                    data-testid={`assign-${c.workerId}`}
                    loading={busy}
                    onClick={() =>
                      state === "fits" ? run(() => assignWorker(demand.id, c.workerId)) : setReasonFor(c)
                    }
                  >
                    {state === "fits" ? t("shifts.assign") : t("shifts.override")}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Tag color={state === "fits" ? "green" : state === "blocked" ? "default" : "orange"}>
                      {t(`shifts.${state}`)}
                    </Tag>
                    <span style={{ color: hard ? "#999" : undefined }}>
                      {c.badgeNo} {c.name}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {sourceLabel(c.source, lang)} · {t("shifts.plannedHours", { hours: c.plannedHours })}
                    </Typography.Text>
                  </Space>
                }
                description={c.problems.length > 0 ? c.problems.map(problemText).join("；") : null}
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
