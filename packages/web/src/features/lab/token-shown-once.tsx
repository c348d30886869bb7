import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { LabToken } from "./lab-api";

/** Copies with the clipboard API, or the old way where it is missing (plain http on a LAN). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function curlExample(origin: string, token: string): string {
  const body = JSON.stringify({
    results: [{ barcode: "TB0001", result: "negative", testedAt: "2026-11-28T13:05:00+08:00" }],
  });
  return [
    `curl -X POST ${origin}/api/public/lab/results \\`,
    `  -H "Authorization: Bearer ${token}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
}

/**
 * The new token, shown this once (only its hash is kept), with a copy button and a working curl
 * example. Closing needs a deliberate click: a click outside must not lose the token.
 */
export function TokenShownOnce({
  token,
  onClose,
}: {
  token: LabToken & { token: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const curl = curlExample(window.location.origin, token.token);
  const copy = async (text: string) => {
    if (await copyText(text)) message.success(t("lab.tokens.copied"));
    else message.warning(t("lab.tokens.copyFailed"));
  };

  return (
    <Modal
      open
      title={t("lab.tokens.shownOnce")}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={720}
      footer={
        <Button type="primary" onClick={onClose} data-testid="lab-token-saved">
          {t("lab.tokens.saved")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t("lab.tokens.shownOnceHint")} style={{ marginBottom: 16 }} />
      <div style={{ color: "#5c6b7a", marginBottom: 4 }}>
        {token.name} · {token.regionName}
      </div>
      <div style={{ display: "flex", gap: 8, alignItems: "stretch", marginBottom: 16 }}>
        <code
          className="mono"
          data-testid="lab-token-value"
          style={{
            flex: 1,
            padding: "8px 12px",
            background: "#f5f7fa",
            border: "1px solid #d9dee5",
            borderRadius: 6,
            wordBreak: "break-all",
            fontSize: 15,
            userSelect: "all",
          }}
        >
          {token.token}
        </code>
        <Button
          type="primary"
          icon={<CopyOutlined />}
          onClick={() => copy(token.token)}
          data-testid="lab-token-copy"
        >
          {t("lab.tokens.copy")}
        </Button>
      </div>
      <div
        style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 4 }}
      >
        <Typography.Text strong>{t("lab.tokens.curlTitle")}</Typography.Text>
        <Button
          size="small"
          icon={<CopyOutlined />}
          onClick={() => copy(curl)}
          data-testid="lab-token-copy-curl"
        >
          {t("lab.tokens.copyCurl")}
        </Button>
      </div>
      <pre
        className="mono"
        data-testid="lab-token-curl"
        style={{
          margin: 0,
          padding: 12,
          background: "#1f2933",
          color: "#e4e7eb",
          borderRadius: 6,
          fontSize: 12,
          whiteSpace: "pre-wrap",
          wordBreak: "break-all",
        }}
      >
        {curl}
      </pre>
    </Modal>
  );
}
