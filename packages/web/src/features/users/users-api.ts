import type { Role } from "@shequ/core/roles";
import { apiGet, apiSend } from "../../app/api-client";

export interface UserItem {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The area the account works in; `path` reads "酒泉路街道 / 杨家园社区". Null: all areas. */
  scope: { id: string; level: string; name: string; path: string } | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserPage {
  items: UserItem[];
  total: number;
}

export const USERS_PAGE_SIZE = 50;

export function findUsers(
  query: { q?: string; role?: Role; page?: number },
  signal?: AbortSignal,
): Promise<UserPage> {
  return apiGet(
    "/users",
    { q: query.q?.trim(), role: query.role, page: query.page, pageSize: USERS_PAGE_SIZE },
    signal,
  );
}

export function createUser(body: {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionId: string | null;
  password: string;
}): Promise<UserItem> {
  return apiSend("POST", "/users", body);
}

export function updateUser(
  id: string,
  changes: { displayName?: string; role?: Role; scopeRegionId?: string | null; active?: boolean },
): Promise<UserItem> {
  return apiSend("PATCH", `/users/${encodeURIComponent(id)}`, changes);
}

export function resetPassword(id: string, password: string): Promise<unknown> {
  return apiSend("POST", `/users/${encodeURIComponent(id)}/password`, { password });
}
