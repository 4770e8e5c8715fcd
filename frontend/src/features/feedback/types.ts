// The feedback shapes (check-ins and surveys), as the schema names them.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type CheckInReport = Schemas["CheckInReport"];
export type CheckInPeriod = Schemas["CheckInPeriod"];
export type CheckInRow = Schemas["CheckInRow"];
export type CheckInAnswer = Schemas["CheckInAnswer"];
export type PublicCheckIn = Schemas["PublicCheckIn"];
export type PublicSurvey = Schemas["PublicSurvey"];
export type PublicQuestion = Schemas["PublicQuestion"];
export type SurveyView = Schemas["SurveyView"];
export type SurveyRequest = Schemas["SurveyRequest"];
export type SurveyKind = Schemas["SurveyKind"];
export type SurveyState = Schemas["SurveyState"];
export type SurveyQuestion = Schemas["SurveyQuestion"];
export type SurveyQuestionKind = Schemas["SurveyQuestionKind"];
export type SurveyResultsView = Schemas["SurveyResultsView"];
export type GroupResults = Schemas["GroupResults"];
export type QuestionResults = Schemas["QuestionResults"];
export type ResponseGroup = Schemas["ResponseGroup"];
export type SurveyTemplate = Schemas["SurveyTemplateView"];

export const SURVEY_KINDS: readonly SurveyKind[] = ["mid_program", "end_of_program", "custom"];
/** A check-in's score: 1 (not well) to 5 (very well). */
export const CHECK_IN_SCORES = [1, 2, 3, 4, 5] as const;
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const;
export const NPS_POINTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
