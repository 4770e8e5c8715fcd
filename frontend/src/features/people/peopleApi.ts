import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import type { ImportRequest, PersonInput, PreviewRequest } from "../../api/types";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";
import type { PeopleFilters } from "./filters";
import { toQuery } from "./filters";

const peopleKey = ["people"] as const;

export function usePeople(filters: PeopleFilters) {
  const query = toQuery(filters);
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
