import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { type HTMLAttributes, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { formatShort } from "../campaigns/shanghai-time";
import { RegionCascader } from "../regions/region-cascader";
import { createToken, fetchTokens, type LabToken, revokeToken } from "./lab-api";
import { TokenShownOnce } from "./token-shown-once";

/** The lab machines' tokens: make one (shown once), see when each was last used, revoke. */
export function TokensTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [tick, setTick] = useState(0);
  const tokens = useApi((signal) => fetchTokens(signal), [tick]);
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<LabToken & { token: string }>();

  const revoke = async (token: LabToken) => {
    try {
      await revokeToken(token.id);
      message.success(t("lab.tokens.revokedDone"));
      setTick((n) => n + 1);
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const columns: TableColumnsType<LabToken> = [
    { key: "name", title: t("lab.tokens.name"), dataIndex: "name" },
    { key: "region", title: t("lab.tokens.region"), dataIndex: "regionName" },
    {
      key: "created",
      title: t("lab.tokens.createdAt"),
      responsive: ["md"],
      render: (_: unknown, k) => `${formatShort(k.createdAt, lang)} · ${k.createdBy ?? "—"}`,
    },
    {
      key: "lastUsed",
      title: t("lab.tokens.lastUsed"),
      render: (_: unknown, k) => (k.lastUsedAt ? formatShort(k.lastUsedAt, lang) : t("lab.tokens.never")),
    },
    {
      key: "status",
      title: t("lab.tokens.status"),
      width: 90,
      render: (_: unknown, k) =>
        k.revokedAt ? <Tag>{t("lab.tokens.revoked")}</Tag> : <Tag color="green">{t("lab.tokens.live")}</Tag>,
    },
    {
      key: "actions",
      title: t("common.actions"),
      width: 90,
      render: (_: unknown, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t("lab.tokens.revokeConfirm")}
            description={<div style={{ maxWidth: 280 }}>{t("lab.tokens.revokeHint")}</div>}
            okButtonProps={{ danger: true, "data-testid": "lab-token-revoke-ok" } as ButtonProps}
            onConfirm={() => revoke(k)}
          >
            <Button danger size="small" data-testid="lab-token-revoke">
              {t("lab.tokens.revoke")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 8 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 720 }}>
          {t("lab.tokens.explain")}
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="lab-token-new"
        >
          {t("lab.tokens.create")}
        </Button>
      </div>
      {tokens.error && <Alert type="error" showIcon title={errorText(tokens.error)} />}
      <Table<LabToken>
        rowKey="id"
        size="small"
        loading={tokens.loading}
        dataSource={tokens.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t("lab.tokens.empty") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(k) =>
          ({
            "data-testid": "lab-token-row",
            style: k.revokedAt ? { opacity: 0.55 } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
      />
      {creating && (
        <NewTokenModal
          onClose={() => setCreating(false)}
          onMade={(token) => {
            setCreating(false);
            setMade(token);
            setTick((n) => n + 1);
          }}
        />
      )}
      {made && <TokenShownOnce token={made} onClose={() => setMade(undefined)} />}
    </div>
  );
}

function NewTokenModal(props: {
  onClose: () => void;
  onMade: (token: LabToken & { token: string }) => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ name: string; regionId: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: { name: string; regionId: string }) => {
    setSaving(true);
    try {
      props.onMade(await createToken(values.name.trim(), values.regionId));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("lab.tokens.create")}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, "data-testid": "lab-token-create-ok" } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ regionId: me?.scope?.regionId }}>
        <Form.Item
          name="name"
          label={t("lab.tokens.name")}
          rules={[{ required: true, whitespace: true, message: t("lab.tokens.nameRequired") }]}
        >
          <Input maxLength={100} placeholder={t("lab.tokens.namePlaceholder")} data-testid="lab-token-name" />
        </Form.Item>
        <Form.Item
          name="regionId"
          label={t("lab.tokens.region")}
          extra={t("lab.tokens.regionHint")}
          rules={[{ required: true, message: t("lab.tokens.regionRequired") }]}
        >
          <RegionField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegionField(props: { value?: string; onChange?: (id: string | undefined) => void }) {
  return (
    <RegionCascader
      value={props.value}
      onChange={(id) => props.onChange?.(id)}
      style={{ width: "100%" }}
      testId="lab-token-region"
    />
  );
}
