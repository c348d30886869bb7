import { App, Checkbox, Popconfirm, Switch } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatShort } from "../campaigns/shanghai-time";
import { ControlModal } from "./control-modal";
import { PersonStatusTag, ReasonTag, TaskStatusTag } from "./recall-tags";
import { controlTask, type RecallTask, setHomeSampling } from "./recalls-api";

/**
 * One household of a recalled tube: where, why, which tube, each person and where they stand,
 * and the two things the community does — tick it controlled, switch it to home sampling.
 */
export function TaskRow({ task, onChange }: { task: RecallTask; onChange: (task: RecallTask) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [asking, setAsking] = useState(false);
  const [saving, setSaving] = useState<"control" | "home" | null>(null);
  const closed = task.status === "closed";

  const save = async (kind: "control" | "home", call: () => Promise<RecallTask>, done?: string) => {
    setSaving(kind);
    try {
      onChange(await call());
      setAsking(false);
      if (done) message.success(done);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(null);
    }
  };

  return (
    <div
      className={`recall-task${task.positive ? " is-positive" : ""}${closed ? " is-closed" : ""}`}
      data-testid="recall-task"
    >
      <div className="recall-task-where">
        <div className="recall-task-address">
          <span>{task.address}</span>
          <ReasonTag reason={task.reason} />
        </div>
        <div className="recall-task-meta">
          {t("recalls.tube")} <span className="mono">{task.tube.barcode}</span>
          {task.tube.testedAt && ` · ${t("recalls.resultAt", { at: formatShort(task.tube.testedAt, lang) })}`}
        </div>
        {task.tube.result && task.tube.result !== task.reason && (
          <div className="recall-task-corrected" data-testid="recall-corrected">
            {t("recalls.corrected", { result: t(`recalls.household.result.${task.tube.result}`) })}
          </div>
        )}
        {task.note && <div className="recall-task-note">{t("recalls.note", { note: task.note })}</div>}
      </div>
      <div className="recall-task-people">
        {task.people.map((p) => (
          <div key={p.recallId} className="recall-person" data-testid="recall-person">
            <span className="recall-person-name">{p.name}</span>
            <span className="recall-person-age">
              {p.age === null ? "" : t("recalls.age", { age: p.age })}
            </span>
            <PersonStatusTag person={p} />
            {p.resampledAt && p.resampleBarcode && (
              <span className="recall-person-resample">
                {t("recalls.resampledAt", {
                  at: formatShort(p.resampledAt, lang),
                  barcode: p.resampleBarcode,
                })}
              </span>
            )}
          </div>
        ))}
      </div>
      <div className="recall-task-actions">
        <TaskStatusTag status={task.status} />
        {task.controlledAt ? (
          <Popconfirm
            title={t("recalls.uncontrolTitle")}
            okText={t("recalls.uncontrolOk")}
            cancelText={t("common.cancel")}
            onConfirm={() => save("control", () => controlTask(task.id, { controlled: false }))}
          >
            <Checkbox checked disabled={saving === "control"} data-testid="recall-control">
              {t("recalls.controlled")}
            </Checkbox>
          </Popconfirm>
        ) : (
          <Checkbox
            checked={false}
            disabled={saving === "control"}
            onChange={() => setAsking(true)}
            data-testid="recall-control"
          >
            {t("recalls.controlled")}
          </Checkbox>
        )}
        <span className="recall-home">
          <Switch
            id={`recall-home-${task.id}`}
            size="small"
            checked={task.homeSampling}
            loading={saving === "home"}
            disabled={closed && !task.homeSampling}
            onChange={(on) =>
              save(
                "home",
                () => setHomeSampling(task.id, on),
                on ? t("recalls.homeSamplingOn") : t("recalls.homeSamplingOff"),
              )
            }
            data-testid="recall-home"
          />
          <label htmlFor={`recall-home-${task.id}`}>{t("recalls.homeSampling")}</label>
        </span>
      </div>
      {asking && (
        <ControlModal
          address={task.address}
          initialNote={task.note}
          saving={saving === "control"}
          onCancel={() => setAsking(false)}
          onOk={(note) => save("control", () => controlTask(task.id, { controlled: true, note }))}
        />
      )}
    </div>
  );
}
