import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { apiGet } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";
import "../campaigns/print/print.css";
import { BadgeCard } from "./badge-card";
import "./badges.css";
import { SignupPoster } from "./signup-poster";
import type { WorkerListItem } from "./workers-api";

type BadgeItem = WorkerListItem & { badgeCode: string };
const PER_PAGE = 8;

/**
 * Printable badge cards, 8 to an A4 page: `?communityId=` prints a community's approved people,
 * `?ids=a,b` the ones picked. `?poster=<communityId>` prints the community's sign-up poster.
 */
export function BadgesPrintPage() {
  const [params] = useSearchParams();
  const poster = params.get("poster");
  if (poster) {
    return (
      <Frame ready>
        <div className="print-page">
          <SignupPoster communityId={poster} />
        </div>
      </Frame>
    );
  }
  return (
    <BadgeSheets communityId={params.get("communityId") ?? undefined} ids={params.get("ids") ?? undefined} />
  );
}

function BadgeSheets(props: { communityId?: string; ids?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const badges = useApi(
    (signal) =>
      apiGet<{ items: BadgeItem[] }>(
        "/workers/badges",
        { communityId: props.communityId, ids: props.ids },
        signal,
      ),
    [props.communityId, props.ids],
  );
  const items = badges.data?.items ?? [];
  const pages: BadgeItem[][] = [];
  for (let i = 0; i < items.length; i += PER_PAGE) pages.push(items.slice(i, i + PER_PAGE));
  return (
    <Frame
      ready={!!badges.data && items.length > 0}
      hint={badges.data && items.length > 0 && t("workers.badges.hint", { count: items.length })}
    >
      {badges.error ? (
        <Alert
          type="error"
          showIcon
          title={errorText(badges.error)}
          style={{ maxWidth: 600, margin: "0 auto" }}
        />
      ) : !badges.data ? (
        <div style={{ display: "grid", placeItems: "center", minHeight: "50vh" }}>
          <Spin size="large" />
        </div>
      ) : items.length === 0 ? (
        <Empty description={t("workers.badges.none")} />
      ) : (
        pages.map((page) => (
          <div key={page[0]?.id} className="print-page">
            <div className="badge-sheet">
              {page.map((w) => (
                <BadgeCard key={w.id} worker={w} badgeCode={w.badgeCode} />
              ))}
            </div>
          </div>
        ))
      )}
    </Frame>
  );
}

function Frame(props: { ready: boolean; hint?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="print-root">
      <div className="print-toolbar">
        <Button icon={<ArrowLeftOutlined />} href="/workers" data-testid="badges-back">
          {t("workers.badges.back")}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!props.ready}
          onClick={() => window.print()}
          data-testid="print-button"
        >
          {t("workers.badges.print")}
        </Button>
        {props.hint && <span className="print-hint">{props.hint}</span>}
      </div>
      {props.children}
    </div>
  );
}
