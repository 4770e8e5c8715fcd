import { Navigate, Outlet, useLocation } from "react-router";
import { sessionStore } from "../features/auth/browserSession";
import { useSession } from "../features/auth/useSession";

/** Sends people without a session to /login, remembering where they were unless they logged out. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session) return <Outlet />;
  const params = new URLSearchParams();
  const reason = sessionStore.endReason();
  const here = `${location.pathname}${location.search}`;
  if (reason !== "logout" && here !== "/") params.set("next", here);
  if (reason === "expired") params.set("expired", "1");
  const query = params.toString();
  return <Navigate to={query ? `/login?${query}` : "/login"} replace />;
}

/** Where to go after signing in: only paths inside the console, never another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
