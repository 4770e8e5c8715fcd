// Short names for the generated schema types; nothing here is written by hand.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Role = Schemas["Role"];
export type Locale = Schemas["Locale"];
export type ApiScope = Schemas["ApiScope"];
export type Problem = Schemas["Problem"];
export type FieldError = Schemas["FieldError"];
export type Session = Schemas["Session"];
export type Me = Schemas["Me"];
export type Principal = Schemas["Principal"];
export type MemberView = Schemas["MemberView"];
export type InvitationView = Schemas["InvitationView"];
export type ApiKeyView = Schemas["ApiKeyView"];
export type ApiKeyCreated = Schemas["ApiKeyCreated"];
export type AuditEventView = Schemas["AuditEventView"];
export type SignupRequest = Schemas["SignupRequest"];
export type LoginRequest = Schemas["LoginRequest"];
export type AcceptInvitationRequest = Schemas["AcceptInvitationRequest"];
export type InviteRequest = Schemas["InviteRequest"];
export type CreateApiKey = Schemas["CreateApiKey"];
export type DeliveryView = Schemas["DeliveryView"];
export type DeliveryState = Schemas["DeliveryState"];
export type EmailCategory = Schemas["EmailCategory"];
export type MailboxMessage = Schemas["MailboxMessage"];
export type TemplateView = Schemas["TemplateView"];
export type TemplateSources = Schemas["TemplateSources"];
export type PreviewView = Schemas["PreviewView"];
export type SuppressionView = Schemas["SuppressionView"];
export type AddSuppression = Schemas["AddSuppression"];
export type QueueDepth = Schemas["QueueDepth"];
export type DeadJobView = Schemas["DeadJobView"];
export type Preferences = Schemas["Preferences"];
export type PreferenceChange = Schemas["PreferenceChange"];

export const ROLES: readonly Role[] = ["owner", "admin", "program_manager", "viewer"];
export const LOCALES: readonly Locale[] = ["en", "ja"];
export const SCOPES: readonly ApiScope[] = ["read", "write"];
export const DELIVERY_STATES: readonly DeliveryState[] = ["queued", "sending", "sent", "failed", "retrying", "suppressed"];
/** Categories people may turn off; transactional email (invitations, sign-in links) always arrives. */
export const OPTIONAL_CATEGORIES: readonly Exclude<EmailCategory, "transactional">[] = ["campaign", "match", "nudge", "survey"];
