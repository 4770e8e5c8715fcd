import { Button, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconTemplate } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorAlert } from "../../../shared/ErrorAlert";
import { PageHeader } from "../../../shared/PageHeader";
import { useCreateProgram, useProgram, useReplaceProgram } from "../programsApi";
import { ProgramWizard } from "./ProgramWizard";
import { emptyWizard, fromProgramInput } from "./wizardState";
import { BackLink, PageLoading } from "../../../shared/PageParts";

export function NewProgramPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateProgram();
  return (
    <Stack gap="md">
      <BackLink to="/programs" label={t("programs.back")} />
      <PageHeader
        title={t("programs.wizard.title")}
        description={t("programs.wizard.subtitle")}
        actions={
          <Button component={Link} to="/programs/templates" variant="default" leftSection={<IconTemplate size={16} />}>
            {t("programs.templates.open")}
          </Button>
        }
      />
      <ProgramWizard
        initialValues={emptyWizard()}
        submitLabel={t("programs.wizard.create")}
        busy={create.isPending}
        save={(input) => create.mutateAsync(input)}
        onSaved={(program) => {
          notifications.show({ color: "teal", message: t("programs.created", { name: program.design.name }) });
          void navigate(`/programs/${program.id}`);
        }}
      />
    </Stack>
  );
}

export function EditProgramPage() {
  const { t } = useTranslation();
  const { programId = "" } = useParams();
  const navigate = useNavigate();
  const program = useProgram(programId);
  const replace = useReplaceProgram(programId);
  if (program.isPending) return <PageLoading />;
  if (program.isError) return <ErrorAlert error={program.error} onRetry={() => void program.refetch()} />;
  return (
    <Stack gap="md">
      <BackLink to={`/programs/${programId}`} label={program.data.design.name} />
      <PageHeader title={t("programs.editTitle", { name: program.data.design.name })} />
      <ProgramWizard
        initialValues={fromProgramInput(program.data.design)}
        submitLabel={t("programs.wizard.save")}
        busy={replace.isPending}
        save={(input) => replace.mutateAsync(input)}
        onSaved={() => {
          notifications.show({ color: "teal", message: t("programs.saved") });
          void navigate(`/programs/${programId}`);
        }}
      />
    </Stack>
  );
}
