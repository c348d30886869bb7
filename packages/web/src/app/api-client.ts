/**
 * The one way the web talks to the server: same-origin fetch with the session cookie, JSON in
 * and out, and the server's `{ error: { code, message, details } }` turned into an ApiError the
 * screens can switch on.
 */

export type ApiErrorCode =
  | "bad_request"
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal"
  | "network";

export interface FieldIssue {
  field: string;
  reason: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field issues of a validation error, or none. */
  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Lets the session provider send the user to /login when any call finds the session gone. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** Builds `/api/...?a=1` leaving out empty values, so URLs stay short and readable. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ""}`;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...init });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached");
  }
  if (response.ok) return response;
  throw await readError(response);
}

async function readError(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const code = (body?.error?.code ?? codeFromStatus(response.status)) as ApiErrorCode;
  const error = new ApiError(
    response.status,
    code,
    body?.error?.message ?? response.statusText,
    body?.error?.details,
  );
  if (code === "unauthenticated" && !response.url.endsWith("/api/auth/login")) {
    for (const listener of unauthenticatedListeners) listener();
  }
  return error;
}

function codeFromStatus(status: number): ApiErrorCode {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 413) return "payload_too_large";
  if (status === 422) return "validation";
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  if (status >= 500) return "internal";
  return "bad_request";
}

export async function apiGet<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const response = await send(apiUrl(path, query), { signal: signal ?? null });
  return (await response.json()) as T;
}

/** POST, PUT or PATCH a JSON body; an empty body is sent as `{}` so routes with schemas accept it. */
export async function apiSend<T>(method: "POST" | "PUT" | "PATCH", path: string, body?: unknown): Promise<T> {
  const response = await send(apiUrl(path), {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  return (await response.json()) as T;
}

/** DELETE, answered with the server's JSON (or the one error shape, as an ApiError). */
export async function apiDelete<T>(path: string): Promise<T> {
  const response = await send(apiUrl(path), { method: "DELETE" });
  return (await response.json()) as T;
}

export async function apiUpload<T>(path: string, field: string, file: File): Promise<T> {
  const form = new FormData();
  form.set(field, file);
  const response = await send(apiUrl(path), { method: "POST", body: form });
  return (await response.json()) as T;
}

/**
 * Downloads a file through fetch (not a plain link) so a refused export shows a message in the
 * page instead of a JSON error in a new tab. The server's Content-Disposition names the file.
 */
export async function apiDownload(
  path: string,
  query: Query,
  fallbackName: string,
  init: { method?: "POST"; body?: FormData } = {},
): Promise<void> {
  const response = await send(apiUrl(path, query), init);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get("content-disposition")) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}
