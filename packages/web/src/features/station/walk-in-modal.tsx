import { checkIdDocument, ID_TYPE_LABELS, ID_TYPES, type IdType } from "@shequ/core/id-document";
import { checkMobile } from "@shequ/core/phone";
import { Alert, Form, Input, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { checkIdLive, checkPhoneLive } from "../residents/live-checks";
import type { WalkIn } from "./station-api";

/**
 * A person not in the list (a visitor, someone from another community): a few fields, checked as
 * typed, bound as a walk-in the registry owners follow up. Nothing is written to the registry here.
 */
export function WalkInModal({
  open,
  idNumber,
  onBind,
  onClose,
}: {
  open: boolean;
  idNumber?: string;
  onBind: (walkIn: WalkIn) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [name, setName] = useState("");
  const [idType, setIdType] = useState<IdType>("cn_id");
  const [number, setNumber] = useState("");
  const [phone, setPhone] = useState("");
  const [strict, setStrict] = useState(false);
  useEffect(() => {
    if (open) {
      setName("");
      setIdType("cn_id");
      setNumber(idNumber ?? "");
      setPhone("");
      setStrict(false);
    }
  }, [open, idNumber]);

  const idCheck = checkIdLive(idType, number, { lang, strict, optional: false });
  const phoneCheck = checkPhoneLive(phone, { lang, strict });
  const submit = () => {
    setStrict(true);
    const id = checkIdDocument(idType, number);
    const mobile = phone.trim() === "" ? undefined : checkMobile(phone);
    if (name.trim() === "" || !id.ok || (mobile && !mobile.ok)) return;
    onBind({
      name: name.trim(),
      idType,
      idNumber: id.normalized,
      ...(mobile?.ok ? { phone: mobile.normalized } : {}),
    });
  };

  return (
    <Modal
      open={open}
      title={<span style={{ fontSize: 22 }}>{t("station.walkIn.title")}</span>}
      okText={t("station.walkIn.bind")}
      cancelText={t("common.cancel")}
      okButtonProps={{ size: "large" }}
      cancelButtonProps={{ size: "large" }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t("station.walkIn.hint")} style={{ marginBottom: 16 }} />
      <Form layout="vertical" size="large" onFinish={submit}>
        <Form.Item
          label={t("station.walkIn.name")}
          required
          validateStatus={strict && name.trim() === "" ? "error" : ""}
          help={strict && name.trim() === "" ? t("station.walkIn.nameRequired") : undefined}
        >
          <Input data-testid="walkin-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("station.walkIn.idType")} required>
          <Select<IdType>
            value={idType}
            onChange={setIdType}
            options={ID_TYPES.map((type) => ({ value: type, label: ID_TYPE_LABELS[type][lang] }))}
          />
        </Form.Item>
        <Form.Item
          label={t("station.walkIn.idNumber")}
          required
          validateStatus={idCheck.status}
          help={idCheck.help}
        >
          <Input data-testid="walkin-id" value={number} onChange={(e) => setNumber(e.target.value)} />
        </Form.Item>
        <Form.Item
          label={t("station.walkIn.phone")}
          validateStatus={phoneCheck.status}
          help={phoneCheck.help}
        >
          <Input
            data-testid="walkin-phone"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
