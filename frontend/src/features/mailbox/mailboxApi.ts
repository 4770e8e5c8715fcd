import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

const mailboxKey = ["mailbox"] as const;

/**
 * Whether the developer mailbox is on (it answers 404 when the server's `dev_mailbox` setting
 * is off or mail goes to an SMTP server). Only an owner may ask: pass whether the user is one.
 */
export function useMailboxAvailable(owner: boolean): boolean {
  const probe = useQuery({
    queryKey: [...mailboxKey, "probe"],
    queryFn: () => unwrap(api.GET("/api/v1/dev/mailbox", { params: { query: { limit: 1 } } })),
    staleTime: Infinity,
    retry: (count, error) => count < 2 && !(error instanceof ApiError),
    enabled: owner,
  });
  return probe.isSuccess;
}

export function useMailbox() {
  return useCursorList([...mailboxKey, "list"], (cursor) =>
    unwrap(api.GET("/api/v1/dev/mailbox", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}

export function useMailboxMessage(deliveryId: string) {
  return useQuery({
    queryKey: [...mailboxKey, "message", deliveryId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/dev/mailbox/{delivery_id}", { params: { path: { delivery_id: deliveryId } } })),
    // A sent email never changes.
    staleTime: Infinity,
  });
}

/** Where the mailbox's links point and the folder its emails are written to. */
export function useMailboxSettings() {
  return useQuery({
    queryKey: [...mailboxKey, "settings"],
    queryFn: () => unwrap(api.GET("/api/v1/dev/mailbox/settings")),
    staleTime: Infinity,
  });
}
