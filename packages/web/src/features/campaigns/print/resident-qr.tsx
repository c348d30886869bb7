import { toString as qrToSvg } from "qrcode";
import { useEffect, useState } from "react";

/**
 * A resident's signed token as a QR code, drawn as SVG so it stays sharp on any printer. The
 * token carries no ID number or name; the station verifies it offline.
 */
export function ResidentQr({ token, label, code }: { token: string; label: string; code?: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    qrToSvg(token, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((svg) => {
        if (!cancelled) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [token]);
  return (
    <div className="slip-code" data-testid="resident-qr">
      {src ? <img src={src} alt={label} /> : <div style={{ width: "30mm", height: "30mm" }} />}
      <div>{label}</div>
      {code && (
        <div className="slip-lookup" data-testid="lookup-code">
          {code}
        </div>
      )}
    </div>
  );
}
