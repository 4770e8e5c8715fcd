import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import { ApiError, toProblem } from "../../api/problem";
import type { ImportRequest, PersonInput, PreviewRequest } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";
import type { ExportQuery, PeopleFilters, PeopleSort } from "./filters";
import { DEFAULT_SORT, toQuery } from "./filters";

const peopleKey = ["people"] as const;

/** The directory page by page; every page also says how many people the filters find in all. */
export function usePeople(filters: PeopleFilters, sort: PeopleSort = DEFAULT_SORT) {
  const query = toQuery(filters, sort);
  return useCursorList([...peopleKey, "list", query], (cursor) =>
    unwrap(api.GET("/api/v1/people", { params: { query: { ...query, limit: PAGE_SIZE, cursor } } })),
  );
}

export function usePerson(personId: string) {
  return useQuery({
    queryKey: [...peopleKey, "one", personId],
    queryFn: () => unwrap(api.GET("/api/v1/people/{person_id}", { params: { path: { person_id: personId } } })),
  });
}

function useInvalidatePeople() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: peopleKey });
}

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: PersonInput) => unwrap(api.POST("/api/v1/people", { body })),
    onSuccess: invalidate,
  });
}

/** The CSV file of the directory as filtered, read with the session's token like every other call. */
export async function exportPeople(query: ExportQuery): Promise<Blob> {
  const { data, error, response } = await api.GET("/api/v1/people/export", { params: { query }, parseAs: "blob" });
  if (!response.ok || !data) throw new ApiError(toProblem(error, response.status));
  return data;
}

export function useReplacePerson(personId: string) {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: PersonInput) =>
      unwrap(api.PUT("/api/v1/people/{person_id}", { params: { path: { person_id: personId } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeletePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) =>
      unwrapEmpty(api.DELETE("/api/v1/people/{person_id}", { params: { path: { person_id: personId } } })),
    // The person's own page is left at once: only the lists need reading again.
    onSuccess: () => client.invalidateQueries({ queryKey: [...peopleKey, "list"] }),
  });
}

export function useImportPeople() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: ImportRequest) => unwrap(api.POST("/api/v1/people/import", { body })),
    onSuccess: (report) => (report.written ? invalidate() : undefined),
  });
}

/**
 * How the server reads a file: its encoding, each column's field, the first rows, the grades
 * and languages found. `fileId` names the file's bytes in the cache key (the bytes are large).
 * Asked again whenever the encoding or the mapping changes.
 */
export function useImportPreview(fileId: number, body: PreviewRequest | null) {
  return useQuery({
    queryKey: ["import-preview", fileId, body?.encoding ?? null, body?.mapping ?? {}],
    queryFn: () => unwrap(api.POST("/api/v1/people/import/preview", { body: body ?? {} })),
    enabled: body !== null,
    // The last answer stays while the same file is read again, never for another file.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === fileId ? keepPreviousData(previous) : undefined),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
  });
}
