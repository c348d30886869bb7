import { SwapOutlined, UserAddOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CameraScan, preloadCameraDetector } from "./camera-scan";
import { HouseholdPicker } from "./household-picker";
import { OverrideModal } from "./override-modal";
import { RejectedList } from "./rejected-list";
import { ScanInput } from "./scan-input";
import { SyncBadge } from "./sync-badge";
import { TubeCard } from "./tube-card";
import { useScanActions } from "./use-scan-actions";
import type { Station } from "./use-station";
import { WalkInModal } from "./walk-in-modal";
import "./station.css";

const FEEDBACK_STYLE = {
  ok: { background: "#e6f4ea", color: "#135200", border: "#52c41a" },
  problem: { background: "#fff1f0", color: "#a8071a", border: "#ff4d4f" },
  info: { background: "#e6f4ff", color: "#003a8c", border: "#69b1ff" },
} as const;

/**
 * The scanning screen: one input, the tube in hand, the point's list, and the sync badge. Entries
 * are handled one at a time, each after the screen shows the previous one, so a fast scanner
 * never binds into a tube the screen has not caught up with.
 */
export function ScanScreen({ station }: { station: Station }) {
  const { t } = useTranslation();
  const actions = useScanActions(station);
  const [walkIn, setWalkIn] = useState<{ idNumber?: string }>();
  const queue = useRef<string[]>([]);
  const busy = useRef(false);
  const submitRef = useRef(actions.submit);
  submitRef.current = actions.submit;
  const failRef = useRef(actions.fail);
  failRef.current = actions.fail;
  const rendered = useRef<(() => void)[]>([]);
  useEffect(() => preloadCameraDetector(), []);
  useEffect(() => {
    for (const resolve of rendered.current.splice(0)) resolve();
  });

  const drain = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (let text = queue.current.shift(); text !== undefined; text = queue.current.shift()) {
        try {
          await submitRef.current(text);
        } catch {
          // Only a failed IndexedDB write lands here: nothing was stored, so say so loudly.
          failRef.current();
        }
        // Wait for the render that shows this entry (or 200 ms if it changed nothing).
        await new Promise<void>((resolve) => {
          rendered.current.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    } finally {
      busy.current = false;
    }
  }, []);
  const onEntry = useCallback(
    (text: string) => {
      queue.current.push(text);
      void drain();
    },
    [drain],
  );

  const { loaded, view, index } = station;
  if (!loaded?.bootstrap || !view || !index) return null;
  const { bootstrap } = loaded;
  const people = bootstrap.households.reduce((n, h) => n + h.residents.length, 0);
  const feedback = actions.feedback;
  const tone = feedback ? FEEDBACK_STYLE[feedback.tone] : undefined;

  return (
    <div
      data-testid="station"
      data-station-id={loaded.stationId}
      data-campaign-id={bootstrap.campaign.id}
      data-site-id={bootstrap.site.id}
      style={{ height: "100vh", display: "flex", flexDirection: "column", background: "#f0f4f8" }}
    >
      <header
        style={{
          display: "flex",
          flexWrap: "wrap",
          alignItems: "center",
          gap: 16,
          padding: "12px 24px",
          background: "#102a43",
          color: "#fff",
        }}
      >
        <div style={{ flex: 1, minWidth: 240 }}>
          <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="station-site-name">
            {bootstrap.site.name}
          </div>
          <div style={{ fontSize: 15, opacity: 0.8 }}>
            {bootstrap.campaign.name} ·{" "}
            {t("station.listSize", { households: bootstrap.households.length, people })}
          </div>
        </div>
        <div style={{ background: "#fff", borderRadius: 999, padding: 4 }}>
          <SyncBadge unsynced={view.unsynced} online={station.online} health={station.health} />
        </div>
        {station.health === "signed_out" && (
          <Button size="large" danger href="/login?next=%2Fstation">
            {t("station.signInAgain")}
          </Button>
        )}
        <CameraScan onEntry={onEntry} feedback={actions.feedback} />
        <Button
          size="large"
          icon={<UserAddOutlined />}
          onClick={() => setWalkIn({})}
          data-testid="walkin-open"
        >
          {t("station.walkIn.open")}
        </Button>
        <Button
          size="large"
          icon={<SwapOutlined />}
          onClick={() => void station.leave()}
          data-testid="station-leave"
        >
          {t("station.change")}
        </Button>
      </header>
      {bootstrap.site.closedAt && (
        <div
          data-testid="station-closed"
          style={{
            background: "#fff1f0",
            color: "#a8071a",
            padding: "10px 24px",
            fontSize: 18,
            fontWeight: 600,
          }}
        >
          {t("station.closedPoint")}
        </div>
      )}
      <main
        style={{
          flex: 1,
          minHeight: 0,
          display: "grid",
          gridTemplateColumns: "minmax(0, 3fr) minmax(280px, 2fr)",
          gap: 24,
          padding: 24,
        }}
      >
        <section
          style={{ display: "flex", flexDirection: "column", gap: 16, minWidth: 0, overflowY: "auto" }}
        >
          <ScanInput paused={!!actions.ask || !!walkIn} onEntry={onEntry} />
          <div
            key={feedback?.n ?? 0}
            data-testid="station-feedback"
            data-tone={feedback?.tone ?? ""}
            className={feedback && feedback.tone !== "info" ? `station-feedback-${feedback.tone}` : undefined}
            style={{
              minHeight: 72,
              display: "flex",
              alignItems: "center",
              gap: 16,
              padding: "12px 20px",
              borderRadius: 12,
              fontSize: 24,
              fontWeight: 600,
              background: tone?.background ?? "#fff",
              color: tone?.color ?? "#627d98",
              border: `2px solid ${tone?.border ?? "#e5e9f0"}`,
            }}
          >
            <span style={{ flex: 1 }}>{feedback?.text ?? t("station.ready")}</span>
            {feedback?.walkInIdNumber && (
              <Button size="large" onClick={() => setWalkIn({ idNumber: feedback.walkInIdNumber })}>
                {t("station.walkIn.open")}
              </Button>
            )}
          </div>
          <TubeCard
            view={view}
            index={index}
            describe={actions.describe}
            onSeal={() => void actions.seal()}
            onUndo={() => void actions.undo()}
            single={actions.single}
            onSingle={actions.askSingle}
            onCancelSingle={actions.cancelSingle}
          />
          <RejectedList
            scans={view.rejected}
            setup={loaded.setup ?? { campaignId: bootstrap.campaign.id, siteId: bootstrap.site.id }}
            onResolve={(id) => void station.resolve(id)}
            onOverride={actions.retry}
          />
        </section>
        <aside
          style={{
            background: "#fff",
            borderRadius: 12,
            padding: 16,
            minHeight: 0,
            border: "1px solid #e5e9f0",
          }}
        >
          <HouseholdPicker
            households={bootstrap.households}
            sampled={view.sampled}
            onPick={(p) => void actions.pick(p)}
          />
        </aside>
      </main>
      <OverrideModal
        ask={actions.ask}
        onCancel={() => actions.setAsk(undefined)}
        onConfirm={(reason) => void actions.confirmOverride(reason)}
      />
      <WalkInModal
        open={!!walkIn}
        idNumber={walkIn?.idNumber}
        onClose={() => setWalkIn(undefined)}
        onBind={(w) => {
          setWalkIn(undefined);
          void actions.bindWalkIn(w);
        }}
      />
    </div>
  );
}
