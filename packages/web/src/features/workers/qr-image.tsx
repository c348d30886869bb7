import { toString as qrToSvg } from "qrcode";
import { useEffect, useState } from "react";

/** A QR code drawn as SVG, sharp on any printer; a blank square of the same size while it draws. */
export function QrImage(props: { text: string; size: string; alt: string; testId?: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    qrToSvg(props.text, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((svg) => {
        if (!cancelled) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [props.text]);
  const box = { width: props.size, height: props.size, display: "block" };
  return src ? (
    <img src={src} alt={props.alt} style={box} data-testid={props.testId} data-qr={props.text} />
  ) : (
    <div style={box} />
  );
}
