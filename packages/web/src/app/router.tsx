import { createBrowserRouter } from "react-router";
import { LoginPage } from "../features/auth/login-page";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { PageLoading } from "./page-loading";
import { RequireSession } from "./require-session";
import { RouteError } from "./route-error";

// Pages load on demand so the sign-in screen stays small on a slow phone connection.
export const router = createBrowserRouter([
  { path: "/login", Component: LoginPage },
  {
    // A citizen volunteers for their community: a public page, no account.
    path: "/join/:communityId",
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    lazy: () => import("../features/workers/join-page").then((m) => ({ Component: m.JoinPage })),
  },
  {
    // A worker's own shifts, opened from the link or QR on their badge; no account.
    path: "/my/:badgeCode",
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    lazy: () => import("../features/shifts/my-shifts-page").then((m) => ({ Component: m.MyShiftsPage })),
  },
  {
    // Residents look up their own result here, without an account.
    path: "/lookup",
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    lazy: () => import("../features/result-lookup/lookup-page").then((m) => ({ Component: m.LookupPage })),
  },
  {
    // Printable sheets: behind the session, outside the app chrome, so print preview shows only the sheet.
    path: "/print",
    Component: RequireSession,
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    children: [
      {
        path: "campaigns/:id/buildings/:buildingId/sheet",
        lazy: () =>
          import("../features/campaigns/print/building-sheet-page").then((m) => ({
            Component: m.BuildingSheetPage,
          })),
      },
      {
        path: "campaigns/:id/buildings/:buildingId/notices",
        lazy: () =>
          import("../features/campaigns/print/household-notices-page").then((m) => ({
            Component: m.HouseholdNoticesPage,
          })),
      },
      {
        path: "campaigns/:id/sheets",
        lazy: () =>
          import("../features/campaigns/print/all-sheets-page").then((m) => ({ Component: m.AllSheetsPage })),
      },
      {
        path: "workers/badges",
        lazy: () =>
          import("../features/workers/badges-print-page").then((m) => ({ Component: m.BadgesPrintPage })),
      },
      {
        path: "campaigns/:id/home-runs",
        lazy: () =>
          import("../features/campaigns/print/home-runs-print-page").then((m) => ({
            Component: m.HomeRunsPrintPage,
          })),
      },
      {
        path: "campaigns/:id/report",
        lazy: () =>
          import("../features/reports/report-print-page").then((m) => ({ Component: m.ReportPrintPage })),
      },
      { path: "*", Component: NotFoundPage },
    ],
  },
  {
    // The collection-point station: full screen, and its own guard so it opens offline (see the page).
    path: "/station",
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    lazy: () => import("../features/station/station-page").then((m) => ({ Component: m.StationPage })),
  },
  {
    path: "/",
    Component: RequireSession,
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    children: [
      {
        Component: AppLayout,
        children: [
          {
            index: true,
            lazy: () => import("../features/home/home-page").then((m) => ({ Component: m.HomePage })),
          },
          {
            path: "regions/:id?",
            lazy: () => import("../features/regions/region-page").then((m) => ({ Component: m.RegionPage })),
          },
          {
            path: "households/:id",
            lazy: () =>
              import("../features/regions/household-page").then((m) => ({ Component: m.HouseholdPage })),
          },
          {
            path: "command",
            lazy: () =>
              import("../features/command/command-page").then((m) => ({ Component: m.CommandPage })),
          },
          {
            path: "missing",
            lazy: () =>
              import("../features/missing/missing-page").then((m) => ({ Component: m.MissingPage })),
          },
          {
            path: "points",
            lazy: () =>
              import("../features/reports/points-board-page").then((m) => ({ Component: m.PointsBoardPage })),
          },
          {
            path: "reports",
            lazy: () => import("../features/reports/report-page").then((m) => ({ Component: m.ReportPage })),
          },
          {
            path: "workers",
            lazy: () =>
              import("../features/workers/workers-page").then((m) => ({ Component: m.WorkersPage })),
          },
          {
            path: "shifts",
            lazy: () => import("../features/shifts/shifts-page").then((m) => ({ Component: m.ShiftsPage })),
          },
          {
            path: "attendance",
            lazy: () =>
              import("../features/shifts/attendance-page").then((m) => ({ Component: m.AttendancePage })),
          },
          {
            path: "boxes",
            lazy: () => import("../features/boxes/boxes-page").then((m) => ({ Component: m.BoxesPage })),
          },
          {
            path: "lab",
            lazy: () => import("../features/lab/lab-page").then((m) => ({ Component: m.LabPage })),
          },
          {
            path: "recalls",
            lazy: () =>
              import("../features/recalls/recalls-page").then((m) => ({ Component: m.RecallsPage })),
          },
          {
            path: "residents",
            lazy: () =>
              import("../features/residents/residents-page").then((m) => ({ Component: m.ResidentsPage })),
          },
          {
            path: "residents/new",
            lazy: () =>
              import("../features/residents/new-resident-page").then((m) => ({
                Component: m.NewResidentPage,
              })),
          },
          {
            path: "residents/:id",
            lazy: () =>
              import("../features/residents/resident-page").then((m) => ({ Component: m.ResidentPage })),
          },
          {
            path: "campaigns",
            lazy: () =>
              import("../features/campaigns/campaigns-page").then((m) => ({ Component: m.CampaignsPage })),
          },
          {
            path: "campaigns/new",
            lazy: () =>
              import("../features/campaigns/new-campaign-page").then((m) => ({
                Component: m.NewCampaignPage,
              })),
          },
          {
            path: "campaigns/:id",
            lazy: () =>
              import("../features/campaigns/campaign-page").then((m) => ({ Component: m.CampaignPage })),
          },
          {
            path: "imports",
            lazy: () => import("../features/imports/import-page").then((m) => ({ Component: m.ImportPage })),
          },
          {
            path: "users",
            lazy: () => import("../features/users/users-page").then((m) => ({ Component: m.UsersPage })),
          },
          {
            path: "audit",
            lazy: () => import("../features/audit/audit-page").then((m) => ({ Component: m.AuditPage })),
          },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
]);
