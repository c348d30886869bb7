import { ArrowLeftOutlined, EditOutlined, ExportOutlined, ImportOutlined } from "@ant-design/icons";
import { ID_TYPE_LABELS } from "@shequ/core/id-document";
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Spin, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { EditResidentDrawer } from "./edit-resident-drawer";
import { FlagTags } from "./flag-tags";
import { chinaDate, formatSex } from "./format-resident";
import { MoveOutModal } from "./move-out-modal";
import { ResidentMembersTable } from "./resident-members-table";
import { fetchResident, moveInResident } from "./residents-api";
import { RevealableValue } from "./revealable-value";

/** One resident: masked details with deliberate reveal, household, edit, move out or back in. */
export function ResidentPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const resident = useApi((signal) => fetchResident(id, signal), [id]);
  const [panel, setPanel] = useState<"edit" | "moveOut" | null>(null);

  if (resident.error) {
    if (resident.error.code === "not_found" || resident.error.code === "forbidden") {
      return (
        <Result
          status="404"
          title={t("residents.notFound")}
          extra={<Link to="/residents">{t("residents.backToList")}</Link>}
        />
      );
    }
    return <Alert type="error" showIcon title={errorText(resident.error)} />;
  }
  const r = resident.data;
  if (!r || r.id !== id) return <Spin />;
  const movedOut = r.status === "moved_out";
  const canWrite = can("resident.write");

  const moveIn = async () => {
    try {
      await moveInResident(r.id);
      message.success(t("residents.movedIn"));
      resident.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <div style={{ maxWidth: 1100 }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0, marginBottom: 4 }}
        onClick={() => (window.history.length > 1 ? navigate(-1) : navigate("/residents"))}
      >
        {t("common.back")}
      </Button>
      <PageTitle
        title={
          <span>
            {r.name}{" "}
            {movedOut ? (
              <Tag color="orange">{t("residents.statusMovedOut")}</Tag>
            ) : (
              <Tag color="green">{t("residents.statusActive")}</Tag>
            )}
          </span>
        }
        sub={<FlagTags flags={r.flags} />}
        extra={
          canWrite && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setPanel("edit")} data-testid="resident-edit">
                {t("common.edit")}
              </Button>
              {movedOut ? (
                <Popconfirm
                  title={t("residents.moveInConfirm", { name: r.name })}
                  okText={t("residents.moveIn")}
                  cancelText={t("common.cancel")}
                  onConfirm={moveIn}
                >
                  <Button icon={<ImportOutlined />} data-testid="resident-move-in">
                    {t("residents.moveIn")}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  danger
                  icon={<ExportOutlined />}
                  onClick={() => setPanel("moveOut")}
                  data-testid="resident-move-out"
                >
                  {t("residents.moveOut")}
                </Button>
              )}
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: "idType",
              label: t("residents.idType"),
              children: pickLabel(ID_TYPE_LABELS[r.idType], lang, r.idType),
            },
            {
              key: "idNumber",
              label: t("residents.idNumber"),
              children: (
                <RevealableValue
                  key={`${r.id}-${r.version}-id`}
                  residentId={r.id}
                  field="idNumber"
                  masked={r.idNumberMasked}
                />
              ),
            },
            {
              key: "phone",
              label: t("residents.phone"),
              children: (
                <RevealableValue
                  key={`${r.id}-${r.version}-phone`}
                  residentId={r.id}
                  field="phone"
                  masked={r.phoneMasked}
                />
              ),
            },
            { key: "sex", label: t("residents.sex"), children: formatSex(r.sex, t) || "—" },
            {
              key: "birthDate",
              label: t("residents.birthDate"),
              children: r.birthDate
                ? `${r.birthDate}（${t("residents.ageYears", { count: r.age ?? 0 })}）`
                : "—",
            },
            {
              key: "address",
              label: t("residents.address"),
              children: (
                <Link to={`/households/${r.householdId}`} data-testid="resident-household-link">
                  {r.address}
                </Link>
              ),
            },
            ...(movedOut && r.movedOutAt
              ? [
                  {
                    key: "movedOutAt",
                    label: t("residents.movedOutAt"),
                    children: chinaDate(r.movedOutAt),
                  },
                ]
              : []),
            { key: "note", label: t("residents.note"), children: r.note || "—", span: "filled" as const },
          ]}
        />
      </Card>
      <Card size="small" title={t("residents.householdMembers")}>
        <ResidentMembersTable items={r.householdMembers ?? []} currentId={r.id} />
      </Card>
      {panel === "edit" && (
        <EditResidentDrawer
          resident={r}
          onClose={() => setPanel(null)}
          onSaved={() => {
            setPanel(null);
            resident.reload();
          }}
        />
      )}
      {panel === "moveOut" && (
        <MoveOutModal
          resident={r}
          onClose={() => setPanel(null)}
          onDone={() => {
            setPanel(null);
            resident.reload();
          }}
        />
      )}
    </div>
  );
}
