import * as ed from "@noble/ed25519";
import { sha256, sha512 } from "@noble/hashes/sha2.js";

/**
 * Signed resident tokens for the personal QR code on a notice: the station scans it and knows
 * who stands at the desk without typing an ID number, even offline. The token holds ids only —
 * never a name or ID number — and an Ed25519 signature the station checks with the public key.
 *
 * Format: `SQ1.<base64url payload>.<base64url signature>`; the payload is 61 bytes:
 * version (1) · resident id (16) · household id (16) · campaign id (16) · key id (8) · issued-at
 * seconds (4, big-endian). The signature covers "SQ1." followed by the payload bytes.
 */

// The sync API: stations may run on plain http, where crypto.subtle (the async default) is missing.
ed.hashes.sha512 = sha512;

const PREFIX = "SQ1";
const VERSION = 1;
const PAYLOAD_BYTES = 61;
const SIGNATURE_BYTES = 64;
const KEY_ID_BYTES = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResidentTokenPayload {
  residentId: string;
  householdId: string;
  campaignId: string;
  /** Which signing key made the token (16 hex characters), so keys can be rotated. */
  keyId: string;
  /** When the token was signed, in whole seconds since 1970 (UTC). */
  issuedAt: number;
}

export interface TokenSigningKey {
  keyId: string;
  /** 32-byte Ed25519 secret key (seed). */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface TokenPublicKey {
  keyId: string;
  publicKey: Uint8Array;
}

export type TokenFailure = "format" | "signature" | "unknown_key";
export type TokenCheck = { ok: true; payload: ResidentTokenPayload } | { ok: false; reason: TokenFailure };

/** A new random signing key. */
export function generateTokenKey(): TokenSigningKey {
  return tokenKeyFromSecret(ed.utils.randomSecretKey());
}

/** The key pair for a stored 32-byte secret (e.g. from SHEQU_TOKEN_KEY). */
export function tokenKeyFromSecret(secretKey: Uint8Array): TokenSigningKey {
  if (secretKey.length !== 32) throw new RangeError("A token secret key has 32 bytes");
  const publicKey = ed.getPublicKey(secretKey);
  return { keyId: keyIdOf(publicKey), secretKey, publicKey };
}

/** The first 8 bytes of SHA-256 of the public key, in hex: short, stable, and not secret. */
export function keyIdOf(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey).slice(0, KEY_ID_BYTES));
}

/** Signs a token for one resident of one household in one round. */
export function signResidentToken(
  claims: Omit<ResidentTokenPayload, "keyId" | "issuedAt"> & { issuedAt?: number },
  key: TokenSigningKey,
): string {
  const issuedAt = claims.issuedAt ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(issuedAt) || issuedAt < 0 || issuedAt > 0xffffffff) {
    throw new RangeError("issuedAt must be whole seconds within 32 bits");
  }
  const payload = new Uint8Array(PAYLOAD_BYTES);
  payload[0] = VERSION;
  payload.set(uuidToBytes(claims.residentId), 1);
  payload.set(uuidToBytes(claims.householdId), 17);
  payload.set(uuidToBytes(claims.campaignId), 33);
  payload.set(fromHex(key.keyId), 49);
  new DataView(payload.buffer).setUint32(57, issuedAt);
  const signature = ed.sign(signedBytes(payload), key.secretKey);
  return `${PREFIX}.${encodeBase64Url(payload)}.${encodeBase64Url(signature)}`;
}

/**
 * Checks a scanned token against the known public keys. Pure and offline: a station keeps the
 * keys it fetched from /api/token-key. Any changed character fails (encodings are canonical).
 */
export function verifyResidentToken(
  token: string,
  keys: TokenPublicKey | readonly TokenPublicKey[],
): TokenCheck {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: "format" };
  const payload = decodeBase64Url(parts[1] ?? "");
  const signature = decodeBase64Url(parts[2] ?? "");
  if (payload?.length !== PAYLOAD_BYTES || payload[0] !== VERSION || signature?.length !== SIGNATURE_BYTES) {
    return { ok: false, reason: "format" };
  }
  const keyId = toHex(payload.slice(49, 57));
  const list: readonly TokenPublicKey[] = "keyId" in keys ? [keys] : keys;
  const key = list.find((k) => k.keyId === keyId);
  if (!key) return { ok: false, reason: "unknown_key" };
  let valid = false;
  try {
    valid = ed.verify(signature, signedBytes(payload), key.publicKey, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "signature" };
  return {
    ok: true,
    payload: {
      residentId: bytesToUuid(payload.slice(1, 17)),
      householdId: bytesToUuid(payload.slice(17, 33)),
      campaignId: bytesToUuid(payload.slice(33, 49)),
      keyId,
      issuedAt: new DataView(payload.buffer, payload.byteOffset).getUint32(57),
    },
  };
}

function signedBytes(payload: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(`${PREFIX}.`);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

function uuidToBytes(id: string): Uint8Array {
  if (!UUID.test(id)) throw new TypeError("Token ids must be uuids");
  return fromHex(id.replace(/-/g, ""));
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new TypeError("Not a hex string");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** base64url without padding; works in browsers and Node alike (no Buffer). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * Decodes base64url; null for anything that is not the canonical encoding of some bytes, so two
 * different strings never decode to the same token.
 */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  let binary: string;
  try {
    binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return encodeBase64Url(bytes) === text ? bytes : null;
}
