import { Alert, Button, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { BoxListCard } from "./box-list";
import { BoxScanInput } from "./box-scan-input";
import type { BoxPoint } from "./boxes-api";
import { CurrentBoxCard } from "./current-box-card";
import { HandOverModal } from "./hand-over-modal";
import { ManifestModal } from "./manifest-sheet";
import { ScanFeedback } from "./scan-feedback";
import { usePacking } from "./use-packing";

/**
 * Packing at one point: one scanner input that takes box labels and tubes, the verdict banner,
 * the box in hand, and the point's boxes. Side by side on a laptop, one above the other on a
 * tablet held upright or a phone.
 */
export function PackingScreen({ point }: { point: BoxPoint }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const packing = usePacking(point);
  const [handingOver, setHandingOver] = useState(false);
  const [manifestOf, setManifestOf] = useState<string>();
  const { list, detail } = packing;

  if (packing.loadError && !list) {
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(packing.loadError)}
        action={<Button onClick={packing.reload}>{t("common.retry")}</Button>}
      />
    );
  }
  if (!list) {
    return (
      <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
        <Spin size="large" />
      </div>
    );
  }
  const box = detail?.box;
  const idle = !box
    ? t("boxes.ready")
    : box.status === "packing"
      ? t("boxes.readyPacking", { box: box.barcode })
      : t("boxes.readySealed", { box: box.barcode });

  return (
    <div
      data-testid="packing"
      style={{
        display: "grid",
        gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 420px), 1fr))",
        gap: 16,
      }}
    >
      <section style={{ display: "flex", flexDirection: "column", gap: 12, minWidth: 0 }}>
        <BoxScanInput
          testId="boxes-input"
          placeholder={t("boxes.inputPlaceholder")}
          paused={handingOver || !!manifestOf}
          onEntry={packing.onEntry}
        />
        <ScanFeedback testId="boxes-feedback" feedback={packing.feedback} idle={idle} />
        <CurrentBoxCard
          detail={detail}
          waiting={list.waiting}
          busy={packing.busy}
          onRemove={packing.remove}
          onSeal={packing.seal}
          onHandOver={() => setHandingOver(true)}
          onManifest={() => box && setManifestOf(box.id)}
          onPutDown={packing.putDown}
        />
      </section>
      <section style={{ minWidth: 0 }}>
        <BoxListCard list={list} currentId={box?.id} onOpen={packing.open} />
      </section>
      <HandOverModal
        open={handingOver}
        box={box?.barcode ?? ""}
        tubes={box?.tubes ?? 0}
        onCancel={() => setHandingOver(false)}
        onConfirm={async (courier, phone) => {
          await packing.handOver(courier, phone);
          setHandingOver(false);
        }}
      />
      <ManifestModal boxId={manifestOf} onClose={() => setManifestOf(undefined)} />
    </div>
  );
}
