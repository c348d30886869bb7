import { EditOutlined, PhoneOutlined, UndoOutlined } from "@ant-design/icons";
import type { ResidentFlag } from "@shequ/core/flags";
import {
  type ContactOutcome,
  EXEMPTING_OUTCOMES,
  type MissingPerson,
  type MissingReveal,
  type MissingUpdate,
} from "@shequ/core/missing-schema";
import { App, Button, Popconfirm, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useSession } from "../auth/session";
import { formatShort, formatSlot } from "../campaigns/shanghai-time";
import { FlagTags } from "../residents/flag-tags";
import { type FollowUpForm, FollowUpModal, type FollowUpValues } from "./follow-up-modal";
import { recordContact, removeExemption, revealPerson, setExemption } from "./missing-api";
import { OutcomeTag, ReasonTag } from "./missing-tags";

/** One tap records the call; the other three exempt the person, so they ask where first. */
const ONE_TAP: ContactOutcome[] = ["reached_by_phone", "will_come", "unreachable"];
const WITH_FORM: ContactOutcome[] = ["away", "hospitalised", "sampled_elsewhere"];

/**
 * One missing person as the grid worker sees them at a door or on the phone: who (masked), the
 * slot they missed, the last call, a button to show the phone and call, and one button per
 * outcome. Once exempted, the same card offers to change or undo it, so a wrong tap is one tap back.
 */
export function PersonCard(props: {
  campaignId: string;
  person: MissingPerson;
  onChange: (update: MissingUpdate) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { person: p, campaignId } = props;
  const [busy, setBusy] = useState<string | null>(null);
  const [form, setForm] = useState<FollowUpForm | null>(null);
  const [revealed, setRevealed] = useState<MissingReveal | null>(null);

  const run = async (key: string, call: () => Promise<MissingUpdate>, done: (u: MissingUpdate) => string) => {
    setBusy(key);
    try {
      const update = await call();
      props.onChange(update);
      setForm(null);
      message.success(done(update));
    } catch (error) {
      const code =
        error instanceof ApiError ? (error.details as { code?: string } | undefined)?.code : undefined;
      if (code === "already_sampled" || code === "moved_out") {
        message.warning(t(code === "already_sampled" ? "missing.alreadySampled" : "missing.movedOutError"));
        setForm(null);
        props.onStale();
      } else message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const contact = (outcome: ContactOutcome, values?: FollowUpValues) =>
    run(
      outcome,
      () =>
        recordContact(campaignId, p.residentId, {
          outcome,
          ...(values?.place ? { place: values.place } : {}),
          ...(values?.note ? { note: values.note } : {}),
        }),
      () =>
        t(EXEMPTING_OUTCOMES[outcome] ? "missing.savedExempted" : "missing.saved", {
          outcome: t(`missing.outcomes.${outcome}`),
        }),
    );

  const saveForm = (values: FollowUpValues) => {
    if (!form) return;
    if (form.kind === "contact") void contact(form.outcome, values);
    else
      void run(
        "exemption",
        () =>
          setExemption(campaignId, p.residentId, {
            reason: values.reason ?? form.reason,
            ...(values.place ? { place: values.place } : {}),
            ...(values.note ? { note: values.note } : {}),
          }),
        () => t("common.saved"),
      );
  };

  const reveal = async () => {
    setBusy("reveal");
    try {
      setRevealed(await revealPerson(campaignId, p.residentId));
      message.info(t("missing.revealLogged"), 3);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const contactLine = p.lastContact ? (
    <div className="missing-line" data-testid="missing-last-contact">
      <OutcomeTag outcome={p.lastContact.outcome} />
      <span className="missing-muted">
        {t("missing.contactBy", { by: p.lastContact.by ?? "—", at: formatShort(p.lastContact.at, lang) })}
      </span>
      {p.lastContact.place && <span>{t("missing.place", { place: p.lastContact.place })}</span>}
      {p.lastContact.note && <span className="missing-note">“{p.lastContact.note}”</span>}
    </div>
  ) : (
    <div className="missing-line missing-muted">{t("missing.noContact")}</div>
  );

  return (
    <div
      className={`missing-person${p.exemption ? " is-exempted" : ""}`}
      data-testid="missing-person"
      data-resident={p.residentId}
    >
      <div className="missing-person-info">
        <div className="missing-line">
          <span className="missing-name">{p.name}</span>
          <span className="missing-muted">
            {[
              p.sex ? t(`missing.sex.${p.sex}`) : null,
              p.age === null ? null : t("missing.age", { age: p.age }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
          <FlagTags flags={p.flags as ResidentFlag[]} />
          {p.status === "moved_out" && <Tag style={{ marginInlineEnd: 0 }}>{t("missing.movedOut")}</Tag>}
        </div>
        <div className="missing-line missing-slot">
          {p.homeRun
            ? t("missing.homeRun", { seq: p.homeRun.seq })
            : p.slot
              ? t("missing.slot", {
                  slot: formatSlot(p.slot.startsAt, p.slot.endsAt, lang),
                  site: p.slot.siteName,
                })
              : t("missing.noSlot")}
        </div>
        {p.previousSampledAt && (
          <div className="missing-line missing-previous">
            {t("missing.previousSampled", { at: formatShort(p.previousSampledAt, lang) })}
          </div>
        )}
        {p.exemption && (
          <div className="missing-line" data-testid="missing-exemption">
            <ReasonTag reason={p.exemption.reason} />
            <span className="missing-muted">
              {t("missing.contactBy", { by: p.exemption.by ?? "—", at: formatShort(p.exemption.at, lang) })}
            </span>
            {p.exemption.place && <span>{t("missing.place", { place: p.exemption.place })}</span>}
            {p.exemption.note && <span className="missing-note">“{p.exemption.note}”</span>}
          </div>
        )}
        {/* The call that made the exemption says the same thing: shown once. */}
        {!(p.exemption && p.lastContact?.outcome === p.exemption.reason) && contactLine}
      </div>
      {p.exemption ? (
        <div className="missing-actions is-two">
          <Button
            size="large"
            icon={<EditOutlined />}
            onClick={() =>
              setForm({
                kind: "exemption",
                reason: p.exemption?.reason ?? "other",
                place: p.exemption?.place ?? "",
                note: p.exemption?.note ?? "",
              })
            }
            data-testid="missing-edit-exemption"
          >
            {t("missing.editExemption")}
          </Button>
          <Popconfirm
            title={t("missing.undoExemptionTitle")}
            okText={t("missing.undoExemptionOk")}
            cancelText={t("common.cancel")}
            okButtonProps={{ "data-testid": "missing-undo-ok" } as Record<string, string>}
            onConfirm={() =>
              run(
                "undo",
                () => removeExemption(campaignId, p.residentId),
                () => t("missing.undone"),
              )
            }
          >
            <Button
              size="large"
              danger
              icon={<UndoOutlined />}
              loading={busy === "undo"}
              data-testid="missing-undo"
            >
              {t("missing.undoExemption")}
            </Button>
          </Popconfirm>
        </div>
      ) : (
        <div className="missing-actions">
          <div className="missing-phone">
            {revealed ? (
              revealed.phone ? (
                <Button
                  size="large"
                  type="primary"
                  block
                  icon={<PhoneOutlined />}
                  href={`tel:${revealed.phone}`}
                  data-testid="missing-call"
                >
                  {t("missing.call", { phone: revealed.phone })}
                </Button>
              ) : (
                <Button size="large" block disabled data-testid="missing-call">
                  {t("missing.noPhone")}
                </Button>
              )
            ) : (
              <Button
                size="large"
                block
                icon={<PhoneOutlined />}
                disabled={!p.phone || !can("resident.reveal")}
                loading={busy === "reveal"}
                onClick={() => void reveal()}
                data-testid="missing-show-phone"
              >
                {p.phone ? `${t("missing.showPhone")} ${p.phone}` : t("missing.noPhone")}
              </Button>
            )}
            {revealed && (
              <div className="missing-muted mono">{t("missing.idNumber", { id: revealed.idNumber })}</div>
            )}
          </div>
          {[...ONE_TAP, ...WITH_FORM].map((outcome) => (
            <Button
              key={outcome}
              size="large"
              className={`missing-outcome is-${outcome}`}
              loading={busy === outcome}
              disabled={busy !== null && busy !== outcome}
              onClick={() =>
                WITH_FORM.includes(outcome) ? setForm({ kind: "contact", outcome }) : void contact(outcome)
              }
              data-testid={`missing-outcome-${outcome}`}
            >
              {t(`missing.outcomes.${outcome}`)}
            </Button>
          ))}
        </div>
      )}
      {form && (
        <FollowUpModal
          person={p}
          form={form}
          saving={busy !== null}
          onOk={saveForm}
          onCancel={() => setForm(null)}
        />
      )}
    </div>
  );
}
