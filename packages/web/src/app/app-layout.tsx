import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  MenuOutlined,
  ScanOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { Permission } from "@shequ/core/roles";
import { Button, Drawer, Grid, Layout, Menu, type MenuProps } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useSession } from "../features/auth/session";
import { HeaderBar } from "./header-bar";

interface NavItem {
  key: string;
  to: string;
  icon: ReactNode;
  testId: string;
  label:
    | "nav.home"
    | "nav.registry"
    | "nav.residents"
    | "nav.campaigns"
    | "nav.imports"
    | "nav.users"
    | "nav.audit"
    | "nav.station"
    | "nav.boxes"
    | "nav.lab"
    | "nav.recalls"
    | "nav.workers"
    | "nav.shifts"
    | "nav.attendance"
    | "nav.command"
    | "nav.missing"
    | "nav.points"
    | "nav.reports";
  permission?: Permission;
}

const NAV: NavItem[] = [
  { key: "home", to: "/", icon: <HomeOutlined />, testId: "nav-home", label: "nav.home" },
  {
    key: "regions",
    to: "/regions",
    icon: <ApartmentOutlined />,
    testId: "nav-registry",
    label: "nav.registry",
    permission: "resident.read",
  },
  {
    key: "residents",
    to: "/residents",
    icon: <TeamOutlined />,
    testId: "nav-residents",
    label: "nav.residents",
    permission: "resident.read",
  },
  {
    key: "campaigns",
    to: "/campaigns",
    icon: <ExperimentOutlined />,
    testId: "nav-campaigns",
    label: "nav.campaigns",
    permission: "campaign.read",
  },
  {
    key: "command",
    to: "/command",
    icon: <DashboardOutlined />,
    testId: "nav-command",
    label: "nav.command",
    permission: "campaign.read",
  },
  {
    key: "missing",
    to: "/missing",
    icon: <FileSearchOutlined />,
    testId: "nav-missing",
    label: "nav.missing",
    permission: "missing.followup",
  },
  {
    key: "points",
    to: "/points",
    icon: <EnvironmentOutlined />,
    testId: "nav-points",
    label: "nav.points",
    permission: "campaign.read",
  },
  {
    key: "reports",
    to: "/reports",
    icon: <BarChartOutlined />,
    testId: "nav-reports",
    label: "nav.reports",
    permission: "campaign.read",
  },
  {
    // Opens the full-screen station page, outside this layout.
    key: "station",
    to: "/station",
    icon: <ScanOutlined />,
    testId: "nav-station",
    label: "nav.station",
    permission: "station.scan",
  },
  {
    key: "boxes",
    to: "/boxes",
    icon: <InboxOutlined />,
    testId: "nav-boxes",
    label: "nav.boxes",
    permission: "sample.transport",
  },
  {
    key: "lab",
    to: "/lab",
    icon: <FileDoneOutlined />,
    testId: "nav-lab",
    label: "nav.lab",
    permission: "lab.results",
  },
  {
    key: "recalls",
    to: "/recalls",
    icon: <AlertOutlined />,
    testId: "nav-recalls",
    label: "nav.recalls",
    permission: "recall.manage",
  },
  {
    key: "workers",
    to: "/workers",
    icon: <IdcardOutlined />,
    testId: "nav-workers",
    label: "nav.workers",
    permission: "workforce.manage",
  },
  {
    key: "shifts",
    to: "/shifts",
    icon: <ScheduleOutlined />,
    testId: "nav-shifts",
    label: "nav.shifts",
    permission: "workforce.manage",
  },
  {
    key: "attendance",
    to: "/attendance",
    icon: <FieldTimeOutlined />,
    testId: "nav-attendance",
    label: "nav.attendance",
    permission: "workforce.checkin",
  },
  {
    key: "imports",
    to: "/imports",
    icon: <CloudUploadOutlined />,
    testId: "nav-imports",
    label: "nav.imports",
    permission: "resident.import",
  },
  {
    key: "users",
    to: "/users",
    icon: <UserOutlined />,
    testId: "nav-users",
    label: "nav.users",
    permission: "user.manage",
  },
  {
    key: "audit",
    to: "/audit",
    icon: <AuditOutlined />,
    testId: "nav-audit",
    label: "nav.audit",
    permission: "audit.read",
  },
];

function sectionOf(pathname: string): string {
  const first = pathname.split("/")[1] ?? "";
  if (first === "") return "home";
  if (first === "households") return "regions";
  return first;
}

/** The shell: a left menu (a drawer on phones), the header, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { can } = useSession();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.lg === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items: MenuProps["items"] = NAV.filter((n) => !n.permission || can(n.permission)).map((n) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.to} data-testid={n.testId} onClick={() => setDrawerOpen(false)}>
        {t(n.label)}
      </Link>
    ),
  }));
  const menu = (
    <Menu theme="dark" mode="inline" selectedKeys={[sectionOf(location.pathname)]} items={items} />
  );
  const brand = (
    <div style={{ color: "#fff", padding: "18px 24px", fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>
      {t("common.appName")}
    </div>
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {isPhone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: "#102a43" } }}
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={208} style={{ position: "sticky", top: 0, height: "100vh" }}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            position: "sticky",
            top: 0,
            zIndex: 10,
            display: "flex",
            alignItems: "center",
            gap: 8,
            borderBottom: "1px solid #e5e9f0",
            height: 56,
            lineHeight: "56px",
          }}
        >
          {isPhone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t("nav.menu")}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <HeaderBar compact={isPhone} />
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
