import { SessionStore, type SessionStoreDeps, type TokenChannel } from "./sessionStore";

function tabChannel(): TokenChannel | null {
  if (typeof BroadcastChannel === "undefined") return null;
  const channel = new BroadcastChannel("tandem-session");
  return {
    post: (news) => channel.postMessage(news),
    listen: (listener) => channel.addEventListener("message", (event: MessageEvent<unknown>) => listener(event.data)),
  };
}

const deps: SessionStoreDeps = {
  storage: localStorage,
  onStorageChange: (listener) =>
    window.addEventListener("storage", (event) => {
      if (event.storageArea === localStorage) listener(event.key);
    }),
  channel: tabChannel(),
  now: Date.now,
};

/** This tab's session (see SessionStore). */
export const sessionStore = new SessionStore(deps);
