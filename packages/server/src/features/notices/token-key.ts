import {
  decodeBase64Url,
  encodeBase64Url,
  generateTokenKey,
  type TokenSigningKey,
  tokenKeyFromSecret,
} from "@shequ/core/resident-token";
import type { Kysely } from "kysely";
import type { Config } from "../../config";
import type { Database } from "../../db/schema";

/** Per database handle, per configured key ("" = the stored one). */
const cache = new WeakMap<object, Map<string, Promise<TokenSigningKey>>>();

/**
 * The key that signs resident QR tokens: SHEQU_TOKEN_KEY when set, otherwise the one current key
 * in the database, made on first use. Instances that start together race to insert; a unique
 * index keeps one, and every instance then reads the same. Cached per database handle.
 */
export function loadTokenKey(
  db: Kysely<Database>,
  config: Pick<Config, "SHEQU_TOKEN_KEY">,
): Promise<TokenSigningKey> {
  const configured = config.SHEQU_TOKEN_KEY ?? "";
  let keys = cache.get(db);
  if (!keys) {
    keys = new Map();
    cache.set(db, keys);
  }
  let key = keys.get(configured);
  if (!key) {
    const made = configured ? Promise.resolve().then(() => fromSecret(configured)) : readOrCreate(db);
    made.catch(() => keys.delete(configured));
    keys.set(configured, made);
    key = made;
  }
  return key;
}

async function readOrCreate(db: Kysely<Database>): Promise<TokenSigningKey> {
  const current = () =>
    db.selectFrom("token_keys").select("secret_key").where("retired_at", "is", null).executeTakeFirst();
  let row = await current();
  if (!row) {
    const made = generateTokenKey();
    await db
      .insertInto("token_keys")
      .values({
        key_id: made.keyId,
        public_key: encodeBase64Url(made.publicKey),
        secret_key: encodeBase64Url(made.secretKey),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    row = await current();
  }
  if (!row) throw new Error("No token signing key could be stored");
  return fromSecret(row.secret_key);
}

function fromSecret(text: string): TokenSigningKey {
  const secret = decodeBase64Url(text);
  if (secret?.length !== 32) throw new Error("The token signing key is not 32 bytes of base64url");
  return tokenKeyFromSecret(secret);
}
