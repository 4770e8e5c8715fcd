import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { ParticipantRole } from "../../api/types";
import type { SurveyKind, SurveyQuestion, SurveyRequest } from "./types";

const feedbackKey = ["feedback"] as const;
const checkInsKey = (programId: string) => [...feedbackKey, "check-ins", programId] as const;
const surveysKey = (programId: string) => [...feedbackKey, "surveys", programId] as const;
const resultsKey = (programId: string, surveyId: string) => [...surveysKey(programId), "results", surveyId] as const;

const programParams = (programId: string) => ({ params: { path: { program_id: programId } } });
const surveyParams = (programId: string, surveyId: string) => ({ params: { path: { program_id: programId, survey_id: surveyId } } });

/** The program's check-ins: the trend per period and each member's latest answer. */
export function useCheckIns(programId: string, following = false) {
  return useQuery({
    queryKey: checkInsKey(programId),
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/check-ins", programParams(programId))),
    refetchInterval: following ? 2_000 : false,
  });
}

/** Asks every member of the program's active pairs for this period's check-in now (those asked already are not asked again). */
export function useAskForCheckIns(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/programs/{program_id}/check-ins", programParams(programId))),
    onSuccess: () => client.invalidateQueries({ queryKey: checkInsKey(programId) }),
  });
}

/** The program's surveys, oldest first, with how many were asked and answered. */
export function useSurveys(programId: string, following = false) {
  return useQuery({
    queryKey: surveysKey(programId),
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/surveys", programParams(programId))),
    refetchInterval: following ? 2_000 : false,
  });
}

export function useSurveyResults(programId: string, surveyId: string) {
  return useQuery({
    queryKey: resultsKey(programId, surveyId),
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/surveys/{survey_id}/results", surveyParams(programId, surveyId))),
  });
}

/** A change to the program's surveys: the list and every survey's results are read again. */
function useSurveyChange<A, R>(programId: string, call: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries({ queryKey: surveysKey(programId) }),
  });
}

export const useCreateSurvey = (programId: string) =>
  useSurveyChange(programId, (body: SurveyRequest) => unwrap(api.POST("/api/v1/programs/{program_id}/surveys", { ...programParams(programId), body })));

export const useDeleteSurvey = (programId: string) =>
  useSurveyChange(programId, (surveyId: string) =>
    unwrapEmpty(api.DELETE("/api/v1/programs/{program_id}/surveys/{survey_id}", surveyParams(programId, surveyId))),
  );

/** Opens a draft: everyone it is for is emailed a personal link. */
export const useOpenSurvey = (programId: string) =>
  useSurveyChange(programId, (surveyId: string) =>
    unwrap(api.POST("/api/v1/programs/{program_id}/surveys/{survey_id}/open", surveyParams(programId, surveyId))),
  );

export const useCloseSurvey = (programId: string) =>
  useSurveyChange(programId, (surveyId: string) =>
    unwrap(api.POST("/api/v1/programs/{program_id}/surveys/{survey_id}/close", surveyParams(programId, surveyId))),
  );

/** Reminds everyone who has not answered (the server sends at most one reminder a day). */
export function useRemindSurvey(programId: string) {
  return useMutation({
    mutationFn: (surveyId: string) =>
      unwrapEmpty(api.POST("/api/v1/programs/{program_id}/surveys/{survey_id}/reminders", surveyParams(programId, surveyId))),
  });
}

const templateKey = (kind: SurveyKind, audience: ParticipantRole) => [...feedbackKey, "template", kind, audience] as const;
const templateParams = (kind: SurveyKind, audience: ParticipantRole) => ({ params: { path: { kind, audience } } });

/** The questions new surveys of a kind and audience start from: the company's own, or the product's. */
export function useSurveyTemplate(kind: SurveyKind, audience: ParticipantRole) {
  return useQuery({
    queryKey: templateKey(kind, audience),
    queryFn: () => unwrap(api.GET("/api/v1/survey-templates/{kind}/{audience}", templateParams(kind, audience))),
  });
}

export function useSaveSurveyTemplate(kind: SurveyKind, audience: ParticipantRole) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (questions: SurveyQuestion[]) =>
      unwrap(api.PUT("/api/v1/survey-templates/{kind}/{audience}", { ...templateParams(kind, audience), body: { questions } })),
    onSuccess: (saved) => client.setQueryData(templateKey(kind, audience), saved),
  });
}

/** Goes back to the product's questions. */
export function useResetSurveyTemplate(kind: SurveyKind, audience: ParticipantRole) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE("/api/v1/survey-templates/{kind}/{audience}", templateParams(kind, audience))),
    onSuccess: () => client.invalidateQueries({ queryKey: templateKey(kind, audience) }),
  });
}
