import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { setLang, useLang } from "../../app/i18n/setup-i18n";
import { signIn } from "./auth-api";
import { useSession } from "./session";

interface LoginForm {
  username: string;
  password: string;
}

/** Only paths inside this app, so a crafted link cannot send the user elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me, reload } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const errorText = useErrorText();
  const next = safeNext(params.get("next"));

  if (me) return <Navigate to={next} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(values.username.trim(), values.password);
      await reload();
      navigate(next, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "unauthenticated") setError(t("login.wrongPassword"));
      else if (caught instanceof ApiError && caught.code === "rate_limited") setError(t("login.rateLimited"));
      else setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        padding: 16,
        background: "linear-gradient(160deg, #102a43 0%, #1f5fa8 100%)",
      }}
    >
      <Card style={{ width: "100%", maxWidth: 380 }} styles={{ body: { padding: 28 } }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start" }}>
          <div>
            <Typography.Title level={2} style={{ margin: 0 }}>
              社区 <span style={{ fontWeight: 400, color: "#5b6b7f" }}>Shequ</span>
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {t("login.tagline")}
            </Typography.Paragraph>
          </div>
          <Button
            size="small"
            type="text"
            data-testid="lang-switch"
            icon={<TranslationOutlined />}
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
          >
            {lang === "zh" ? "EN" : "中文"}
          </Button>
        </div>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
        <div style={{ textAlign: "center", marginTop: 16 }}>
          <Link to="/lookup" data-testid="login-lookup">
            {t("lookup.linkFromLogin")}
          </Link>
        </div>
      </Card>
    </div>
  );
}
