import { EditOutlined, PlusOutlined, TeamOutlined, UserAddOutlined } from "@ant-design/icons";
import { childLevel, REGION_LEVEL_LABELS } from "@shequ/core/regions";
import { Alert, Button, Card, Descriptions, Result, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { ChildrenTable } from "./children-table";
import { HouseholdsGrid } from "./households-grid";
import { RegionBreadcrumb } from "./region-breadcrumb";
import { RegionNameModal } from "./region-name-modal";
import { fetchRegion, fetchRoots, type RegionCrumb, type RegionDetail } from "./regions-api";

/** The breadcrumb ending at the region itself, whether or not the server included it. */
export function crumbsOf(region: RegionDetail): RegionCrumb[] {
  const last = region.breadcrumb.at(-1);
  if (last?.id === region.id) return region.breadcrumb;
  return [...region.breadcrumb, { id: region.id, level: region.level, name: region.name }];
}

export function RegionPage() {
  const { id } = useParams();
  return id ? <RegionView key={id} id={id} /> : <RootsView />;
}

/** Without an id: the top of what the user may see; one root opens directly. */
function RootsView() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const roots = useApi((signal) => fetchRoots(signal), []);
  if (roots.loading) return <Spin />;
  if (roots.error) return <Alert type="error" showIcon title={errorText(roots.error)} />;
  const items = roots.data?.items ?? [];
  if (items.length === 1 && items[0]) return <Navigate to={`/regions/${items[0].id}`} replace />;
  return (
    <>
      <PageTitle title={t("regions.title")} />
      <Card size="small">
        <ChildrenTable items={items} loading={false} />
      </Card>
    </>
  );
}

function RegionView({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const errorText = useErrorText();
  const region = useApi((signal) => fetchRegion(id, signal), [id]);
  const [modal, setModal] = useState<"add" | "rename" | null>(null);
  const [listVersion, setListVersion] = useState(0);

  if (region.error) {
    if (region.error.code === "not_found" || region.error.code === "forbidden") {
      return (
        <Result
          status="404"
          title={t("regions.notFound")}
          extra={<Link to="/regions">{t("regions.backToTop")}</Link>}
        />
      );
    }
    return <Alert type="error" showIcon title={errorText(region.error)} />;
  }
  const data = region.data;
  if (!data) return <Spin />;

  const below = childLevel(data.level);
  const levelLabel = pickLabel(REGION_LEVEL_LABELS[data.level], lang);
  const belowLabel = below ? pickLabel(REGION_LEVEL_LABELS[below], lang) : "";
  const isUnit = data.level === "unit";

  return (
    <>
      <RegionBreadcrumb crumbs={crumbsOf(data)} />
      <PageTitle
        title={data.name}
        sub={levelLabel}
        extra={
          <>
            <Link to={`/residents?regionId=${data.id}`}>
              <Button icon={<TeamOutlined />} data-testid="region-residents">
                {t("regions.residentsHere")}
              </Button>
            </Link>
            {isUnit && can("resident.write") && (
              <Link to={`/residents/new?unitId=${data.id}`}>
                <Button icon={<UserAddOutlined />} data-testid="region-new-resident">
                  {t("regions.newResidentHere")}
                </Button>
              </Link>
            )}
            {can("region.write") && (
              <Button icon={<EditOutlined />} onClick={() => setModal("rename")}>
                {t("regions.rename")}
              </Button>
            )}
            {below && can("region.write") && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setModal("add")}
                data-testid="region-add-child"
              >
                {t("regions.addChild", { level: belowLabel })}
              </Button>
            )}
          </>
        }
      />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: "residents",
            label: t("regions.residents"),
            children: data.counts.residents.toLocaleString(),
          },
          {
            key: "households",
            label: t("regions.households"),
            children: data.counts.households.toLocaleString(),
          },
          ...(below
            ? [{ key: "children", label: belowLabel, children: data.counts.children.toLocaleString() }]
            : []),
        ]}
      />
      <Card
        size="small"
        title={isUnit ? t("regions.householdsTitle") : t("regions.childrenTitle", { level: belowLabel })}
      >
        {isUnit ? (
          <HouseholdsGrid unitId={data.id} />
        ) : (
          <ChildrenTable regionId={data.id} version={listVersion} />
        )}
      </Card>
      {modal && (
        <RegionNameModal
          mode={modal}
          region={data}
          onClose={() => setModal(null)}
          onDone={() => {
            setModal(null);
            region.reload();
            setListVersion((v) => v + 1);
          }}
        />
      )}
    </>
  );
}
