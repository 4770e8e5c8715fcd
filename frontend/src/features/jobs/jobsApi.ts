import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapEmpty } from "../../api/client";
import { PAGE_SIZE, useCursorList } from "../../shared/useCursorList";

const jobsKey = ["jobs"] as const;
const depthKey = [...jobsKey, "depth"] as const;
const deadKey = [...jobsKey, "dead"] as const;

export function useQueueDepth(enabled = true) {
  return useQuery({ queryKey: depthKey, queryFn: () => unwrap(api.GET("/api/v1/jobs/depth")), enabled });
}

export function useDeadJobs() {
  return useCursorList(deadKey, (cursor) =>
    unwrap(api.GET("/api/v1/jobs/dead", { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}

/** A retried or discarded job leaves the dead letters and changes the depth figures. */
function useJobAction(call: (jobId: string) => Promise<void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => client.invalidateQueries({ queryKey: jobsKey }),
  });
}

export function useRetryJob() {
  return useJobAction((jobId) => unwrapEmpty(api.POST("/api/v1/jobs/{job_id}/retry", { params: { path: { job_id: jobId } } })));
}

export function useDiscardJob() {
  return useJobAction((jobId) => unwrapEmpty(api.DELETE("/api/v1/jobs/{job_id}", { params: { path: { job_id: jobId } } })));
}
