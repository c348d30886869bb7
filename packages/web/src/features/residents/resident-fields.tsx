import { CheckCircleFilled } from "@ant-design/icons";
import { RESIDENT_FLAG_LABELS, RESIDENT_FLAGS } from "@shequ/core/flags";
import { ID_TYPE_LABELS, ID_TYPES, type IdType } from "@shequ/core/id-document";
import { Checkbox, Form, type FormInstance, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { ageFrom } from "./format-resident";
import { checkIdLive, checkPhoneLive } from "./live-checks";

export interface ResidentFieldValues {
  name: string;
  idType: IdType;
  idNumber?: string;
  phone?: string;
  flags?: string[];
  note?: string;
}

/**
 * Name, document, phone, flags and note, shared by "register" and "edit". The ID number and
 * phone are checked as they are typed, with the birth date and sex read from a valid ID shown
 * right under it, so a wrong digit is caught at the desk, not in a lab report.
 */
export function ResidentFields(props: {
  form: FormInstance;
  /** After a first submit: report unfinished numbers as errors too. */
  strict: boolean;
  /** Editing: blank ID number and phone mean "keep what is stored". */
  editing: boolean;
  /** Editing: the stored document type; choosing another one needs its number. */
  originalIdType?: IdType;
  /** Server-side problems per field, shown until the field changes. */
  serverErrors: Partial<Record<"idNumber" | "phone", string>>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const idType = (Form.useWatch("idType", props.form) as IdType | undefined) ?? "cn_id";
  const idNumber = Form.useWatch("idNumber", props.form) as string | undefined;
  const phone = Form.useWatch("phone", props.form) as string | undefined;
  const idOptional = props.editing && idType === props.originalIdType;
  const idCheck = checkIdLive(idType, idNumber, { lang, strict: props.strict, optional: idOptional });
  const phoneCheck = checkPhoneLive(phone, { lang, strict: props.strict });

  const idHelp =
    props.serverErrors.idNumber ??
    (idCheck.status === "success" ? (
      <span style={{ color: "#389e0d" }} data-testid="id-derived">
        <CheckCircleFilled />{" "}
        {idCheck.birthDate
          ? t("residents.idDerived", {
              birthDate: idCheck.birthDate,
              sex:
                idCheck.sex === "M" ? t("residents.male") : idCheck.sex === "F" ? t("residents.female") : "",
              age: ageFrom(idCheck.birthDate),
            })
          : t("residents.idValid")}
      </span>
    ) : (
      (idCheck.help ?? (idOptional ? t("residents.keepIfBlank") : undefined))
    ));

  return (
    <>
      <Form.Item
        name="name"
        label={t("residents.name")}
        rules={[{ required: true, whitespace: true, message: t("residents.nameRequired") }, { max: 50 }]}
      >
        <Input autoComplete="off" data-testid="resident-name-input" />
      </Form.Item>
      <Form.Item name="idType" label={t("residents.idType")} rules={[{ required: true }]}>
        <Select
          options={ID_TYPES.map((type) => ({ value: type, label: pickLabel(ID_TYPE_LABELS[type], lang) }))}
          data-testid="resident-idtype-input"
        />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t("residents.idNumber")}
        required={!idOptional}
        validateStatus={props.serverErrors.idNumber ? "error" : idCheck.status}
        help={idHelp}
        hasFeedback={idCheck.status === "success"}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const check = checkIdLive(idType, value, { lang, strict: true, optional: idOptional });
              if (check.status === "error") throw new Error(check.help);
            },
          },
        ]}
      >
        <Input
          className="mono"
          autoComplete="off"
          inputMode={idType === "cn_id" ? "numeric" : "text"}
          maxLength={24}
          placeholder={idOptional ? t("residents.keepIfBlank") : undefined}
          data-testid="resident-idnumber-input"
        />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t("residents.phone")}
        validateStatus={props.serverErrors.phone ? "error" : phoneCheck.status}
        help={
          props.serverErrors.phone ??
          phoneCheck.help ??
          (props.editing ? t("residents.keepIfBlank") : undefined)
        }
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const check = checkPhoneLive(value, { lang, strict: true });
              if (check.status === "error") throw new Error(check.help);
            },
          },
        ]}
      >
        <Input
          className="mono"
          autoComplete="off"
          inputMode="tel"
          maxLength={20}
          placeholder={props.editing ? t("residents.keepIfBlank") : t("residents.optional")}
          data-testid="resident-phone-input"
        />
      </Form.Item>
      <Form.Item name="flags" label={t("residents.flags")}>
        <Checkbox.Group
          options={RESIDENT_FLAGS.map((flag) => ({
            value: flag,
            label: pickLabel(RESIDENT_FLAG_LABELS[flag], lang),
          }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t("residents.note")} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}
