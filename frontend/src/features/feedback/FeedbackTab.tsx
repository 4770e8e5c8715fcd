import { Stack } from "@mantine/core";
import type { ProgramView } from "../../api/types";
import { CheckInsCard } from "./CheckInsCard";
import { SurveysCard } from "./SurveysCard";

/**
 * Feedback on the program page, once pairs meet: the pulse check-ins (the trend and each member's
 * latest answer) and the surveys with their results. Viewers read; writers ask and run surveys.
 */
export function FeedbackTab({ program, writer }: { program: ProgramView; writer: boolean }) {
  // An end-of-program survey may run once the program is completed; nothing changes once archived.
  const surveysOpen = program.state !== "archived";
  return (
    <Stack gap="md">
      <CheckInsCard programId={program.id} canAsk={writer && program.state === "active"} />
      <SurveysCard programId={program.id} programKind={program.design.kind} writer={writer && surveysOpen} />
    </Stack>
  );
}
