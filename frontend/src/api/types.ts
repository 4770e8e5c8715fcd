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

export const ROLES: readonly Role[] = ["owner", "admin", "program_manager", "viewer"];
export const LOCALES: readonly Locale[] = ["en", "ja"];
export const SCOPES: readonly ApiScope[] = ["read", "write"];
