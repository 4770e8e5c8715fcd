// The nudges' shapes, as the schema names them.
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type NudgeSettings = Schemas["NudgeSettingsView"];
export type NudgeSettingsRequest = Schemas["NudgeSettingsRequest"];
export type NudgeSetting = Schemas["NudgeSetting"];
export type NudgeRule = Schemas["NudgeRule"];
export type NudgeState = Schemas["NudgeState"];
export type NudgeLogEntry = Schemas["NudgeLogEntry"];
