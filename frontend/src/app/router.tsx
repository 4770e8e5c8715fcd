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
import { AdminOnly } from "./AdminOnly";
import { AppLayout } from "./AppLayout";
import { NotFoundPage } from "./NotFoundPage";
import { RequireSession } from "./RequireSession";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignupPage /> },
  { path: "/invitations/accept", element: <AcceptInvitationPage /> },
  // Reached from emails by participants, who have no account: no session needed.
  { path: "/email-preferences", element: <EmailPreferencesPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "mailbox", element: <MailboxPage /> },
          { path: "mailbox/:deliveryId", element: <MessagePage /> },
          {
            path: "settings",
            element: <AdminOnly />,
            children: [
              { path: "team", element: <TeamPage /> },
              { path: "api-keys", element: <ApiKeysPage /> },
              { path: "audit-log", element: <AuditLogPage /> },
              { path: "email", element: <EmailSettingsPage /> },
              { path: "jobs", element: <JobQueuePage /> },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
