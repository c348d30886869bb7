import type { FieldIssue } from "../../errors";

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;

/** Usernames are stored lowercase, so "Li.Wei" and "li.wei" are one account. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function usernameIssue(username: string): FieldIssue | undefined {
  if (USERNAME_PATTERN.test(username)) return undefined;
  return {
    field: "username",
    reason: "format",
    message: "Username must be 3–40 characters: lowercase letters, digits, dot, underscore or hyphen",
  };
}

export function displayNameIssue(displayName: string): FieldIssue | undefined {
  if (displayName.length >= 1 && displayName.length <= 100) return undefined;
  return { field: "displayName", reason: "length", message: "Display name must be 1–100 characters" };
}
