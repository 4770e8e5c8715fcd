import { Anchor, Badge, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Eligibility, ProgramDesign } from "../../api/types";
import { formatDate, formatNumber } from "../../i18n/format";
import { useLanguage } from "../../shared/useLanguage";

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function RuleText({ rule }: { rule: Eligibility }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const parts: string[] = [];
  if (rule.level_min != null || rule.level_max != null) {
    parts.push(
      t("programs.rule.levels", {
        min: rule.level_min != null ? formatNumber(rule.level_min, language) : "1",
        max: rule.level_max != null ? formatNumber(rule.level_max, language) : "20",
      }),
    );
  }
  if (rule.departments.length) parts.push(`${t("programs.rule.departments")}: ${rule.departments.join(", ")}`);
  if (rule.functions.length) parts.push(`${t("programs.rule.functions")}: ${rule.functions.join(", ")}`);
  if (rule.regions.length) parts.push(`${t("programs.rule.regions")}: ${rule.regions.join(", ")}`);
  if (rule.executives_only) parts.push(t("programs.rule.executivesOnly"));
  return <>{parts.length ? parts.join(" · ") : t("programs.rule.anyone")}</>;
}

/** A program design in words, for the review step and the program's page. */
export function DesignSummary({ design }: { design: ProgramDesign }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const date = (d: string | null | undefined) => (d ? formatDate(d, language, { timeZone: "UTC" }) : t("programs.notSet"));
  const num = (n: number) => formatNumber(n, language);
  const rules = design.eligibility ?? [];
  return (
    <Stack gap="lg" data-testid="design-summary">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Item label={t("programs.fields.kind")}>{t(`programs.kinds.${design.kind}`)}</Item>
        <Item label={t("programs.fields.purposes")}>
          <Group gap={4}>
            {design.purposes.map((p) => (
              <Badge
                key={p}
                variant="light"
                tt="none"
                radius="sm"
                maw="100%"
                h="auto"
                py={2}
                data-testid={`purpose-${p}`}
                // A custom purpose is a sentence: it wraps and is shown in full.
                styles={{ label: { whiteSpace: "normal", textAlign: "left", overflow: "visible", textOverflow: "clip", overflowWrap: "anywhere" } }}
              >
                {p === "custom" && design.custom_purpose ? design.custom_purpose : t(`programs.purposes.${p}`)}
              </Badge>
            ))}
          </Group>
        </Item>
        <Item label={t("programs.dates")}>
          {date(design.start_date)} – {date(design.end_date)}
        </Item>
        <Item label={t("programs.fields.slots")}>{num(design.slots)}</Item>
        <Item label={t("programs.fields.mentor_capacity")}>{num(design.mentor_capacity ?? 1)}</Item>
        <Item label={t("programs.commitment")}>
          {t("programs.commitmentText", { meetings: num(design.meetings_per_month), minutes: num(design.minutes_per_meeting) })}
        </Item>
        <Item label={t("programs.fields.check_in_cadence")}>{t(`programs.cadences.${design.check_in_cadence}`)}</Item>
        {design.kind === "reverse" && (
          <Item label={t("programs.fields.mentors_more_junior")}>
            {design.mentors_more_junior === false ? t("people.no") : t("people.yes")}
          </Item>
        )}
      </SimpleGrid>
      <div>
        <Title order={3} size="h5" mb={4}>
          {t("programs.fields.eligibility")}
        </Title>
        {rules.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("programs.noRules")}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {rules.map((rule, i) => (
              <List.Item key={i}>
                <Text span fw={600} size="sm">
                  {t(`programs.roles.${rule.role ?? "either"}`)}:
                </Text>{" "}
                <RuleText rule={rule} />
              </List.Item>
            ))}
          </List>
        )}
      </div>
      {(design.success_metrics ?? []).length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t("programs.fields.success_metrics")}
          </Title>
          <List size="sm" spacing={4}>
            {(design.success_metrics ?? []).map((m, i) => (
              <List.Item key={i}>
                {t("programs.metric.text", {
                  name: m.name,
                  target: num(m.target),
                  unit: m.unit,
                  // Where the number comes from, then the design's own words about it.
                  measured_by: [t(`programs.metric.sources.${m.source ?? "manual"}`), m.measured_by.trim()]
                    .filter(Boolean)
                    .join(language === "ja" ? "、" : ", "),
                })}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {(design.training ?? []).length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t("programs.fields.training")}
          </Title>
          <List size="sm" spacing={4}>
            {(design.training ?? []).map((m, i) => (
              <List.Item key={i}>
                {m.url ? (
                  <Anchor href={m.url} target="_blank" rel="noopener noreferrer" size="sm">
                    {m.title}
                  </Anchor>
                ) : (
                  m.title
                )}{" "}
                <Text span c="dimmed" size="sm">
                  ({t(`programs.roles.${m.role}`)})
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {(design.resources ?? []).length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t("programs.fields.resources")}
          </Title>
          <List size="sm" spacing={4}>
            {(design.resources ?? []).map((r, i) => (
              <List.Item key={i}>
                <Anchor href={r.link} target="_blank" rel="noopener noreferrer" size="sm">
                  {r.title}
                </Anchor>
                {r.description ? ` — ${r.description}` : ""}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
