import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, unwrapEmpty } from "../../api/client";
import type { CheckInAnswer, PublicCheckIn } from "./types";

// Participants have no account: every call here goes through `publicApi`, which sends no session.

const checkInKey = (token: string) => ["public", "check-in", token] as const;
const surveyKey = (token: string) => ["public", "survey", token] as const;

export function usePublicCheckIn(token: string | null) {
  return useQuery({
    queryKey: checkInKey(token ?? ""),
    queryFn: () => unwrap(publicApi.GET("/api/v1/public/check-ins/{token}", { params: { path: { token: token ?? "" } } })),
    enabled: token !== null,
  });
}

/** Records the check-in (again, to change it, while it is open); the page shows the server's answer. */
export function useAnswerCheckIn(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckInAnswer) => unwrap(publicApi.PUT("/api/v1/public/check-ins/{token}", { params: { path: { token } }, body })),
    onSuccess: (saved: PublicCheckIn) => client.setQueryData(checkInKey(token), saved),
  });
}

export function usePublicSurvey(token: string | null) {
  return useQuery({
    queryKey: surveyKey(token ?? ""),
    queryFn: () => unwrap(publicApi.GET("/api/v1/public/surveys/{token}", { params: { path: { token: token ?? "" } } })),
    enabled: token !== null,
  });
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (answers: Record<string, unknown>) => unwrapEmpty(publicApi.POST("/api/v1/public/survey-responses", { body: { token, answers } })),
  });
}
