import { Button, Center, Group, List, Loader, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Audience, CampaignView } from "../../api/types";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useLanguage } from "../../shared/useLanguage";
import { languageSplit, openingSays } from "./audience";
import { useCampaignAudience } from "./recruitmentApi";

function AudienceWords({ campaign, audience }: { campaign: CampaignView; audience: Audience }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const says = openingSays(campaign, audience, Date.now());
  if (says.kind === "noMessage") {
    return <Text size="sm">{t(says.publicLink ? "recruitment.opening.noMessageLink" : "recruitment.opening.noMessage")}</Text>;
  }
  if (says.kind === "nobody") return <Text size="sm">{t(`recruitment.opening.nobody.${campaign.kind}`)}</Text>;
  const shown = formatNumber(says.count, language);
  const split = languageSplit(audience)
    .map(({ locale, count }) => t("recruitment.opening.inLanguage", { shown: formatNumber(count, language), language: t(`recruitment.opening.languages.${locale}`) }))
    .join(t("recruitment.opening.listSeparator"));
  const more = says.count - audience.sample.length;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} data-testid="opening-count">
        {says.kind === "now"
          ? t("recruitment.opening.emailsNow", { count: says.count, shown })
          : t("recruitment.opening.emailsAt", { count: says.count, shown, when: formatDateTime(says.at, language) })}
      </Text>
      <Text size="sm" data-testid="opening-languages">
        {split}
      </Text>
      <Text size="sm" c="dimmed">
        {t("recruitment.opening.among")}
      </Text>
      <List size="sm" data-testid="opening-sample">
        {audience.sample.map((m) => (
          <List.Item key={m.person_id}>
            {m.name} · {t(`language.names.${m.language}`)}
          </List.Item>
        ))}
      </List>
      {more > 0 && (
        <Text size="sm" c="dimmed">
          {t("recruitment.opening.andMore", { count: more, shown: formatNumber(more, language) })}
        </Text>
      )}
    </Stack>
  );
}

interface Props {
  campaign: CampaignView;
  opened: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: () => void;
}

/** Before a campaign opens: who it emails, in which languages, and when; only its button opens it. */
export function OpenCampaignDialog({ campaign, opened, busy, error, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const audience = useCampaignAudience(campaign.id, opened);
  return (
    <Modal opened={opened} onClose={onClose} title={t("recruitment.opening.title", { name: campaign.name })} centered>
      <div data-testid="opening-dialog">
        {audience.isPending ? (
          <Center py="md">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : audience.isError ? (
          <ErrorAlert error={audience.error} onRetry={() => void audience.refetch()} />
        ) : (
          <AudienceWords campaign={campaign} audience={audience.data} />
        )}
        {error !== null && error !== undefined && (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={busy} disabled={!audience.isSuccess} onClick={onConfirm}>
            {t("recruitment.moveTo.open")}
          </Button>
        </Group>
      </div>
    </Modal>
  );
}
