// The results shapes, as the schema names them.
import type { components } from "../../api/schema";
export type { MetricSource } from "../../api/types";

type Schemas = components["schemas"];

export type ProgramResults = Schemas["ProgramResults"];
export type ProgramFunnel = Schemas["ProgramFunnel"];
export type MonthSessions = Schemas["MonthSessions"];
export type HealthCounts = Schemas["HealthCounts"];
export type MetricResult = Schemas["MetricResult"];
export type MetricValue = Schemas["MetricValue"];
export type SurveySummary = Schemas["SurveySummary"];
export type TrainingSummary = Schemas["TrainingSummary"];
export type ExecutivesInPairs = Schemas["ExecutivesInPairs"];
export type PairDiversity = Schemas["PairDiversity"];
export type Attention = Schemas["Attention"];
export type PairNeedingAttention = Schemas["PairNeedingAttention"];
export type CheckInsOverdue = Schemas["CheckInsOverdue"];
export type SurveyClosing = Schemas["SurveyClosing"];
export type CheckInPeriod = Schemas["CheckInPeriod"];
