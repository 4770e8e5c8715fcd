import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { AddSuppression, DeliveryState, Locale, TemplateSources } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

const templatesKey = ["email", "templates"] as const;
const suppressionsKey = ["email", "suppressions"] as const;
const deliveriesKey = ["email", "deliveries"] as const;

export interface TemplateTarget {
  template: string;
  locale: Locale;
}

export function useTemplates() {
  return useQuery({ queryKey: templatesKey, queryFn: () => unwrap(api.GET("/api/v1/email/templates")) });
}

function useInvalidate(queryKey: readonly string[]) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey });
}

export function useSaveTemplate() {
  const invalidate = useInvalidate(templatesKey);
  return useMutation({
    mutationFn: ({ target, sources }: { target: TemplateTarget; sources: TemplateSources }) =>
      unwrapEmpty(api.PUT("/api/v1/email/templates/{template}/{locale}", { params: { path: target }, body: sources })),
    onSuccess: invalidate,
  });
}

export function useResetTemplate() {
  const invalidate = useInvalidate(templatesKey);
  return useMutation({
    mutationFn: (target: TemplateTarget) =>
      unwrapEmpty(api.DELETE("/api/v1/email/templates/{template}/{locale}", { params: { path: target } })),
    onSuccess: invalidate,
  });
}

export function usePreviewTemplate() {
  return useMutation({
    mutationFn: ({ target, sources }: { target: TemplateTarget; sources: TemplateSources }) =>
      unwrap(
        api.POST("/api/v1/email/templates/{template}/{locale}/preview", { params: { path: target }, body: { sources } }),
      ),
  });
}

export function useSuppressions() {
  return useQuery({ queryKey: suppressionsKey, queryFn: () => unwrap(api.GET("/api/v1/email/suppressions")) });
}

export function useAddSuppression() {
  const invalidate = useInvalidate(suppressionsKey);
  return useMutation({
    mutationFn: (body: AddSuppression) => unwrapEmpty(api.POST("/api/v1/email/suppressions", { body })),
    onSuccess: invalidate,
  });
}

export function useRemoveSuppression() {
  const invalidate = useInvalidate(suppressionsKey);
  return useMutation({
    mutationFn: (path: { email: string; category: string }) =>
      unwrapEmpty(api.DELETE("/api/v1/email/suppressions/{email}/{category}", { params: { path } })),
    onSuccess: invalidate,
  });
}

export function useDeliveries(state: DeliveryState | null) {
  return useCursorList([...deliveriesKey, state ?? "all"], (cursor) =>
    unwrap(
      api.GET("/api/v1/email/deliveries", {
        params: { query: { limit: PAGE_SIZE, cursor, ...(state ? { state } : {}) } },
      }),
    ),
  );
}

export const FAILED_SAMPLE = 100;

/** Up to 100 failed deliveries, for counting on the home page. */
export function useFailedDeliverySample(enabled: boolean) {
  return useQuery({
    queryKey: [...deliveriesKey, "failed-sample"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/email/deliveries", { params: { query: { state: "failed", limit: FAILED_SAMPLE } } })),
    enabled,
  });
}
