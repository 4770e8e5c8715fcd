import { useState } from "react";
import { Button, Card, Group, List, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCircleCheck, IconClock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useProblemForm } from "../../shared/useProblemForm";
import { StoryView } from "../tracking/StoryView";
import type { Story } from "../tracking/types";
import { agreement, MAX_STORY_BODY, MAX_STORY_TITLE, storyErrors } from "./pairForms";
import { useAgreeToStory, useSaveStory } from "./portalApi";

function StoryForm({ pairId, story, onDone }: { pairId: string; story: Story | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveStory(pairId);
  const form = useForm({
    initialValues: { title: story?.title ?? "", body: story?.body ?? "" },
    validate: (values) => Object.fromEntries(Object.entries(storyErrors(values)).map(([k, key]) => [k, t(key, { max: k === "title" ? MAX_STORY_TITLE : MAX_STORY_BODY })])),
  });
  const { failure, showError, clearFailure } = useProblemForm(form);
  return (
    <form
      noValidate
      data-testid="story-form"
      onSubmit={form.onSubmit((values) => {
        clearFailure();
        save.mutate({ title: values.title.trim(), body: values.body.trim() }, { onSuccess: onDone, onError: showError });
      })}
    >
      <Stack gap="sm">
        {failure && <ErrorAlert error={failure.error} extra={failure.unmatched} />}
        {story && (
          <Text size="sm" c="dimmed">
            {t("portal.story.editResets")}
          </Text>
        )}
        <TextInput label={t("portal.story.storyTitle")} required maxLength={MAX_STORY_TITLE} {...form.getInputProps("title")} />
        <Textarea label={t("portal.story.body")} required autosize minRows={4} maxLength={MAX_STORY_BODY} {...form.getInputProps("body")} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("portal.story.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Agreed({ agreed, text }: { agreed: boolean; text: string }) {
  return (
    <List.Item icon={agreed ? <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" /> : <IconClock size={16} color="var(--mantine-color-gray-6)" />}>
      {text}
    </List.Item>
  );
}

interface Props {
  pairId: string;
  story: Story | null;
  me: string;
  partnerId: string;
  partnerName: string;
  editable: boolean;
}

/** The pair's story: written by either, shared with the company only once both agree. */
export function StoryCard({ pairId, story, me, partnerId, partnerName, editable }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const agree = useAgreeToStory(pairId);
  const agreed = story ? agreement(story, me, partnerId) : null;
  return (
    <Card withBorder padding="md" data-testid="story-card">
      <Title order={2} size="h4">
        {t("portal.story.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("portal.story.intro")}
      </Text>
      {editing ? (
        <StoryForm pairId={pairId} story={story} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm">
          {story && agreed && (
            <>
              <StoryView story={story} />
              <List spacing={4} size="sm" center data-testid="story-agreement">
                <Agreed agreed={agreed.mine} text={t(agreed.mine ? "portal.story.youAgreed" : "portal.story.youHaveNot")} />
                <Agreed agreed={agreed.partner} text={t(agreed.partner ? "portal.story.partnerAgreed" : "portal.story.partnerHasNot", { name: partnerName })} />
              </List>
              {agreed.mine && agreed.partner && !story.published && (
                <Text size="sm" c="dimmed">
                  {t("portal.story.waitingForTeam")}
                </Text>
              )}
            </>
          )}
          {agree.isError && <ErrorAlert error={agree.error} />}
          {editable && (
            <Group gap="sm">
              {story && agreed && !agreed.mine && (
                <Button size="compact-sm" loading={agree.isPending} onClick={() => agree.mutate(undefined)}>
                  {t("portal.story.agree")}
                </Button>
              )}
              <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>
                {t(story ? "portal.story.edit" : "portal.story.write")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Card>
  );
}
