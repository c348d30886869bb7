import { cheapestPoolSize, poolAdvice, poolingPays } from "@shequ/core/pool-size-advice";
import type { PoolHistory } from "@shequ/core/report-schema";
import { Alert, Button, InputNumber, Space, Table, Tag } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../app/use-api";
import { fetchPoolHistory } from "./campaigns-api";

/** A prevalence as the percent field shows it: 6.7 % → 6.7, 0.0123 % → 0.0123. */
const asPercent = (p: number) => Number((p * 100).toPrecision(3));

/**
 * 混管建议: tests and re-samples per 10,000 people for 5-, 10- and 20-in-1 at the prevalence the
 * officer expects, the cheapest marked, and a button to take it as the round's pool size. When the
 * area's last round has pooled results, its share of positive pools sets the starting prevalence
 * and, through `onDefault`, the new round's default pool size (until the officer picks one).
 */
export function PoolAdvicePanel({
  onPick,
  onDefault,
}: {
  onPick: (poolSize: 5 | 10 | 20) => void;
  onDefault?: (poolSize: 5 | 10 | 20) => void;
}) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number>(0.1);
  const touched = useRef(false);
  const history = useApi((signal) => fetchPoolHistory(signal), []);
  const last = history.data?.lastRound ?? null;
  useEffect(() => {
    if (!last || touched.current) return;
    setPercent(asPercent(last.prevalence));
    if (poolingPays(last.prevalence)) onDefault?.(cheapestPoolSize(last.prevalence) as 5 | 10 | 20);
  }, [last, onDefault]);
  const p = Math.min(Math.max(percent, 0), 100) / 100;
  const best = cheapestPoolSize(p);
  const pays = poolingPays(p);
  const rows = poolAdvice(p).map((a) => ({
    key: a.poolSize,
    poolSize: a.poolSize,
    tests: Math.round(a.testsPerPerson * 10_000),
    resamples: Math.round(a.resamplesPerPerson * 10_000),
  }));
  return (
    <div
      data-testid="pool-advice"
      style={{ background: "#f6f8fb", borderRadius: 8, padding: 12, marginBottom: 16 }}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t("campaigns.poolAdvice.prevalence")}</span>
        <InputNumber
          min={0}
          max={100}
          step={0.05}
          value={percent}
          onChange={(v) => {
            touched.current = true;
            setPercent(typeof v === "number" ? v : 0);
          }}
          addonAfter="%"
          data-testid="pool-advice-prevalence"
        />
        <span style={{ color: "#627d98" }}>{t("campaigns.poolAdvice.hint")}</span>
      </Space>
      {last && <LastRound last={last} onUse={() => setPercent(asPercent(last.prevalence))} />}
      {!pays && (
        <Alert
          type="warning"
          showIcon
          title={t("campaigns.poolAdvice.singlesCheaper")}
          style={{ marginBottom: 8 }}
          data-testid="pool-advice-singles"
        />
      )}
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t("campaigns.poolSize"),
            render: (_: unknown, r) => (
              <Space>
                {t("campaigns.poolOption", { count: r.poolSize })}
                {r.poolSize === best && pays && <Tag color="green">{t("campaigns.poolAdvice.cheapest")}</Tag>}
              </Space>
            ),
          },
          { title: t("campaigns.poolAdvice.tests"), dataIndex: "tests", align: "right" },
          { title: t("campaigns.poolAdvice.resamples"), dataIndex: "resamples", align: "right" },
          {
            title: "",
            render: (_: unknown, r) => (
              <Button
                size="small"
                type="link"
                onClick={() => onPick(r.poolSize as 5 | 10 | 20)}
                data-testid={`pool-advice-use-${r.poolSize}`}
              >
                {t("campaigns.poolAdvice.use")}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}

function LastRound({ last, onUse }: { last: NonNullable<PoolHistory["lastRound"]>; onUse: () => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 8 }} data-testid="pool-advice-last-round">
      {t("campaigns.poolAdvice.lastRound", {
        name: last.name,
        tubes: last.pooledTubes.toLocaleString(),
        positive: last.positiveTubes.toLocaleString(),
        rate: asPercent(last.positiveRate),
        size: last.poolSize,
        prevalence: asPercent(last.prevalence),
      })}
      <Button size="small" type="link" onClick={onUse} data-testid="pool-advice-use-last">
        {t("campaigns.poolAdvice.useLastRound")}
      </Button>
    </div>
  );
}
