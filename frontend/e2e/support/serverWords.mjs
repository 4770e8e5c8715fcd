// Words the server writes (problem details, field and row errors) as it answers the console,
// which asks for its own language: journeys check that a Japanese screen gets Japanese ones.
import { catalogues } from "./browser.mjs";

const WORDS = {
  en: {
    jobLevelOutOfRange: "must be a whole number from 1 (most junior) to 20",
    needsDeadline: "needs a deadline",
    notEligible: "not eligible: needs job level 5 or below",
    datesBeforeRecruiting: "set the start and end dates before recruiting",
    deadlineWithoutDeadline: "uses {{ deadline }} but the campaign has no deadline",
    alreadyInvited: "already invited",
    mentorLevelAtMost5: "needs job level 5 or below",
    notAnEmail: "is not a valid email address",
    importedWithoutManager: "imported without a manager: the row of S003 (line 4) was refused",
    canTeach: "can teach what the other wants to learn",
    noCommonLanguage: "all 5 mentors share no language with them",
  },
  ja: {
    jobLevelOutOfRange: "1（最も若手）〜20の整数にしてください",
    needsDeadline: "締め切りが必要です",
    notEligible: "応募の条件に合いません。等級5以下が対象です",
    datesBeforeRecruiting: "募集の前に開始日と終了日を設定してください",
    deadlineWithoutDeadline: "{{ deadline }} を使っていますが、この募集には締切がありません",
    alreadyInvited: "すでに招待済みです",
    mentorLevelAtMost5: "等級5以下が対象です",
    notAnEmail: "メールアドレスの形式が正しくありません",
    importedWithoutManager: "上司なしで取り込みます。上司 S003 の行（4行目）が取り込めないためです",
    canTeach: "相手が学びたいことを教えられます",
    noCommonLanguage: "5人のメンター全員と組めません: 共通の言語がない（5人）",
  },
};

/** The server's words in the language of console catalogue `L`. */
export function serverWords(L) {
  return L === catalogues.ja ? WORDS.ja : WORDS.en;
}
