import type { ApplicationStatus, DeliveryState, InviteeView } from "../../api/types";

/** Whether an invitee's email is still on its way (the list is read again until it is not). */
export const emailInFlight = (state: DeliveryState | null | undefined): boolean =>
  state === "queued" || state === "sending" || state === "retrying";

/** The words for an invitee's email, as a catalogue key: its delivery, or not written yet. */
export function emailStateKey(invitee: Pick<InviteeView, "email_state">): `email.states.${DeliveryState}` | "recruitment.inviteeList.notEmailed" {
  return invitee.email_state ? `email.states.${invitee.email_state}` : "recruitment.inviteeList.notEmailed";
}

/** The words for an invitee's application, as a catalogue key. */
export function applicationKey(
  status: ApplicationStatus | null | undefined,
): `recruitment.statuses.${ApplicationStatus}` | "recruitment.inviteeList.notApplied" {
  return status ? `recruitment.statuses.${status}` : "recruitment.inviteeList.notApplied";
}
