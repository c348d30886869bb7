import { UserAddOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { HouseholdSlotCard } from "../campaigns/household-slot-card";
import { ResidentRoundStatusCard } from "../recalls/resident-round-status-card";
import { ResidentMembersTable } from "../residents/resident-members-table";
import { RegionBreadcrumb } from "./region-breadcrumb";
import { fetchHousehold, type HouseholdDetail, type RegionCrumb } from "./regions-api";

const LEVELS = ["community", "grid", "building", "unit"] as const;

/** The chain above a household as breadcrumb links, from the address the server sends. */
function crumbsOfAddress(address: HouseholdDetail["address"]): RegionCrumb[] {
  return LEVELS.map((level) => ({ id: address[level].id, name: address[level].name, level }));
}

/** One household: its address, door and members, each member opening the resident. */
export function HouseholdPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const household = useApi((signal) => fetchHousehold(id, signal), [id]);

  if (household.error) {
    if (household.error.code === "not_found" || household.error.code === "forbidden") {
      return <Result status="404" title={t("regions.householdNotFound")} />;
    }
    return <Alert type="error" showIcon title={errorText(household.error)} />;
  }
  const data = household.data;
  if (!data) return <Spin />;
  const crumbs = crumbsOfAddress(data.address);
  const unitId = data.address.unit.id;

  return (
    <>
      <RegionBreadcrumb crumbs={crumbs} tail={data.door} />
      <PageTitle
        title={t("regions.householdTitle", { door: data.door })}
        sub={crumbs.map((c) => c.name).join(" ")}
        extra={
          can("resident.write") && unitId ? (
            <Link to={`/residents/new?unitId=${unitId}&door=${encodeURIComponent(data.door)}`}>
              <Button type="primary" icon={<UserAddOutlined />} data-testid="household-new-resident">
                {t("regions.newResidentInHousehold")}
              </Button>
            </Link>
          ) : null
        }
      />
      <HouseholdSlotCard householdId={data.id} />
      <ResidentRoundStatusCard residents={data.residents} />
      <Card size="small" title={t("regions.members", { count: data.residents.length })}>
        <ResidentMembersTable items={data.residents} />
      </Card>
    </>
  );
}
