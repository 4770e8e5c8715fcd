import { useState } from "react";
import { Badge, Grid, NavLink, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ListState } from "../../shared/ListState";
import { useTemplates } from "./emailApi";
import { TemplateEditor } from "./TemplateEditor";
import { TemplateName } from "./TemplateName";
import { templateId } from "./templates";

/** Every template in every language; the chosen one in the editor. */
export function TemplatesPanel() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const [chosen, setChosen] = useState<string | null>(null);

  const views = templates.data ?? [];
  const current = views.find((v) => templateId(v) === chosen) ?? views[0];

  return (
    <ListState query={templates} isEmpty={current === undefined} emptyText={t("email.noTemplates")}>
      {current && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Stack gap={4}>
              {views.map((v) => (
                <NavLink
                  key={templateId(v)}
                  component="button"
                  type="button"
                  active={templateId(v) === templateId(current)}
                  onClick={() => setChosen(templateId(v))}
                  label={<TemplateName name={v.template} />}
                  description={t(`language.names.${v.locale}`)}
                  data-testid={`template-${templateId(v)}`}
                  rightSection={
                    v.overridden ? (
                      <Badge size="xs" color="grape" variant="light">
                        {t("email.overridden")}
                      </Badge>
                    ) : null
                  }
                  style={{ borderRadius: 8 }}
                />
              ))}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {/* A new editor when the choice changes, or when a reset brings the built-in sources back. */}
            <TemplateEditor key={`${templateId(current)}:${current.overridden}`} view={current} />
          </Grid.Col>
        </Grid>
      )}
    </ListState>
  );
}
