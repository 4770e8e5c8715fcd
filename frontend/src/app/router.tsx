import type { ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { AcceptInvitationPage } from "../features/auth/AcceptInvitationPage";
import { LoginPage } from "../features/auth/LoginPage";
import { SignupPage } from "../features/auth/SignupPage";
import { HomePage } from "../features/home/HomePage";
import { AdminOnly } from "./AdminOnly";
import { AppLayout } from "./AppLayout";
import { NotFoundPage } from "./NotFoundPage";
import { RequireSession } from "./RequireSession";
import { PageLoading } from "../shared/PageParts";
import { WritersOnly } from "./WritersOnly";

/**
 * A route whose page is fetched the first time it is visited, so that the first screen loads
 * only what it shows (the charts, the wizard and the settings come in their own files).
 */
function page<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return async () => ({ Component: (await load())[name] });
}

/** What shows while the code of the first page opened arrives. */
const FirstPageLoading = () => <PageLoading tall />;

export const router = createBrowserRouter([
  {
    HydrateFallback: FirstPageLoading,
    children: [
      { path: "/login", element: <LoginPage /> },
      { path: "/signup", element: <SignupPage /> },
      { path: "/invitations/accept", element: <AcceptInvitationPage /> },
      // Reached from the emails that finish a sign-up or reset a password: no session needed.
      { path: "/signup/verify", lazy: page(() => import("../features/auth/VerifySignupPage"), "VerifySignupPage") },
      { path: "/password/forgot", lazy: page(() => import("../features/auth/ForgotPasswordPage"), "ForgotPasswordPage") },
      { path: "/password/reset", lazy: page(() => import("../features/auth/ResetPasswordPage"), "ResetPasswordPage") },
      // Reached from emails by participants, who have no account: no session needed.
      { path: "/email-preferences", lazy: page(() => import("../features/preferences/EmailPreferencesPage"), "EmailPreferencesPage") },
      { path: "/apply", lazy: page(() => import("../features/apply/ApplyPage"), "ApplyPage") },
      { path: "/applications/confirm", lazy: page(() => import("../features/apply/ConfirmApplicationPage"), "ConfirmApplicationPage") },
      { path: "/check-in", lazy: page(() => import("../features/feedback/CheckInPage"), "CheckInPage") },
      { path: "/survey", lazy: page(() => import("../features/feedback/SurveyPage"), "SurveyPage") },
      // The participant portal: its own cookie session (a sign-in link by email), no console account.
      { path: "/portal/sign-in", lazy: page(() => import("../features/portal/PortalSignInPage"), "PortalSignInPage") },
      { path: "/portal/verify", lazy: page(() => import("../features/portal/PortalVerifyPage"), "PortalVerifyPage") },
      {
        path: "/portal",
        lazy: page(() => import("../features/portal/PortalLayout"), "PortalLayout"),
        children: [
          { index: true, lazy: page(() => import("../features/portal/PortalHomePage"), "PortalHomePage") },
          { path: "pairs/:pairId", lazy: page(() => import("../features/portal/PortalPairPage"), "PortalPairPage") },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          // The printable results report: a page of its own, without the console's navigation.
          { path: "/programs/:programId/report", lazy: page(() => import("../features/results/ReportPage"), "ReportPage") },
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <HomePage /> },
              { path: "mailbox", lazy: page(() => import("../features/mailbox/MailboxPage"), "MailboxPage") },
              { path: "mailbox/:deliveryId", lazy: page(() => import("../features/mailbox/MessagePage"), "MessagePage") },
              { path: "people", lazy: page(() => import("../features/people/PeoplePage"), "PeoplePage") },
              { path: "people/:personId", lazy: page(() => import("../features/people/PersonPage"), "PersonPage") },
              { path: "programs", lazy: page(() => import("../features/programs/ProgramsPage"), "ProgramsPage") },
              { path: "programs/:programId", lazy: page(() => import("../features/programs/ProgramPage"), "ProgramPage") },
              { path: "pairs/:pairId", lazy: page(() => import("../features/launch/PairPage"), "PairPage") },
              { path: "campaigns/:campaignId", lazy: page(() => import("../features/recruitment/CampaignPage"), "CampaignPage") },
              {
                element: <WritersOnly />,
                children: [
                  { path: "people/import", lazy: page(() => import("../features/people/import/ImportPage"), "ImportPage") },
                  { path: "people/new", lazy: page(() => import("../features/people/NewPersonPage"), "NewPersonPage") },
                  { path: "programs/new", lazy: page(() => import("../features/programs/wizard/NewProgramPage"), "NewProgramPage") },
                  { path: "programs/templates", lazy: page(() => import("../features/programs/TemplatesPage"), "TemplatesPage") },
                  { path: "programs/:programId/edit", lazy: page(() => import("../features/programs/wizard/NewProgramPage"), "EditProgramPage") },
                  { path: "programs/:programId/campaigns/new", lazy: page(() => import("../features/recruitment/NewCampaignPage"), "NewCampaignPage") },
                  { path: "campaigns/:campaignId/edit", lazy: page(() => import("../features/recruitment/EditCampaignPage"), "EditCampaignPage") },
                ],
              },
              {
                path: "settings",
                element: <AdminOnly />,
                children: [
                  { path: "team", lazy: page(() => import("../features/team/TeamPage"), "TeamPage") },
                  { path: "api-keys", lazy: page(() => import("../features/api-keys/ApiKeysPage"), "ApiKeysPage") },
                  { path: "audit-log", lazy: page(() => import("../features/audit/AuditLogPage"), "AuditLogPage") },
                  { path: "email", lazy: page(() => import("../features/email/EmailSettingsPage"), "EmailSettingsPage") },
                  { path: "jobs", lazy: page(() => import("../features/jobs/JobQueuePage"), "JobQueuePage") },
                  { path: "privacy", lazy: page(() => import("../features/privacy/PrivacyPage"), "PrivacyPage") },
                ],
              },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
