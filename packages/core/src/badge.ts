/**
 * Worker badges (armbands): a short number read aloud ("B00123") and a random code in the QR
 * (`SQB1.<code>`). The register issues them on approval; check-in reads either.
 */

export const BADGE_QR_PREFIX = "SQB1.";
const BADGE_NO = /^B\d{5,9}$/;

/** The armband number for the n-th badge: "B00001" … "B99999", then longer. */
export function formatBadgeNo(n: number): string {
  return `B${String(n).padStart(5, "0")}`;
}

/** The text of a badge's QR code. */
export function badgeQrText(badgeCode: string): string {
  return `${BADGE_QR_PREFIX}${badgeCode}`;
}

/**
 * What a scanned or typed badge names: the QR text gives the code, a typed armband number
 * (any case, spaces ignored) gives the number; anything else is not a badge.
 */
export function parseBadgeText(
  text: string,
): { kind: "code"; code: string } | { kind: "number"; badgeNo: string } | null {
  const value = text.trim();
  if (value.startsWith(BADGE_QR_PREFIX)) {
    const code = value.slice(BADGE_QR_PREFIX.length);
    return /^[A-Za-z0-9_-]{16,64}$/.test(code) ? { kind: "code", code } : null;
  }
  const badgeNo = value.replace(/\s+/g, "").toUpperCase();
  return BADGE_NO.test(badgeNo) ? { kind: "number", badgeNo } : null;
}

/** The name shown in public (badge, own-shifts page): "志愿者 B00123" when the person hides it. */
export function publicWorkerName(worker: {
  name: string;
  hideName: boolean;
  badgeNo: string | null;
}): string {
  if (!worker.hideName) return worker.name;
  return worker.badgeNo ? `志愿者 ${worker.badgeNo}` : "志愿者";
}
