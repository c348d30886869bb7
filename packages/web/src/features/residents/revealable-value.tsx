import { EyeInvisibleOutlined, EyeOutlined } from "@ant-design/icons";
import { App, Button, Space, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useSession } from "../auth/session";
import { type RevealField, revealResident } from "./residents-api";

/**
 * A masked ID number or phone with a deliberate "Show" button. Every show is a request the
 * server records in the audit log, and the page says so, so nobody unmasks data casually.
 */
export function RevealableValue(props: { residentId: string; field: RevealField; masked: string | null }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [shown, setShown] = useState<string | null>();
  const [busy, setBusy] = useState(false);

  if (!props.masked) return <Typography.Text type="secondary">—</Typography.Text>;

  const reveal = async () => {
    setBusy(true);
    try {
      const result = await revealResident(props.residentId, [props.field]);
      setShown(result[props.field] ?? null);
      message.info(t("residents.revealRecorded"), 4);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (shown !== undefined) {
    return (
      <Space size={8} wrap>
        <Typography.Text
          className="mono"
          copyable={shown ? { text: shown } : false}
          data-testid={`revealed-${props.field}`}
        >
          {shown ?? "—"}
        </Typography.Text>
        <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setShown(undefined)}>
          {t("residents.hide")}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("residents.revealLogged")}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space size={8} wrap>
      <span className="mono">{props.masked}</span>
      {can("resident.reveal") && (
        <Tooltip title={t("residents.revealHint")}>
          <Button
            size="small"
            icon={<EyeOutlined />}
            loading={busy}
            onClick={() => void reveal()}
            data-testid={`reveal-${props.field}`}
          >
            {t("residents.reveal")}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
