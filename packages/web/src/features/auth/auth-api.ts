import type { Permission, Role } from "@shequ/core/roles";
import { apiGet, apiSend } from "../../app/api-client";

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
  scope: { regionId: string; level: string; path: string } | null;
}

export function fetchMe(): Promise<Me> {
  return apiGet<Me>("/auth/me");
}

export function signIn(username: string, password: string): Promise<{ ok: boolean }> {
  return apiSend("POST", "/auth/login", { username, password });
}

export function signOut(): Promise<{ ok: boolean }> {
  return apiSend("POST", "/auth/logout");
}
