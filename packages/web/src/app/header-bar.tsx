import { EnvironmentOutlined, LogoutOutlined, TranslationOutlined } from "@ant-design/icons";
import { REGION_LEVEL_LABELS, type RegionLevel } from "@shequ/core/regions";
import { ROLE_LABELS } from "@shequ/core/roles";
import { Button, Popconfirm, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMe, useSession } from "../features/auth/session";
import { fetchRegion } from "../features/regions/regions-api";
import { pickLabel, setLang, useLang } from "./i18n/setup-i18n";
import { useApi } from "./use-api";

/** Who is signed in, in what role and over which area; language switch; sign out. */
export function HeaderBar({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const scopeId = me.scope?.regionId;
  const scope = useApi(
    (signal) => (scopeId ? fetchRegion(scopeId, signal) : Promise.resolve(null)),
    [scopeId],
  );

  const scopeText = scopeId
    ? scope.data
      ? `${pickLabel(REGION_LEVEL_LABELS[scope.data.level as RegionLevel], lang)} · ${scope.data.name}`
      : "…"
    : t("header.wholeSystem");

  return (
    <div
      style={{ display: "flex", alignItems: "center", gap: 8, flex: 1, minWidth: 0, lineHeight: "normal" }}
    >
      <div
        style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 0, flex: 1, overflow: "hidden" }}
      >
        <Typography.Text strong ellipsis style={{ maxWidth: compact ? 120 : 240 }}>
          {me.displayName}
        </Typography.Text>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {pickLabel(ROLE_LABELS[me.role], lang, me.role)}
        </Tag>
        {!compact && (
          <Typography.Text type="secondary" ellipsis>
            <EnvironmentOutlined /> {scopeText}
          </Typography.Text>
        )}
      </div>
      <Tooltip title={t("header.languageHint")}>
        <Button
          data-testid="lang-switch"
          icon={<TranslationOutlined />}
          onClick={() => setLang(lang === "zh" ? "en" : "zh")}
        >
          {lang === "zh" ? "English" : "中文"}
        </Button>
      </Tooltip>
      <Popconfirm
        title={t("header.signOutConfirm")}
        okText={t("header.signOut")}
        cancelText={t("common.cancel")}
        onConfirm={async () => {
          await logout();
          navigate("/login", { replace: true });
        }}
      >
        <Button data-testid="sign-out" icon={<LogoutOutlined />}>
          {compact ? null : t("header.signOut")}
        </Button>
      </Popconfirm>
    </div>
  );
}
