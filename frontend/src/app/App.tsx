import { useEffect } from "react";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router/dom";
import { ApiError } from "../api/problem";
import { sessionStore } from "../features/auth/browserSession";
import { scheduleRefresh } from "../features/auth/tokens";
import { router } from "./router";
import { theme } from "./theme";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Other people change the team too: lists are re-read whenever a page opens.
      staleTime: 0,
      // Problems are answers, not outages: retry only what may be transient.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});

function useSessionHousekeeping() {
  useEffect(() => {
    let userId = sessionStore.load()?.userId ?? null;
    scheduleRefresh();
    return sessionStore.subscribe(() => {
      scheduleRefresh();
      const next = sessionStore.load()?.userId ?? null;
      // Never show one person's cached data to another.
      if (next !== userId) queryClient.clear();
      userId = next;
    });
  }, []);
}

export function App() {
  useSessionHousekeeping();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
