import { CameraOutlined } from "@ant-design/icons";
import { Alert, Button, Modal } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** The same code read again within this time is the same scan, not a second one. */
const SAME_CODE_MS = 2500;

/**
 * Scanning with the tablet's camera instead of a handheld scanner: each code read goes to the
 * same entry handler as a scanner's Enter, so tubes, QR codes and ID barcodes behave alike.
 */
export function CameraScan({
  onEntry,
  feedback,
}: {
  onEntry: (text: string) => void;
  /** What the station made of the last entry, shown under the picture too. */
  feedback?: { tone: "ok" | "problem" | "info"; text: string };
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const supported = typeof navigator !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
  return (
    <>
      <Button
        size="large"
        icon={<CameraOutlined />}
        disabled={!supported}
        onClick={() => setOpen(true)}
        data-testid="camera-open"
      >
        {t("station.camera.open")}
      </Button>
      <Modal
        open={open}
        title={t("station.camera.title")}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={560}
      >
        {open && <CameraView onEntry={onEntry} />}
        {open && feedback && (
          <div
            data-testid="camera-feedback"
            style={{
              marginTop: 8,
              padding: "8px 12px",
              borderRadius: 8,
              fontSize: 18,
              fontWeight: 600,
              color: feedback.tone === "problem" ? "#a8071a" : feedback.tone === "ok" ? "#135200" : "#003a8c",
              background:
                feedback.tone === "problem" ? "#fff1f0" : feedback.tone === "ok" ? "#e6f4ea" : "#e6f4ff",
            }}
          >
            {feedback.text}
          </div>
        )}
      </Modal>
    </>
  );
}

function CameraView({ onEntry }: { onEntry: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string>();
  const [last, setLast] = useState<string>();
  const entry = useRef(onEntry);
  entry.current = onEntry;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Map<string, number>();
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: "environment", width: { ideal: 1280 } },
          audio: false,
        });
      } catch {
        setProblem(t("station.camera.denied"));
        return;
      }
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      const { createDetector } = await import("./camera-detector");
      const detector = await createDetector().catch(() => undefined);
      if (!detector) {
        setProblem(t("station.camera.noDetector"));
        return;
      }
      // Frames are read from a small canvas we own: a frame of at most 640 px wide decodes in
      // well under a tenth of a second even on a slow tablet.
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("2d", { willReadFrequently: true });
      const tick = async () => {
        if (stopped || !video.current || !context) return;
        const v = video.current;
        if (v.readyState >= 2 && v.videoWidth > 0) {
          const scale = Math.min(1, 640 / v.videoWidth);
          canvas.width = Math.round(v.videoWidth * scale);
          canvas.height = Math.round(v.videoHeight * scale);
          context.drawImage(v, 0, 0, canvas.width, canvas.height);
          const frame = context.getImageData(0, 0, canvas.width, canvas.height);
          const codes = await detector.detect(frame).catch(() => []);
          const now = Date.now();
          for (const { rawValue } of codes) {
            if (!rawValue || (seen.get(rawValue) ?? 0) > now - SAME_CODE_MS) continue;
            seen.set(rawValue, now);
            setLast(rawValue.length > 24 ? `${rawValue.slice(0, 24)}…` : rawValue);
            entry.current(rawValue);
          }
        }
        timer = setTimeout(() => void tick(), 250);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [t]);

  return (
    <div>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <video
        ref={video}
        muted
        playsInline
        data-testid="camera-video"
        style={{ width: "100%", borderRadius: 8, background: "#000", aspectRatio: "4 / 3" }}
      />
      <div style={{ marginTop: 8, fontSize: 16, color: "#627d98" }} data-testid="camera-last">
        {last ? t("station.camera.read", { code: last }) : t("station.camera.hint")}
      </div>
    </div>
  );
}

/** Loads the decoder while the network is up, so the camera still reads codes offline later. */
export function preloadCameraDetector(): void {
  if (typeof navigator === "undefined" || !navigator.mediaDevices?.getUserMedia || !navigator.onLine) return;
  void import("./camera-detector").then((m) => m.createDetector()).catch(() => undefined);
}
