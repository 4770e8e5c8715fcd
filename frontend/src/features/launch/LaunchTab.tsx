import { Grid, Stack } from "@mantine/core";
import type { ProgramView } from "../../api/types";
import { ListState } from "../../shared/ListState";
import { useLanguage } from "../../shared/useLanguage";
import { ExecutivesCard } from "./ExecutivesCard";
import { KickoffCard } from "./KickoffCard";
import { useMonitoring } from "./launchApi";
import { PairsHealthCard } from "./PairsHealthCard";
import { ReciprocityCard } from "./ReciprocityCard";
import { StoriesCard } from "./StoriesCard";
import { TrainingCard } from "./TrainingCard";

/**
 * Step 5 of the method on the program page: the kickoff and the training before it, then, as
 * pairs meet, how each pair is doing, whether learning goes both ways, executives' part, and the
 * stories the pairs agreed to share.
 */
export function LaunchTab({ program, writer }: { program: ProgramView; writer: boolean }) {
  const language = useLanguage();
  const monitoring = useMonitoring(program.id, language);
  const data = monitoring.data;
  const open = program.state !== "completed" && program.state !== "archived";
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <KickoffCard programId={program.id} writer={writer && open} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <TrainingCard programId={program.id} />
        </Grid.Col>
      </Grid>
      <ListState query={monitoring} isEmpty={false} emptyText="">
        {data && (
          <Stack gap="md">
            <PairsHealthCard monitoring={data} />
            <Grid gap="md">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <ReciprocityCard reciprocity={data.learning} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <Stack gap="md">
                  <ExecutivesCard executives={data.executives} />
                  <StoriesCard stories={data.stories} writer={writer} />
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </ListState>
    </Stack>
  );
}
