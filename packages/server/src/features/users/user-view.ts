import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { describeScopes, type ScopeView, type UserRow } from "./queries";

/** An account as the API shows it. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  scope: ScopeView | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** Shapes accounts for the API, describing all their scopes with one query. */
export async function toUserViews(db: Kysely<Database>, rows: readonly UserRow[]): Promise<UserView[]> {
  const scopes = await describeScopes(
    db,
    rows.flatMap((r) => (r.scopeRegionId ? [r.scopeRegionId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    scope: r.scopeRegionId ? (scopes.get(r.scopeRegionId) ?? null) : null,
    active: r.active,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
