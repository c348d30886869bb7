import type { FormInstance } from "antd";
import { ApiError } from "../../app/api-client";

/**
 * Puts a 422's field issues under the matching form fields (a window's `windows.0.endsAt` goes
 * under `windows`), and says whether any were placed so the caller can fall back to a message.
 */
export function placeFieldIssues(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.code !== "validation") return false;
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = issue.field.split(".")[0] ?? "";
    if (!fields.includes(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
