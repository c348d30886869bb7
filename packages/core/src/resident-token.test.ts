import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeBase64Url,
  encodeBase64Url,
  generateTokenKey,
  signResidentToken,
  tokenKeyFromSecret,
  verifyResidentToken,
} from "./resident-token";

const key = tokenKeyFromSecret(new Uint8Array(32).fill(7));
const publicKey = { keyId: key.keyId, publicKey: key.publicKey };
const claims = {
  residentId: "01936b2e-8a40-7c1d-9f00-000000000001",
  householdId: "01936b2e-8a40-7c1d-9f00-000000000002",
  campaignId: "01936b2e-8a40-7c1d-9f00-000000000003",
  issuedAt: 1_764_547_200,
};
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("resident tokens", () => {
  it("round-trips the ids, key id and time, and is short enough for a small QR code", () => {
    const token = signResidentToken(claims, key);
    expect(token).toMatch(/^SQ1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(180);
    expect(verifyResidentToken(token, publicKey)).toEqual({
      ok: true,
      payload: { ...claims, keyId: key.keyId },
    });
  });

  it("carries no name or ID number: the payload is ids and numbers only", () => {
    const token = signResidentToken(claims, key);
    const payload = decodeBase64Url(token.split(".")[1] ?? "");
    expect(payload).toHaveLength(61);
  });

  it("fails when any single character changes", () => {
    const token = signResidentToken(claims, key);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...B64URL, "."), (at, char) => {
        fc.pre(token[at] !== char);
        const tampered = token.slice(0, at) + char + token.slice(at + 1);
        expect(verifyResidentToken(tampered, publicKey).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("says why a token fails: bad format, bad signature, or another key", () => {
    const token = signResidentToken(claims, key);
    expect(verifyResidentToken("hello", publicKey)).toEqual({ ok: false, reason: "format" });
    expect(verifyResidentToken(token.replace("SQ1", "SQ2"), publicKey)).toEqual({
      ok: false,
      reason: "format",
    });
    const [, p] = token.split(".");
    const other = signResidentToken({ ...claims, issuedAt: claims.issuedAt + 1 }, key).split(".")[2];
    expect(verifyResidentToken(`SQ1.${p}.${p}`, publicKey)).toEqual({ ok: false, reason: "format" });
    expect(verifyResidentToken(`SQ1.${p}.${other}`, publicKey)).toEqual({ ok: false, reason: "signature" });
    const stranger = generateTokenKey();
    expect(verifyResidentToken(token, { keyId: stranger.keyId, publicKey: stranger.publicKey })).toEqual({
      ok: false,
      reason: "unknown_key",
    });
    // A station that knows both the old and the new key accepts tokens of either.
    expect(
      verifyResidentToken(token, [{ keyId: stranger.keyId, publicKey: stranger.publicKey }, publicKey]).ok,
    ).toBe(true);
  });

  it("rejects a key id that matches but a public key that does not", () => {
    const token = signResidentToken(claims, key);
    const stranger = generateTokenKey();
    expect(verifyResidentToken(token, { keyId: key.keyId, publicKey: stranger.publicKey })).toEqual({
      ok: false,
      reason: "signature",
    });
  });

  it("refuses ids that are not uuids rather than signing garbage", () => {
    expect(() => signResidentToken({ ...claims, residentId: "620102197903140021" }, key)).toThrow(TypeError);
  });
});

describe("base64url", () => {
  it("round-trips any bytes and accepts only the canonical spelling", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(decodeBase64Url(text)).toEqual(bytes);
      }),
    );
    // "AB" and "AA" differ only in padding bits of the last character: only "AA" is canonical for [0].
    expect(decodeBase64Url("AA")).toEqual(new Uint8Array([0]));
    expect(decodeBase64Url("AB")).toBeNull();
    expect(decodeBase64Url("A")).toBeNull();
    expect(decodeBase64Url("A+")).toBeNull();
  });
});
