import type { TubeResult } from "@shequ/core/lab-results";
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Form,
  Input,
  Modal,
  Segmented,
  Table,
  type TableColumnsType,
  Typography,
} from "antd";
import { type HTMLAttributes, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { formatShort } from "../campaigns/shanghai-time";
import { type Conflict, fetchConflicts, settleConflict } from "./lab-api";
import { ResultTag } from "./lab-tags";

type Status = "open" | "settled";

/**
 * Tubes that got two different results: the new one waits here, never applied by itself, until a
 * person keeps the current result or takes the new one (which is then applied, recalls included).
 */
export function ConflictsTab({ tick, onSettled }: { tick: number; onSettled: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [status, setStatus] = useState<Status>("open");
  const [settling, setSettling] = useState<{ conflict: Conflict; keep: "existing" | "new" }>();
  const [again, setAgain] = useState(0);
  const list = useApi((signal) => fetchConflicts(status, signal), [status, tick, again]);

  const resultAt = (r: { result: TubeResult; testedAt: string } | null) =>
    r ? (
      <div>
        <ResultTag result={r.result} />
        <div style={{ color: "#8c8c8c", fontSize: 12 }}>{formatShort(r.testedAt, lang)}</div>
      </div>
    ) : (
      "—"
    );

  const columns: TableColumnsType<Conflict> = [
    {
      key: "barcode",
      title: t("lab.report.barcode"),
      render: (_: unknown, c) => (
        <div>
          <div className="mono" style={{ fontSize: 15 }}>
            {c.barcode}
          </div>
          <div style={{ color: "#8c8c8c", fontSize: 12 }}>
            {c.campaignName} · {c.siteName}
          </div>
        </div>
      ),
    },
    status === "open"
      ? {
          key: "current",
          title: t("lab.conflicts.current"),
          width: 130,
          render: (_: unknown, c) => resultAt(c.current),
        }
      : {
          key: "previous",
          title: t("lab.conflicts.previous"),
          width: 130,
          render: (_: unknown, c) =>
            c.settled?.previousResult ? <ResultTag result={c.settled.previousResult} /> : "—",
        },
    {
      key: "incoming",
      title: t("lab.conflicts.incoming"),
      width: 130,
      render: (_: unknown, c) => resultAt(c.incoming),
    },
    {
      key: "source",
      title: t("lab.batches.source"),
      responsive: ["md"],
      render: (_: unknown, c) => (
        <div>
          <div>{c.batchSource === "api" ? t("lab.batches.api") : c.batchFileName}</div>
          <div style={{ color: "#8c8c8c", fontSize: 12 }}>{formatShort(c.createdAt, lang)}</div>
        </div>
      ),
    },
    status === "open"
      ? {
          key: "actions",
          title: t("common.actions"),
          width: 290,
          render: (_: unknown, c) => (
            <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
              <Button
                onClick={() => setSettling({ conflict: c, keep: "existing" })}
                data-testid="lab-keep-existing"
              >
                {t("lab.conflicts.keepExisting")}
              </Button>
              <Button
                danger
                onClick={() => setSettling({ conflict: c, keep: "new" })}
                data-testid="lab-take-new"
              >
                {t("lab.conflicts.takeNew")}
              </Button>
            </div>
          ),
        }
      : {
          key: "outcome",
          title: t("lab.conflicts.outcome"),
          render: (_: unknown, c) =>
            c.settled && (
              <div>
                <div>
                  {c.settled.keep === "new"
                    ? t("lab.conflicts.replaced", {
                        previous: c.settled.previousResult
                          ? t(`lab.results.${c.settled.previousResult}`)
                          : "—",
                        result: t(`lab.results.${c.incoming.result}`),
                      })
                    : t("lab.conflicts.kept", {
                        result: c.settled.previousResult ? t(`lab.results.${c.settled.previousResult}`) : "—",
                      })}
                </div>
                <div style={{ color: "#5c6b7a" }}>{c.settled.reason}</div>
                <div style={{ color: "#8c8c8c", fontSize: 12 }}>
                  {c.settled.by ?? "—"} · {formatShort(c.settled.at, lang)}
                </div>
              </div>
            ),
        },
  ];

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      <Typography.Text type="secondary">{t("lab.conflicts.explain")}</Typography.Text>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={[
          { value: "open", label: <span data-testid="lab-conflicts-open">{t("lab.conflicts.open")}</span> },
          {
            value: "settled",
            label: <span data-testid="lab-conflicts-settled">{t("lab.conflicts.settled")}</span>,
          },
        ]}
        style={{ justifySelf: "start" }}
      />
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table<Conflict>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 760 }}
        locale={{
          emptyText: t(status === "open" ? "lab.conflicts.emptyOpen" : "lab.conflicts.emptySettled"),
        }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={() => ({ "data-testid": "lab-conflict-row" }) as HTMLAttributes<HTMLElement>}
      />
      {settling && (
        <SettleModal
          conflict={settling.conflict}
          keep={settling.keep}
          onClose={() => setSettling(undefined)}
          onDone={() => {
            setSettling(undefined);
            setAgain((n) => n + 1);
            onSettled();
          }}
        />
      )}
    </div>
  );
}

function SettleModal(props: {
  conflict: Conflict;
  keep: "existing" | "new";
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const c = props.conflict;
  const current = c.current ? t(`lab.results.${c.current.result}`) : "—";
  const incoming = t(`lab.results.${c.incoming.result}`);
  const flagged = (r: TubeResult | undefined) => r === "positive" || r === "invalid";
  const keepText =
    props.keep === "new"
      ? t(flagged(c.incoming.result) ? "lab.conflicts.settleNewRecall" : "lab.conflicts.settleNew", {
          result: incoming,
          current,
        })
      : t("lab.conflicts.settleExisting", { result: current });
  // Recalls made for a positive or invalid result stay when a negative replaces it.
  const noUndo = props.keep === "new" && flagged(c.current?.result) && !flagged(c.incoming.result);

  const submit = async ({ reason }: { reason: string }) => {
    setSaving(true);
    try {
      await settleConflict(c.id, props.keep, reason.trim());
      message.success(t("lab.conflicts.done"));
      props.onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("lab.conflicts.settleTitle", { barcode: c.barcode })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={props.keep === "new" ? t("lab.conflicts.takeNew") : t("lab.conflicts.keepExisting")}
      okButtonProps={
        { danger: props.keep === "new", loading: saving, "data-testid": "lab-settle-ok" } as ButtonProps
      }
      cancelButtonProps={{ "data-testid": "lab-settle-cancel" } as ButtonProps}
      destroyOnHidden
    >
      <Alert
        type={props.keep === "new" ? "warning" : "info"}
        showIcon
        title={keepText}
        description={noUndo ? t("lab.conflicts.settleNewNoUndo", { current }) : undefined}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t("lab.conflicts.reason")}
          rules={[
            {
              validator: (_, value?: string) =>
                (value ?? "").trim().length >= 2
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("lab.conflicts.reasonRequired"))),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={t("lab.conflicts.reasonPlaceholder")}
            data-testid="lab-settle-reason"
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
