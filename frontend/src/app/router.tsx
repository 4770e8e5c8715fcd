import { createBrowserRouter } from "react-router";
import { AcceptInvitationPage } from "../features/auth/AcceptInvitationPage";
import { LoginPage } from "../features/auth/LoginPage";
import { SignupPage } from "../features/auth/SignupPage";
import { ApiKeysPage } from "../features/api-keys/ApiKeysPage";
import { AuditLogPage } from "../features/audit/AuditLogPage";
import { EmailSettingsPage } from "../features/email/EmailSettingsPage";
import { JobQueuePage } from "../features/jobs/JobQueuePage";
import { MailboxPage } from "../features/mailbox/MailboxPage";
import { MessagePage } from "../features/mailbox/MessagePage";
import { EmailPreferencesPage } from "../features/preferences/EmailPreferencesPage";
import { HomePage } from "../features/home/HomePage";
import { TeamPage } from "../features/team/TeamPage";
import { ImportPage } from "../features/people/import/ImportPage";
import { PeoplePage } from "../features/people/PeoplePage";
import { PersonPage } from "../features/people/PersonPage";
import { ApplyPage } from "../features/apply/ApplyPage";
import { ConfirmApplicationPage } from "../features/apply/ConfirmApplicationPage";
import { CampaignPage } from "../features/recruitment/CampaignPage";
import { EditCampaignPage } from "../features/recruitment/EditCampaignPage";
import { NewCampaignPage } from "../features/recruitment/NewCampaignPage";
import { PrivacyPage } from "../features/privacy/PrivacyPage";
import { ProgramPage } from "../features/programs/ProgramPage";
import { ProgramsPage } from "../features/programs/ProgramsPage";
import { TemplatesPage } from "../features/programs/TemplatesPage";
import { EditProgramPage, NewProgramPage } from "../features/programs/wizard/NewProgramPage";
import { AdminOnly } from "./AdminOnly";
import { AppLayout } from "./AppLayout";
import { NotFoundPage } from "./NotFoundPage";
import { RequireSession } from "./RequireSession";
import { WritersOnly } from "./WritersOnly";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignupPage /> },
  { path: "/invitations/accept", element: <AcceptInvitationPage /> },
  // Reached from emails by participants, who have no account: no session needed.
  { path: "/email-preferences", element: <EmailPreferencesPage /> },
  { path: "/apply", element: <ApplyPage /> },
  { path: "/applications/confirm", element: <ConfirmApplicationPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "mailbox", element: <MailboxPage /> },
          { path: "mailbox/:deliveryId", element: <MessagePage /> },
          { path: "people", element: <PeoplePage /> },
          { path: "people/:personId", element: <PersonPage /> },
          { path: "programs", element: <ProgramsPage /> },
          { path: "programs/:programId", element: <ProgramPage /> },
          { path: "campaigns/:campaignId", element: <CampaignPage /> },
          {
            element: <WritersOnly />,
            children: [
              { path: "people/import", element: <ImportPage /> },
              { path: "programs/new", element: <NewProgramPage /> },
              { path: "programs/templates", element: <TemplatesPage /> },
              { path: "programs/:programId/edit", element: <EditProgramPage /> },
              { path: "programs/:programId/campaigns/new", element: <NewCampaignPage /> },
              { path: "campaigns/:campaignId/edit", element: <EditCampaignPage /> },
            ],
          },
          {
            path: "settings",
            element: <AdminOnly />,
            children: [
              { path: "team", element: <TeamPage /> },
              { path: "api-keys", element: <ApiKeysPage /> },
              { path: "audit-log", element: <AuditLogPage /> },
              { path: "email", element: <EmailSettingsPage /> },
              { path: "jobs", element: <JobQueuePage /> },
              { path: "privacy", element: <PrivacyPage /> },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
