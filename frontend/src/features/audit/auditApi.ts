import { api, unwrap } from "../../api/client";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

export function useAuditEvents() {
  return useCursorList(["audit"], (cursor) =>
    unwrap(api.GET("/api/v1/audit-events", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}
