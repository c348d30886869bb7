import type { Permission } from "@shequ/core/roles";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, onUnauthenticated } from "../../app/api-client";
import { fetchMe, type Me, signOut } from "./auth-api";

interface SessionValue {
  /** undefined while the first /me call is in flight, null when signed out. */
  me: Me | null | undefined;
  /** Network or server trouble on the first /me call, shown instead of the login form. */
  loadError: ApiError | null;
  reload: () => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      setMe(await fetchMe());
      setLoadError(null);
    } catch (error) {
      if (error instanceof ApiError && error.code === "unauthenticated") {
        setMe(null);
        setLoadError(null);
      } else {
        setLoadError(error instanceof ApiError ? error : new ApiError(0, "network", String(error)));
      }
    }
  }, []);

  useEffect(() => {
    void reload();
    return onUnauthenticated(() => setMe(null));
  }, [reload]);

  const logout = useCallback(async () => {
    try {
      await signOut();
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      loadError,
      reload,
      logout,
      can: (permission) => !!me?.permissions.includes(permission),
    }),
    [me, loadError, reload, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in user; only for pages behind the session guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error("useMe without a session");
  return me;
}
