import { App, Button, type ButtonProps, Input, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { reviewWorker, type WorkerListItem } from "./workers-api";

/** Approve / reject a sign-up, stand a person down or take them back: one click, a confirm where it bites. */
export function ReviewButtons({ worker, onDone }: { worker: WorkerListItem; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const run = async (action: "approve" | "reject" | "deactivate", reason?: string) => {
    setBusy(true);
    try {
      const done = await reviewWorker(worker.id, action, reason);
      if (action === "approve") message.success(t("workers.approved", { badge: done.badgeNo }));
      else message.info(t(action === "reject" ? "workers.rejected" : "workers.deactivated"));
      onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const reject = () => {
    let reason = "";
    modal.confirm({
      title: t("workers.rejectTitle", { name: worker.name }),
      content: (
        <Input
          placeholder={t("workers.rejectReason")}
          maxLength={200}
          onChange={(e) => {
            reason = e.target.value;
          }}
          data-testid="worker-reject-reason"
        />
      ),
      okText: t("workers.reject"),
      okButtonProps: { danger: true, "data-testid": "worker-reject-confirm" } as ButtonProps,
      cancelText: t("common.cancel"),
      onOk: () => run("reject", reason.trim() || undefined),
    });
  };

  const deactivate = () =>
    modal.confirm({
      title: t("workers.deactivateTitle", { name: worker.name }),
      okText: t("workers.deactivate"),
      okButtonProps: { danger: true, "data-testid": "worker-deactivate-confirm" } as ButtonProps,
      cancelText: t("common.cancel"),
      onOk: () => run("deactivate"),
    });

  const stop = (e: React.MouseEvent) => e.stopPropagation();
  return (
    <Space size={4} onClick={stop} wrap>
      {worker.status === "pending" && (
        <>
          <Button
            autoInsertSpace={false}
            size="small"
            type="primary"
            loading={busy}
            onClick={() => run("approve")}
            data-testid="worker-approve"
          >
            {t("workers.approve")}
          </Button>
          <Button
            size="small"
            autoInsertSpace={false}
            danger
            disabled={busy}
            onClick={reject}
            data-testid="worker-reject"
          >
            {t("workers.reject")}
          </Button>
        </>
      )}
      {worker.status === "approved" && (
        <Button
          size="small"
          autoInsertSpace={false}
          disabled={busy}
          onClick={deactivate}
          data-testid="worker-deactivate"
        >
          {t("workers.deactivate")}
        </Button>
      )}
      {(worker.status === "rejected" || worker.status === "inactive") && (
        <Button
          size="small"
          autoInsertSpace={false}
          loading={busy}
          onClick={() => run("approve")}
          data-testid="worker-approve"
        >
          {worker.status === "inactive" ? t("workers.reactivate") : t("workers.approve")}
        </Button>
      )}
    </Space>
  );
}
