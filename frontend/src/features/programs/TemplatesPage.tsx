import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { ListState } from "../../shared/ListState";
import { PageHeader } from "../../shared/PageHeader";
import { useLanguage } from "../../shared/useLanguage";
import { useCreateFromTemplate, useProgramTemplates } from "./programsApi";
import { BackLink } from "../../shared/PageParts";

/** Ready-made designs in the console's language; one click starts a draft. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const templates = useProgramTemplates(language);
  const create = useCreateFromTemplate();

  const list = templates.data ?? [];
  const body = (
    <ListState query={templates} isEmpty={list.length === 0} emptyText={t("programs.templates.empty")}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {list.map((tpl) => (
          <Card key={tpl.key} withBorder padding="lg" data-testid={`template-${tpl.key}`}>
            <Stack gap="xs" h="100%">
              <Title order={2} size="h5">
                {tpl.name}
              </Title>
              <Group gap={4}>
                <Badge variant="light">{t(`programs.kinds.${tpl.design.kind}`)}</Badge>
                <Badge variant="light" color="gray">
                  {t(`programs.cadences.${tpl.design.check_in_cadence}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                {tpl.description}
              </Text>
              <Button
                loading={create.isPending && create.variables?.template === tpl.key}
                aria-label={t("programs.templates.useNamed", { name: tpl.name })}
                onClick={() =>
                  create.mutate(
                    { template: tpl.key, locale: language },
                    {
                      onSuccess: (program) => {
                        notifications.show({ color: "teal", message: t("programs.created", { name: program.design.name }) });
                        void navigate(`/programs/${program.id}`);
                      },
                    },
                  )
                }
              >
                {t("programs.templates.use")}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </ListState>
  );

  return (
    <Stack gap="md">
      <BackLink to="/programs" label={t("programs.back")} />
      <PageHeader title={t("programs.templates.title")} description={t("programs.templates.subtitle")} />
      {create.isError && <ErrorAlert error={create.error} />}
      {body}
    </Stack>
  );
}
