import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { Me, Role } from "../../api/types";

export const meQueryKey = ["me"] as const;

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: () => unwrap(api.GET("/api/v1/me")), staleTime: 60_000 });
}

export interface ConsoleUser {
  userId: string;
  name: string;
  email: string;
  role: Role;
  locale: Me["tenant"]["locale"];
}

/** The signed-in person, when the caller is a console user (the console never holds an API key). */
export function consoleUser(me: Me): ConsoleUser | null {
  const p = me.principal;
  if (p.kind !== "user") return null;
  return { userId: p.user_id, name: p.name, email: p.email, role: p.role, locale: p.locale };
}
