import { useState } from "react";
import { Alert, Button, Card, Group, NumberInput, SegmentedControl, SimpleGrid, Slider, Stack, Switch, Text, Title, useMatches } from "@mantine/core";
import { IconInfoCircle, IconPlayerPlay, IconRestore } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Criterion, MatchingRunView, MatchingSettings } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useStartRun } from "./matchingApi";
import { initialDraft, MAX_OVERLAP_HOURS, MAX_WEIGHT, presetWeights, runRequest, weightsArePreset, type RunDraft } from "./settings";

function WeightSlider({ criterion, weight, onChange }: { criterion: Criterion; weight: number; onChange: (weight: number) => void }) {
  const { t } = useTranslation();
  const name = t(`matching.criteria.${criterion}`);
  return (
    <div data-testid={`weight-${criterion}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {name}
        </Text>
        <Text size="sm" fw={600} data-testid={`weight-${criterion}-value`}>
          {weight}
        </Text>
      </Group>
      <Slider
        min={0}
        max={MAX_WEIGHT}
        step={1}
        value={weight}
        onChange={onChange}
        thumbLabel={t("matching.settings.weightOf", { criterion: name })}
        label={null}
        my={6}
      />
      <Text size="xs" c="dimmed">
        {t(`matching.criterionHints.${criterion}`)}
      </Text>
    </div>
  );
}

interface Props {
  programId: string;
  settings: MatchingSettings;
  /** A run of the program is still working: another would only queue behind it. */
  working: boolean;
  /** The program is active: a run pairs only the people who have no active pair. */
  freeOnly: boolean;
  onStarted: (run: MatchingRunView) => void;
}

/** The mode, a weight per criterion from the program's preset, the two constraints, and "Run matching". */
export function RunSettingsCard({ programId, settings, working, freeOnly, onStarted }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<RunDraft>(() => initialDraft(settings));
  const start = useStartRun(programId);
  const change = (patch: Partial<RunDraft>) => setDraft((d) => ({ ...d, ...patch }));
  // Three modes side by side do not fit a phone's width.
  const orientation = useMatches<"vertical" | "horizontal">({ base: "vertical", sm: "horizontal" });
  return (
    <Card withBorder padding="lg" data-testid="matching-settings">
      <Title order={2} size="h4" mb="xs">
        {t("matching.settings.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("matching.settings.intro")}
      </Text>
      {freeOnly && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mb="md" data-testid="free-only">
          {t("matching.settings.freeOnly")}
        </Alert>
      )}
      <Stack gap="lg">
        <div>
          <Text size="sm" fw={500} mb={4} id="matching-mode">
            {t("matching.settings.mode")}
          </Text>
          <SegmentedControl
            aria-labelledby="matching-mode"
            fullWidth
            size="md"
            orientation={orientation}
            value={draft.mode}
            onChange={(value) => change({ mode: settings.modes.find((m) => m === value) ?? draft.mode })}
            data={settings.modes.map((m) => ({ value: m, label: t(`matching.modes.${m}`) }))}
          />
          <Text size="sm" c="dimmed" mt={6} data-testid="mode-hint">
            {t(`matching.modeHints.${draft.mode}`)}
          </Text>
        </div>
        <div>
          <Group justify="space-between" mb="xs">
            <Text size="sm" fw={500}>
              {t("matching.settings.weights")}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconRestore size={14} />}
              disabled={weightsArePreset(draft, settings)}
              onClick={() => change({ weights: presetWeights(settings) })}
            >
              {t("matching.settings.resetToPreset")}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
            {settings.criteria.map((c) => (
              <WeightSlider key={c} criterion={c} weight={draft.weights[c]} onChange={(w) => change({ weights: { ...draft.weights, [c]: w } })} />
            ))}
          </SimpleGrid>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Switch
            label={t("matching.settings.commonLanguage")}
            description={t("matching.settings.commonLanguageHint")}
            checked={draft.commonLanguage}
            onChange={(e) => change({ commonLanguage: e.currentTarget.checked })}
          />
          <NumberInput
            label={t("matching.settings.minOverlap")}
            description={t("matching.settings.minOverlapHint")}
            min={0}
            max={MAX_OVERLAP_HOURS}
            step={0.5}
            decimalScale={1}
            clampBehavior="strict"
            allowNegative={false}
            value={draft.minOverlapHours}
            onChange={(v) => change({ minOverlapHours: typeof v === "number" ? v : 0 })}
          />
        </SimpleGrid>
        {start.isError && <ErrorAlert error={start.error} />}
        <Group justify="flex-end" gap="sm">
          {working && (
            <Text size="sm" c="dimmed">
              {t("matching.settings.working")}
            </Text>
          )}
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            loading={start.isPending}
            disabled={working}
            onClick={() => start.mutate(runRequest(draft), { onSuccess: onStarted })}
          >
            {t("matching.settings.run")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
