import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LOCALES, type CampaignView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

/** What the campaign sends and asks: its schedule, reminder, message per language and questions. */
export function CampaignDetails({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = campaign;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">
        {t("recruitment.details.title")}
      </Title>
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact
            testId="campaign-deadline"
            label={t("recruitment.fields.deadline")}
            value={c.deadline ? formatDateTime(c.deadline, language) : t("recruitment.noDeadline")}
          />
          <Fact
            testId="campaign-send-at"
            label={t("recruitment.fields.sendAt")}
            value={c.send_at ? formatDateTime(c.send_at, language) : t("recruitment.details.sendWhenOpen")}
          />
          <Fact
            testId="campaign-reminder"
            label={t("recruitment.details.reminder")}
            value={
              c.reminder_hours_before === null || c.reminder_hours_before === undefined
                ? t("recruitment.details.noReminder")
                : t("recruitment.details.reminderHours", {
                    count: c.reminder_hours_before,
                    shown: formatNumber(c.reminder_hours_before, language),
                  })
            }
          />
        </SimpleGrid>
        <div>
          <Text fw={500} size="sm" mb="xs">
            {t("recruitment.message.title")}
          </Text>
          {Object.keys(c.messages).length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="campaign-no-messages">
              {t("recruitment.details.noMessages")}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {LOCALES.map((l) => {
                const message = c.messages[l];
                return (
                  <Card key={l} withBorder padding="sm" data-testid={`campaign-message-${l}`}>
                    <Text size="xs" c="dimmed" mb={4}>
                      {t(`language.names.${l}`)}
                    </Text>
                    {message ? (
                      <Stack gap={4}>
                        <Text size="sm" fw={600} data-testid={`campaign-subject-${l}`}>
                          {message.subject}
                        </Text>
                        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                          {message.body}
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t("recruitment.details.noMessage")}
                      </Text>
                    )}
                  </Card>
                );
              })}
            </SimpleGrid>
          )}
        </div>
        <div data-testid="campaign-questions">
          <Text fw={500} size="sm" mb="xs">
            {t("recruitment.questions.title")}
          </Text>
          {c.questions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("recruitment.questions.none")}
            </Text>
          ) : (
            <List spacing="xs" size="sm">
              {c.questions.map((q) => (
                <List.Item key={q.key}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm">{q.label}</Text>
                    <Badge variant="light" color="gray" size="sm">
                      {t(`recruitment.questions.kinds.${q.kind}`)}
                    </Badge>
                    {q.required && (
                      <Badge variant="light" size="sm">
                        {t("recruitment.questions.required")}
                      </Badge>
                    )}
                  </Group>
                  {(q.options ?? []).length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t("recruitment.questions.options")}: {(q.options ?? []).join(", ")}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </Stack>
    </Card>
  );
}
