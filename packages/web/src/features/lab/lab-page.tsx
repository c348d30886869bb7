import { Badge, Card, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { ReceivePanel } from "../boxes/receive-panel";
import { BatchesTab } from "./batches-tab";
import { ConflictsTab } from "./conflicts-tab";
import { fetchConflicts } from "./lab-api";
import { TokensTab } from "./tokens-tab";
import { UploadTab } from "./upload-tab";

const TABS = ["upload", "batches", "conflicts", "tokens", "receive"] as const;
type TabKey = (typeof TABS)[number];

/**
 * The lab's desk: results in by file (checked first, every problem line explained), the batches
 * sent, conflicts to settle, the machines' tokens, and the receipt of sample boxes.
 */
export function LabPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [tick, setTick] = useState(0);
  const open = useApi((signal) => fetchConflicts("open", signal), [tick]);
  const tabParam = params.get("tab");
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : "upload";

  if (!can("lab.results")) return <ForbiddenResult />;
  const changed = () => setTick((n) => n + 1);
  const openConflicts = open.data?.items.length ?? 0;

  return (
    <>
      <PageTitle title={t("lab.title")} sub={t("lab.subtitle")} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            {
              key: "upload",
              label: <span data-testid="tab-lab-upload">{t("lab.tabs.upload")}</span>,
              children: <UploadTab onApplied={changed} />,
            },
            {
              key: "batches",
              label: <span data-testid="tab-lab-batches">{t("lab.tabs.batches")}</span>,
              children: <BatchesTab tick={tick} />,
            },
            {
              key: "conflicts",
              label: (
                <span data-testid="tab-lab-conflicts">
                  {t("lab.tabs.conflicts")}{" "}
                  {openConflicts > 0 && <Badge count={openConflicts} overflowCount={999} />}
                </span>
              ),
              children: <ConflictsTab tick={tick} onSettled={changed} />,
            },
            {
              key: "tokens",
              label: <span data-testid="tab-lab-tokens">{t("lab.tabs.tokens")}</span>,
              children: <TokensTab />,
            },
            {
              key: "receive",
              label: <span data-testid="tab-lab-receive">{t("lab.tabs.receive")}</span>,
              children: <ReceivePanel />,
            },
          ]}
        />
      </Card>
    </>
  );
}
