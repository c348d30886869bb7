import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";

/**
 * The six-digit code printed beside each resident's QR code on the household slip. With their ID
 * number it lets a resident look up their own results without an account. Derived, not stored: an
 * HMAC of the resident id under a server secret, so the same person keeps the same code from round
 * to round and nobody can work it out from what is printed elsewhere.
 */
export function lookupCode(secret: Uint8Array, residentId: string): string {
  const mac = hmac(sha256, secret, new TextEncoder().encode(`shequ-lookup:${residentId}`));
  // 32 bits are plenty for 6 digits; the modulo bias (2^32 mod 10^6) is below one in four thousand.
  const n = (((mac[0] ?? 0) << 24) | ((mac[1] ?? 0) << 16) | ((mac[2] ?? 0) << 8) | (mac[3] ?? 0)) >>> 0;
  return String(n % 1_000_000).padStart(6, "0");
}

/** What a person typed, reduced to its digits: spaces and dashes from reading a slip aloud go. */
export function normaliseLookupCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
