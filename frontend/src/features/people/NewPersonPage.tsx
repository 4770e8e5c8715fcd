import { Card, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useConsoleUser, useTenant } from "../../app/AppLayout";
import { BackLink } from "../../shared/PageParts";
import { PageHeader } from "../../shared/PageHeader";
import { canAdminister } from "../auth/permissions";
import { PersonForm } from "./PersonForm";

/** Adds one person by hand; the new person's page opens once they are saved. */
export function NewPersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useConsoleUser();
  const tenant = useTenant();
  const withSensitive = canAdminister(user.role) && tenant.sensitive_attributes_enabled;
  return (
    <Stack gap="md">
      <BackLink to="/people" label={t("people.back")} />
      <PageHeader title={t("people.newTitle")} description={t("people.newSubtitle")} />
      <Card withBorder padding="lg">
        <PersonForm
          withSensitive={withSensitive}
          onCancel={() => void navigate("/people")}
          onSaved={(saved) => void navigate(`/people/${saved.id}`, { replace: true })}
        />
      </Card>
    </Stack>
  );
}
