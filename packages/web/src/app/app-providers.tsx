import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect } from "react";
import { RouterProvider } from "react-router";
import { SessionProvider } from "../features/auth/session";
import { useLang } from "./i18n/setup-i18n";
import { router } from "./router";
import { theme } from "./theme";

/** Language-aware antd and dayjs, the session, and the router. */
export function AppProviders() {
  const lang = useLang();
  useEffect(() => {
    dayjs.locale(lang === "en" ? "en" : "zh-cn");
  }, [lang]);
  return (
    <ConfigProvider locale={lang === "en" ? enUS : zhCN} theme={theme}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
