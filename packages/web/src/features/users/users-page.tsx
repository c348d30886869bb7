import { LockOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { ROLE_LABELS, ROLES, type Role } from "@shequ/core/roles";
import { Alert, App, Button, Card, Input, Select, Switch, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useMe, useSession } from "../auth/session";
import { PasswordModal } from "./password-modal";
import { UserFormModal } from "./user-form-modal";
import { findUsers, USERS_PAGE_SIZE, type UserItem, updateUser } from "./users-api";

/** Accounts: who may sign in, in which role, over which area. */
export function UsersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<UserItem | "new" | null>(null);
  const [passwordFor, setPasswordFor] = useState<UserItem | null>(null);
  const users = useApi((signal) => findUsers({ q, role, page }, signal), [q, role, page]);

  if (!can("user.manage")) return <ForbiddenResult />;

  const toggleActive = async (user: UserItem, active: boolean) => {
    try {
      await updateUser(user.id, { active });
      message.success(active ? t("users.activated") : t("users.deactivated"));
      users.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <>
      <PageTitle
        title={t("users.title")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing("new")}
            data-testid="user-new"
          >
            {t("users.new")}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Input
            allowClear
            prefix={<SearchOutlined style={{ color: "#8a97a8" }} />}
            placeholder={t("users.searchPlaceholder")}
            style={{ flex: "1 1 240px", maxWidth: 360 }}
            onPressEnter={(event) => {
              setQ(event.currentTarget.value);
              setPage(1);
            }}
            onChange={(event) => {
              if (event.target.value === "" && q !== "") {
                setQ("");
                setPage(1);
              }
            }}
            data-testid="user-search"
          />
          <Select<Role>
            allowClear
            placeholder={t("users.roleFilter")}
            style={{ flex: "0 1 200px" }}
            value={role}
            onChange={(value) => {
              setRole(value);
              setPage(1);
            }}
            options={ROLES.map((r) => ({ value: r, label: pickLabel(ROLE_LABELS[r], lang) }))}
          />
        </div>
      </Card>
      {users.error && (
        <Alert type="error" showIcon title={errorText(users.error)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<UserItem>
          rowKey="id"
          size="small"
          loading={users.loading}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: USERS_PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => t("common.total", { count: total }),
            style: { padding: "0 12px" },
          }}
          columns={[
            {
              key: "displayName",
              title: t("users.displayName"),
              dataIndex: "displayName",
              render: (v: string) => <strong>{v}</strong>,
            },
            {
              key: "username",
              title: t("users.username"),
              dataIndex: "username",
              render: (v: string) => <span className="mono">{v}</span>,
            },
            {
              key: "role",
              title: t("users.role"),
              dataIndex: "role",
              render: (r: Role) => <Tag color="blue">{pickLabel(ROLE_LABELS[r], lang, r)}</Tag>,
            },
            {
              key: "scope",
              title: t("users.scope"),
              render: (_: unknown, u) =>
                u.scope ? (
                  <span title={u.scope.path}>{u.scope.path || u.scope.name}</span>
                ) : (
                  <Typography.Text type="secondary">{t("header.wholeSystem")}</Typography.Text>
                ),
            },
            {
              key: "lastLoginAt",
              title: t("users.lastLogin"),
              dataIndex: "lastLoginAt",
              render: (v: string | null | undefined) => (v ? dayjs(v).format("YYYY-MM-DD HH:mm") : "—"),
            },
            {
              key: "active",
              title: t("users.active"),
              dataIndex: "active",
              width: 90,
              render: (active: boolean, u) => (
                <Switch
                  checked={active}
                  disabled={u.id === me.id}
                  onChange={(checked) => void toggleActive(u, checked)}
                  aria-label={t("users.active")}
                />
              ),
            },
            {
              key: "actions",
              title: t("common.actions"),
              width: 170,
              render: (_: unknown, u) => (
                <span style={{ display: "inline-flex", gap: 4 }}>
                  <Button size="small" type="link" onClick={() => setEditing(u)}>
                    {t("common.edit")}
                  </Button>
                  <Button size="small" type="link" icon={<LockOutlined />} onClick={() => setPasswordFor(u)}>
                    {t("users.resetPassword")}
                  </Button>
                </span>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <UserFormModal
          user={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            users.reload();
          }}
        />
      )}
      {passwordFor && <PasswordModal user={passwordFor} onClose={() => setPasswordFor(null)} />}
    </>
  );
}
