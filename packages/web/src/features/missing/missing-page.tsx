import { ReloadOutlined } from "@ant-design/icons";
import {
  MISSING_VIEWS,
  type MissingCounts,
  type MissingPerson,
  type MissingUpdate,
  type MissingView,
} from "@shequ/core/missing-schema";
import { Alert, Button, Card, Empty, Input, Pagination, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { RoundSelect, useRoundParam } from "../campaigns/round-select";
import { ExportButtons } from "./export-button";
import { GridList, GridSelect } from "./grid-picker";
import { fetchMissing } from "./missing-api";
import { PeopleList } from "./people-list";
import { ViewTabs } from "./view-tabs";
import "./missing.css";

/**
 * The missing list (漏检) of a round, one grid at a time, for the grid worker going door to door
 * and phoning at the end of the day: who is not sampled yet, who is exempted and why, and who came
 * last round but not this one. Round, grid, list, search and page live in the address.
 */
export function MissingPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const allowed = can("missing.followup");
  const { rounds, loading, campaignId, params, update } = useRoundParam(allowed);
  const gridId = params.get("gridId") ?? undefined;
  const view: MissingView = MISSING_VIEWS.find((v) => v === params.get("view")) ?? "missing";
  const q = params.get("q") ?? undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = useApi(
    (signal) =>
      allowed && campaignId
        ? fetchMissing(campaignId, { gridId, view, q, page }, signal)
        : Promise.resolve(undefined),
    [allowed, campaignId, gridId, view, q, page],
  );
  // Calls recorded since the page loaded: the card changes in place (a wrong tap stays in sight).
  const [edits, setEdits] = useState<Record<string, MissingPerson>>({});
  const [counts, setCounts] = useState<MissingCounts>();
  const [search, setSearch] = useState(q ?? "");
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer replaces the local edits
  useEffect(() => {
    setEdits({});
    setCounts(undefined);
  }, [list.data]);
  useEffect(() => setSearch(q ?? ""), [q]);

  if (!allowed) return <ForbiddenResult />;

  const data = list.data;
  const grid = data?.grid ?? null;
  const shownCounts = counts ?? data?.counts;
  const people = (data?.items ?? []).map((p) => edits[p.residentId] ?? p);
  const onChange = (u: MissingUpdate) => {
    setEdits((e) => ({ ...e, [u.person.residentId]: u.person }));
    setCounts(u.counts);
  };
  const go = (changes: Record<string, string | undefined>) => {
    update({ page: undefined, ...changes });
    window.scrollTo({ top: 0 });
  };

  return (
    <div className="missing-page">
      <PageTitle
        title={t("missing.title")}
        sub={
          grid ? `${grid.communityName} ${grid.name} · ${data?.campaign.name ?? ""}` : t("missing.subtitle")
        }
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="missing-reload">
              {t("missing.reload")}
            </Button>
            {campaignId && grid && (
              <ExportButtons campaignId={campaignId} gridId={grid.id} view={view} q={q} />
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="missing-filters">
          <RoundSelect
            rounds={rounds}
            loading={loading}
            value={campaignId}
            onChange={(id) => go({ campaignId: id, gridId: undefined, q: undefined })}
            testId="missing-round"
          />
          {data && data.grids.length > 1 && (
            <GridSelect
              grids={data.grids}
              value={grid?.id}
              onChange={(id) => go({ gridId: id, q: undefined })}
            />
          )}
        </div>
      </Card>
      {!loading && rounds.length === 0 && <Alert type="info" showIcon title={t("missing.noRounds")} />}
      {list.error && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />
      )}
      {list.loading && !data && campaignId && (
        <div style={{ display: "grid", placeItems: "center", minHeight: 200 }}>
          <Spin size="large" />
        </div>
      )}
      {data && !grid && <GridList grids={data.grids} onPick={(id) => go({ gridId: id })} />}
      {data && grid && shownCounts && campaignId && (
        <>
          <ViewTabs
            value={view}
            counts={shownCounts}
            hasPrevious={data.previousCampaign !== null}
            onChange={(v) => go({ view: v === "missing" ? undefined : v })}
          />
          {(view !== "previous" || data.previousCampaign) && (
            <div className="missing-hint" data-testid="missing-hint">
              {t(`missing.viewHints.${view}`, { round: data.previousCampaign?.name ?? "" })}
            </div>
          )}
          <Input.Search
            size="large"
            allowClear
            value={search}
            placeholder={t("missing.search")}
            enterButton={t("missing.searchButton")}
            onChange={(e) => {
              setSearch(e.target.value);
              if (e.target.value === "" && q) go({ q: undefined });
            }}
            onSearch={(value) => go({ q: value.trim() || undefined })}
            style={{ marginBottom: 8 }}
            data-testid="missing-search"
          />
          <div className="missing-total" data-testid="missing-total">
            {t("missing.total", { count: data.total })}
            {list.loading && <Spin size="small" style={{ marginInlineStart: 8 }} />}
          </div>
          {people.length === 0 ? (
            <Card>
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  q
                    ? t("missing.empty.search")
                    : view === "previous" && !data.previousCampaign
                      ? t("missing.viewHints.previousNone")
                      : t(`missing.empty.${view}`)
                }
              />
            </Card>
          ) : (
            <PeopleList campaignId={campaignId} people={people} onChange={onChange} onStale={list.reload} />
          )}
          {data.total > data.pageSize && (
            <Pagination
              className="missing-pages"
              simple
              current={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onChange={(p) => go({ page: p > 1 ? String(p) : undefined })}
              data-testid="missing-pages"
            />
          )}
        </>
      )}
    </div>
  );
}
