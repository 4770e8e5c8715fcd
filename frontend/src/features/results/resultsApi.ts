import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError, toProblem } from "../../api/problem";
import type { Language } from "../../i18n/language";
import type { ExportTable } from "./results";
import type { MetricValue } from "./types";

const resultsKey = (programId: string) => ["results", programId] as const;
const programParams = (programId: string) => ({ params: { path: { program_id: programId } } });

/** The program measured against its purpose; read again in the console's language (its words, e.g. health reasons). */
export function useResults(programId: string, language: Language) {
  return useQuery({
    queryKey: [...resultsKey(programId), language],
    queryFn: () => unwrap(api.GET("/api/v1/programs/{program_id}/results", programParams(programId))),
    placeholderData: (previous, query) => (query?.queryKey[1] === programId ? previous : undefined),
  });
}

/** Enters a value for a manual success metric; the results are read again. */
export function useRecordMetricValue(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MetricValue) =>
      unwrap(api.POST("/api/v1/programs/{program_id}/metric-values", { ...programParams(programId), body })),
    onSuccess: () => client.invalidateQueries({ queryKey: resultsKey(programId) }),
  });
}

/** One of the program's tables as a CSV file, fetched with the session's token. */
export async function exportTable(programId: string, table: ExportTable): Promise<Blob> {
  const { data, error, response } = await api.GET("/api/v1/programs/{program_id}/exports/{table}", {
    params: { path: { program_id: programId, table } },
    parseAs: "blob",
  });
  if (!response.ok || !data) throw new ApiError(toProblem(error, response.status));
  return data;
}

/** What needs attention across the company's active programs (the home page). */
export function useAttention(language: Language) {
  return useQuery({
    queryKey: ["attention", language],
    queryFn: () => unwrap(api.GET("/api/v1/attention")),
  });
}
