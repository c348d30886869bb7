import {
  type ContactOutcome,
  EXEMPTION_REASONS,
  type ExemptionReason,
  type MissingPerson,
} from "@shequ/core/missing-schema";
import { Alert, type ButtonProps, Input, Modal, Segmented } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type FollowUpForm =
  | { kind: "contact"; outcome: ContactOutcome }
  | { kind: "exemption"; reason: ExemptionReason; place: string; note: string };

export interface FollowUpValues {
  reason?: ExemptionReason;
  place: string;
  note: string;
}

/**
 * The small form behind "away", "in hospital" and "sampled elsewhere" (and behind changing an
 * exemption): where, and a note. Saving these exempts the person, so the form says so.
 */
export function FollowUpModal(props: {
  person: MissingPerson;
  form: FollowUpForm;
  saving: boolean;
  onOk: (values: FollowUpValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { form, person } = props;
  const [reason, setReason] = useState<ExemptionReason>(form.kind === "exemption" ? form.reason : "away");
  const [place, setPlace] = useState(form.kind === "exemption" ? form.place : "");
  const [note, setNote] = useState(form.kind === "exemption" ? form.note : "");
  const [tried, setTried] = useState(false);
  const kind = form.kind === "contact" ? form.outcome : reason;
  const placeRequired = kind === "sampled_elsewhere";
  const noteRequired = kind === "other";
  const showPlace = kind === "sampled_elsewhere" || kind === "hospitalised";
  const missingPlace = placeRequired && place.trim() === "";
  const missingNote = noteRequired && note.trim() === "";
  const names = { door: person.door, name: person.name };

  const submit = () => {
    setTried(true);
    if (missingPlace || missingNote) return;
    props.onOk({
      ...(form.kind === "exemption" ? { reason } : {}),
      place: showPlace ? place.trim() : "",
      note: note.trim(),
    });
  };

  return (
    <Modal
      open
      title={
        form.kind === "contact"
          ? t("missing.form.title", { outcome: t(`missing.outcomes.${form.outcome}`), ...names })
          : t("missing.form.editTitle", names)
      }
      okText={t("missing.form.save")}
      cancelText={t("common.cancel")}
      confirmLoading={props.saving}
      onOk={submit}
      onCancel={props.onCancel}
      okButtonProps={{ size: "large", "data-testid": "missing-form-ok" } as ButtonProps}
      cancelButtonProps={{ size: "large", "data-testid": "missing-form-cancel" } as ButtonProps}
      destroyOnHidden
    >
      <div className="missing-form">
        {form.kind === "exemption" && (
          <div className="missing-form-field">
            <span>{t("missing.form.reason")}</span>
            <Segmented<ExemptionReason>
              block
              value={reason}
              onChange={setReason}
              options={EXEMPTION_REASONS.map((r) => ({ value: r, label: t(`missing.reasons.${r}`) }))}
              data-testid="missing-form-reason"
            />
          </div>
        )}
        {showPlace && (
          <div className="missing-form-field">
            <label htmlFor="missing-form-place">
              {placeRequired ? t("missing.form.placeElsewhere") : t("missing.form.placeHospital")}
            </label>
            <Input
              id="missing-form-place"
              size="large"
              autoFocus
              value={place}
              maxLength={100}
              status={tried && missingPlace ? "error" : undefined}
              onChange={(e) => setPlace(e.target.value)}
              onPressEnter={submit}
              data-testid="missing-form-place"
            />
            {tried && missingPlace && (
              <span className="missing-form-error">{t("missing.form.placeRequired")}</span>
            )}
          </div>
        )}
        <div className="missing-form-field">
          <label htmlFor="missing-form-note">
            {noteRequired ? t("missing.form.reason") : t("missing.form.note")}
          </label>
          <Input.TextArea
            id="missing-form-note"
            autoFocus={!showPlace}
            value={note}
            maxLength={200}
            rows={2}
            status={tried && missingNote ? "error" : undefined}
            placeholder={t("missing.form.notePlaceholder")}
            onChange={(e) => setNote(e.target.value)}
            data-testid="missing-form-note"
          />
          {tried && missingNote && (
            <span className="missing-form-error">{t("missing.form.noteRequired")}</span>
          )}
        </div>
        {form.kind === "contact" && <Alert type="info" showIcon title={t("missing.form.exemptHint")} />}
      </div>
    </Modal>
  );
}
