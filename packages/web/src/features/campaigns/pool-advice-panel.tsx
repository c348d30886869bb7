import { cheapestPoolSize, poolAdvice } from "@shequ/core/pool-size-advice";
import { Button, InputNumber, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * 混管建议: tests and re-samples per 10,000 people for 5-, 10- and 20-in-1 at the prevalence the
 * officer expects, the cheapest marked, and a button to take it as the round's pool size.
 */
export function PoolAdvicePanel({ onPick }: { onPick: (poolSize: 5 | 10 | 20) => void }) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number>(0.1);
  const p = Math.min(Math.max(percent, 0), 100) / 100;
  const best = cheapestPoolSize(p);
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
          onChange={(v) => setPercent(typeof v === "number" ? v : 0)}
          addonAfter="%"
          data-testid="pool-advice-prevalence"
        />
        <span style={{ color: "#627d98" }}>{t("campaigns.poolAdvice.hint")}</span>
      </Space>
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
                {r.poolSize === best && <Tag color="green">{t("campaigns.poolAdvice.cheapest")}</Tag>}
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
