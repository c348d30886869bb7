import { sha256 } from "@noble/hashes/sha2.js";
import { checkCnIdNumber, type IdReason, normalizeIdText } from "@shequ/core/id-number";
import { encodeBase64Url } from "@shequ/core/resident-token";

/** What one line from the scanner (or the keyboard) is: a person's QR token, an ID number, or a tube. */
export type ScanEntry =
  | { kind: "empty" }
  | { kind: "token"; token: string }
  | { kind: "id"; idNumber: string }
  | { kind: "id_invalid"; reason: IdReason }
  | { kind: "tube"; barcode: string };

const ID_SHAPE = /^\d{17}[\dX]$/;

/**
 * Classifies a finished entry. Tokens start with "SQ1."; 18 characters shaped like a resident ID
 * number are one (and must pass the check); everything else is a tube barcode.
 */
export function classifyEntry(text: string): ScanEntry {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  if (trimmed.startsWith("SQ1.")) return { kind: "token", token: trimmed };
  const id = normalizeIdText(trimmed);
  if (ID_SHAPE.test(id)) {
    const check = checkCnIdNumber(id);
    return check.ok
      ? { kind: "id", idNumber: check.normalized }
      : { kind: "id_invalid", reason: check.reason };
  }
  return { kind: "tube", barcode: trimmed };
}

export type TypingHint =
  | { kind: "none" }
  | { kind: "token" }
  | { kind: "id_partial"; missing: number }
  | { kind: "id_ok" }
  | { kind: "id_bad"; reason: IdReason };

/** A hint while typing: how many ID characters are missing, or whether the check digit holds. */
export function hintFor(text: string): TypingHint {
  const trimmed = text.trim();
  if (trimmed.startsWith("SQ1.")) return { kind: "token" };
  const id = normalizeIdText(trimmed);
  if (ID_SHAPE.test(id)) {
    const check = checkCnIdNumber(id);
    return check.ok ? { kind: "id_ok" } : { kind: "id_bad", reason: check.reason };
  }
  // 15+ digits is far longer than a tube barcode: someone is typing an ID number by hand.
  if (/^\d{15,17}$/.test(id)) return { kind: "id_partial", missing: 18 - id.length };
  return { kind: "none" };
}

/** The station's key for a person typed by ID number; the same digest the server puts in the list. */
export function idHashOf(campaignId: string, idNumber: string): string {
  return encodeBase64Url(sha256(new TextEncoder().encode(`${campaignId}:${idNumber}`)));
}
