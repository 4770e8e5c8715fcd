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
 * Step 5 of the method on the program page: the kickoff, training before it, and once pairs meet,
 * how each pair is doing, whether learning goes both ways, executives' part, and the stories.
 */
export function LaunchTab({ program, writer }: { program: ProgramView; writer: boolean }) {
  const language = useLanguage();
  const monitoring = useMonitoring(program.id, language);
  const data = monitoring.data;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          <ListState query={monitoring} isEmpty={false} emptyText="">
            {data && (
              <Stack gap="md">
                <PairsHealthCard monitoring={data} />
                <ReciprocityCard reciprocity={data.reciprocity} />
              </Stack>
            )}
          </ListState>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="md">
          <KickoffCard programId={program.id} writer={writer && program.state !== "completed" && program.state !== "archived"} />
          <TrainingCard programId={program.id} />
          {data && <ExecutivesCard executives={data.executives} />}
          {data && <StoriesCard stories={data.stories} writer={writer} />}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
