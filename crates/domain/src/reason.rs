//! Why something was refused, as data. Every refusal the API sends (a field error, a conflict,
//! a transition that is not allowed) is a [`Reason`]: it has a stable `code` that clients may
//! branch on, and reads in English or Japanese (`describe`). Keeping the words here, next to
//! each other, means a new refusal cannot ship in one language only: the match below does not
//! compile until both are written.

use std::fmt;

use crate::Locale;
use crate::eligibility::Refusal;
use crate::programs::ProgramState;
use crate::recruitment::{ApplicationStatus, CampaignState, Decision};

#[derive(Clone, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum Reason {
    // Values typed into a field.
    Empty,
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    LengthBetween {
        min: usize,
        max: usize,
    },
    TooManyBytes {
        max: usize,
    },
    Between {
        min: i64,
        max: i64,
    },
    ControlCharacters,
    BidiControls,
    OnlySpaces,
    NulCharacter,
    NoAtSign,
    NotAnEmail,
    NotAWholeNumber,
    NotAJobLevel {
        max: u8,
    },
    NotATimeZone,
    NotABoolean,
    NotADate,
    ListTooLong,
    UnsupportedLanguage {
        given: String,
    },
    /// A value of the wrong type or shape, as the JSON reader describes it.
    Invalid {
        detail: String,
    },
    UnknownField,
    NotACursor,
    NotAnEmailCategory,
    TransactionalAlwaysSent,

    // The directory and its imports.
    DuplicateInFile {
        value: String,
    },
    OwnManager,
    NoSuchManager {
        external_id: String,
    },
    EmailBelongsTo {
        external_id: String,
    },
    ExternalIdExists {
        external_id: String,
    },
    ExternalIdOrEmailTaken,
    BatchSize {
        max: usize,
    },
    CsvHeaderUnreadable {
        detail: String,
    },
    CsvMissingColumns {
        columns: Vec<String>,
    },
    CsvLineUnreadable {
        line: u64,
        detail: String,
    },
    CsvNoRows,
    AlreadyInvited,
    DeadlineVariableWithoutDeadline,
    EitherCsvOrFile,
    UnknownEncoding {
        given: String,
    },
    UnreadableCharacters {
        encoding: String,
    },
    NotAGrade,
    TooManyGrades {
        max: usize,
    },
    GradeNotMapped {
        value: String,
    },
    /// A warning: the person is imported, without the manager whose row was refused.
    ManagerRowRefused {
        external_id: String,
        line: u64,
    },
    /// A warning: the column's values are not kept.
    SensitiveAttributesOff,

    // A program's design and lifecycle.
    CloseCampaignsFirst {
        open: u32,
    },
    NamePurpose,
    DescribeCustomPurpose,
    MetricNeedsNameAndTarget,
    LevelMinAboveMax,
    LevelsRange {
        max: u8,
    },
    RuleNeedsRole,
    NoJuniorMentorPossible,
    MutualUsesEither,
    EndAfterStart,
    ResourceNeedsTitleAndLink,
    ModuleNeedsTitle,
    ModuleLinkNotWeb,
    UnknownTemplate {
        given: String,
    },
    ProgramCannotBecome {
        from: ProgramState,
        to: ProgramState,
    },
    PublishPairsFirst,
    SetRolesBeforeRecruiting,
    SetDatesBeforeRecruiting,
    /// Recruiting has started, so the design must stay ready to recruit; `why` says what is missing.
    ProgramKeepsRulesAndDates {
        state: ProgramState,
        why: Box<Reason>,
    },
    ProgramNoLongerChanges {
        state: ProgramState,
    },
    OnlyDraftsDeleted,

    // Matching.
    /// Matching runs over a program that is recruiting, matching or active.
    ProgramNotMatching {
        state: ProgramState,
    },
    WeightOutOfRange {
        max: u8,
    },
    StableNeedsTwoSides,
    /// A lock or forbid names the same person twice.
    PairOfOne,
    NoSuchPerson,
    /// Names are revealed for a finished run only.
    RunNotDone,
    NoSuchRun,
    /// Pairs are published from a program that is matching or active.
    PublishWhileMatching {
        state: ProgramState,
    },
    RunPublishedAlready,
    /// A lock or forbid names its pair one way: a run's pseudonyms, or people's ids.
    EditNamesAPairOnce,
    /// A swap, or a removal, names a pair that is not among the run's proposals.
    NotAProposal,
    /// A swap names its second pair with `other_mentor` and `other_mentee`; other changes do not.
    SwapNeedsTwoPairs,
    /// A swap of two pairs with the same mentee, or the same mentor: nothing would change.
    SwapChangesNothing,
    /// A pair made by hand names a mentee as the mentor, or the other way round.
    WrongSide,
    /// A published pair that was withdrawn already.
    PairEnded,
    /// A withdrawal names someone who is not in the pair.
    NotInThePair,
    /// Wishes name at most a few people each, by their work email.
    TooManyWishes {
        max: u8,
    },

    // Launch and two-way tracking.
    SessionOutsideWindow {
        days: i64,
    },
    SessionInTheFuture,
    PartnerConfirms,
    ConfirmedAlready,
    PairNotActive,
    PairNotPaused,
    StoryNotPublished,
    KickoffEndsBeforeStart,
    SignInLinkUsed,
    ParticipantSignInNeeded,

    // Feedback.
    SurveyNeedsQuestions,
    NotASurveyQuestion,
    SurveyOptions {
        key: String,
    },
    SurveyNotDraft,
    SurveyNotOpen,
    SurveyAnsweredAlready,
    SurveyNobodyToAsk,
    CheckInClosed,
    ClosesBeforeToday,
    MetricMeasuredForYou,
    MetricUnknown,
    MetricQuestion,
    ProgramNotActive,
    RuleTwice,
    DateInTheFuture,

    // Campaigns and applications.
    QuestionKey {
        key: String,
    },
    QuestionKeyTwice {
        key: String,
    },
    QuestionNeedsLabel {
        key: String,
    },
    QuestionLabel {
        key: String,
        why: Box<Reason>,
    },
    QuestionNeedsOptions {
        key: String,
    },
    QuestionTakesNoOptions {
        key: String,
    },
    NotAQuestion,
    AnswerText {
        max: usize,
    },
    AnswerOneOption,
    AnswerOptions,
    MessageNeedsSubjectAndBody,
    TemplateError {
        detail: String,
    },
    TemplateTooMuchWork,
    TemplateTooLarge {
        max_bytes: usize,
    },
    SendBeforeDeadline,
    ReminderNeedsDeadline,
    ClosedCampaignFixed,
    OpenCampaignKeepsKind,
    ProgramNotRecruiting,
    WriteMessageFirst,
    DeadlinePassed,
    CampaignCannotBecome {
        from: CampaignState,
        to: CampaignState,
    },
    NamePeopleOrFilter,
    OpenCampaignHasNoList,
    CampaignClosed,
    ApplicationsClosed,
    ConsentNeeded,
    NotEligible {
        reasons: Vec<Refusal>,
    },
    AlreadyApplied,
    ConfirmationExpired,
    ApplicationDeclined,
    NotConfirmedYet,
    ApplicantWithdrew,
    DecisionNotPossible {
        from: ApplicationStatus,
        decision: Decision,
    },

    // Accounts, team and credentials.
    OnlyOwnersManageOwners,
    LastOwner,
    AccountExists,
    AlreadyMember,
    PersonAlreadyMember,
    NotAMember,
    NoLongerMember,
    WrongCredentials,
    InvitationUsed,
    SignupLinkUsed,
    ResetLinkUsed,
    SessionEnded,
    CookieNeedsHeader,
    RefreshTokenRefused,
    NotARefreshToken,
    NameNeededForNewAccount,
    NoCredential,
    MetricsTokenRequired,
    UnknownApiKey,
    BadAccessToken,
    ConsoleUsersOnly,
    MayNotRead,
    MayNotWrite,
    TeamManagersOnly,
    KeyManagersOnly,
    MailboxOwnersOnly,
    ApiKeyHasNoLanguage,
    NameAScope,

    // What a problem document says when nothing more specific applies.
    NoSuchResource,
    AlreadyExists,
    FieldsInvalid {
        count: usize,
    },
    UnreadableJson {
        detail: String,
    },
    UnreadableBody {
        detail: String,
    },
    BodyTooLarge,
    SendJson,
    TryAgainIn {
        seconds: u64,
    },
    Internal,
}

/// `format!` of the English or the Japanese text, by locale.
macro_rules! say {
    ($locale:expr, $en:literal, $ja:literal) => {
        match $locale {
            Locale::En => format!($en),
            Locale::Ja => format!($ja),
        }
    };
}

impl Reason {
    /// The stable name of this reason (`too_long`, `program_cannot_become`, …).
    pub fn code(&self) -> &'static str {
        self.into()
    }

    /// The reason in words, in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        use Reason::*;
        let l = locale;
        match self {
            Empty => say!(l, "must not be empty", "入力してください"),
            Required => say!(l, "is required", "必須の項目です"),
            TooShort { min } => say!(l, "must be at least {min} characters", "{min}文字以上にしてください"),
            TooLong { max } => say!(l, "must be at most {max} characters", "{max}文字以内にしてください"),
            LengthBetween { min, max } => {
                say!(l, "must be {min} to {max} characters", "{min}〜{max}文字にしてください")
            }
            TooManyBytes { max } => say!(l, "must be at most {max} bytes", "{max}バイト以内にしてください"),
            Between { min, max } => say!(l, "must be {min} to {max}", "{min}〜{max}の範囲にしてください"),
            ControlCharacters => say!(l, "must not contain control characters", "制御文字は使えません"),
            BidiControls => say!(
                l,
                "must not contain bidirectional text controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)",
                "文字の向きを変える制御文字（U+202A〜U+202E、U+2066〜U+2069、U+200E、U+200F、U+061C）は使えません"
            ),
            OnlySpaces => say!(l, "must not be only spaces", "空白だけにはできません"),
            NulCharacter => say!(l, "must not contain the NUL character (\\u0000)", "NUL文字（\\u0000）は使えません"),
            NoAtSign => say!(l, "must contain an @", "「@」を含めてください"),
            NotAnEmail => say!(l, "is not a valid email address", "メールアドレスの形式が正しくありません"),
            NotAWholeNumber => say!(l, "must be a whole number", "整数にしてください"),
            NotAJobLevel { max } => {
                say!(
                    l,
                    "must be a whole number from 1 (most junior) to {max}",
                    "1（最も若手）〜{max}の整数にしてください"
                )
            }
            NotATimeZone => {
                say!(
                    l,
                    "must be an IANA time zone such as Asia/Tokyo",
                    "Asia/Tokyo のような IANA タイムゾーン名にしてください"
                )
            }
            NotABoolean => say!(l, "must be true or false", "true か false にしてください"),
            NotADate => say!(
                l,
                "must be a date like 2024-04-01, 2024/4/1 or 2024年4月1日",
                "2024-04-01、2024/4/1、2024年4月1日 のような日付にしてください"
            ),
            ListTooLong => say!(
                l,
                "at most 50 items of at most 80 characters, without |",
                "50項目まで、各80文字以内で、「|」を含めないでください"
            ),
            UnsupportedLanguage { given } => say!(
                l,
                "unsupported language {given:?}: use en or ja (English, Japanese, 日本語 …)",
                "言語 {given:?} には対応していません。en か ja（English、Japanese、日本語 など）にしてください"
            ),
            Invalid { detail } => say!(l, "{detail}", "値が正しくありません（{detail}）"),
            UnknownField => say!(l, "is not a field of this request", "このリクエストにない項目です"),
            NotACursor => say!(l, "is not a cursor this API issued", "この API が発行したカーソルではありません"),
            NotAnEmailCategory => say!(l, "is not an email category", "メールの種類として正しくありません"),
            TransactionalAlwaysSent => {
                say!(l, "transactional email cannot be turned off", "アカウント関連メールは停止できません")
            }

            DuplicateInFile { value } => {
                say!(l, "{value} appears more than once in this file", "{value} がこのファイルに複数回出てきます")
            }
            OwnManager => say!(l, "a person cannot be their own manager", "自分自身を上司にはできません"),
            NoSuchManager { external_id } => {
                say!(l, "no person with external id {external_id}", "社員番号 {external_id} の人はいません")
            }
            EmailBelongsTo { external_id } => say!(
                l,
                "this email belongs to the person with external id {external_id}",
                "このメールアドレスは社員番号 {external_id} の人が使っています"
            ),
            ExternalIdExists { external_id } => {
                say!(
                    l,
                    "a person with external id {external_id} exists",
                    "社員番号 {external_id} の人はすでに登録されています"
                )
            }
            ExternalIdOrEmailTaken => say!(
                l,
                "another person has this external id or email",
                "この社員番号またはメールアドレスは別の人が使っています"
            ),
            BatchSize { max } => say!(l, "must hold 1 to {max} people", "1〜{max}人にしてください"),
            CsvHeaderUnreadable { detail } => {
                say!(l, "the header row cannot be read: {detail}", "見出し行を読み取れません（{detail}）")
            }
            CsvMissingColumns { columns } => match l {
                Locale::En => format!("no column for {}", columns.join(", ")),
                Locale::Ja => format!("{} の列がありません", columns.join("、")),
            },
            CsvLineUnreadable { line, detail } => say!(
                l,
                "line {line}: {detail}; nothing was imported",
                "{line}行目を読み取れません（{detail}）。何も取り込んでいません"
            ),
            CsvNoRows => say!(l, "has no rows under its header", "見出し行の下にデータがありません"),
            DeadlineVariableWithoutDeadline => say!(
                l,
                "uses {{{{ deadline }}}} but the campaign has no deadline: set one, or take {{{{ deadline }}}} out",
                "{{{{ deadline }}}} を使っていますが、この募集には締切がありません。締切を決めるか、{{{{ deadline }}}} を外してください"
            ),
            AlreadyInvited => say!(l, "already invited", "すでに招待済みです"),
            EitherCsvOrFile => say!(
                l,
                "send the file either as text (csv) or as base64 bytes (file), not both and not neither",
                "ファイルはテキスト（csv）か base64 のバイト列（file）のどちらか一方で送ってください"
            ),
            UnknownEncoding { given } => say!(
                l,
                "unknown encoding {given:?}: use UTF-8, Shift_JIS, EUC-JP, UTF-16LE, UTF-16BE or windows-1252",
                "文字コード {given:?} は使えません。UTF-8、Shift_JIS、EUC-JP、UTF-16LE、UTF-16BE、windows-1252 のいずれかにしてください"
            ),
            UnreadableCharacters { encoding } => say!(
                l,
                "has characters that cannot be read as {encoding}: is the file saved in another encoding?",
                "{encoding} として読めない文字があります。別の文字コードで保存されたファイルではありませんか"
            ),
            NotAGrade => say!(
                l,
                "each grade must be 1 to 64 characters without control characters",
                "等級は制御文字を含まない1〜64文字にしてください"
            ),
            TooManyGrades { max } => say!(l, "at most {max} grades", "等級は{max}件までです"),
            GradeNotMapped { value } => say!(
                l,
                "grade {value} is not mapped to a job level: give it a level in the grade table",
                "「{value}」を等級（1〜20）に対応づけていません。等級の対応表で決めてください"
            ),
            ManagerRowRefused { external_id, line } => say!(
                l,
                "imported without a manager: the row of {external_id} (line {line}) was refused",
                "上司なしで取り込みます。上司 {external_id} の行（{line}行目）が取り込めないためです"
            ),
            SensitiveAttributesOff => say!(
                l,
                "not kept: sensitive attributes are off for this company (Settings)",
                "保存しません。この会社では機微な属性の保存がオフになっています（設定）"
            ),

            CloseCampaignsFirst { open } => say!(
                l,
                "{open} campaign(s) are still open for applications: close them in the same step (close_campaigns), or close them first",
                "応募受付中の募集が{open}件あります。同時に締め切る（close_campaigns）か、先に締め切ってください"
            ),
            NamePurpose => say!(l, "name at least one purpose", "目的を1つ以上選んでください"),
            DescribeCustomPurpose => say!(l, "describe the custom purpose", "独自の目的を説明してください"),
            MetricNeedsNameAndTarget => {
                say!(l, "each metric needs a name and a finite target", "各指標には名前と目標値が必要です")
            }
            LevelMinAboveMax => {
                say!(l, "a rule's minimum level is above its maximum", "条件の最低等級が最高等級を上回っています")
            }
            LevelsRange { max } => say!(l, "levels go from 1 to {max}", "等級は1〜{max}です"),
            RuleNeedsRole => say!(
                l,
                "each rule names its role: mentor, mentee or either",
                "各条件に役割（メンター、メンティー、どちらでも）を指定してください"
            ),
            NoJuniorMentorPossible => say!(
                l,
                "mentors must be more junior than their mentees here, and no eligible mentor's level is below an eligible mentee's",
                "このプログラムではメンターがメンティーより若手である必要がありますが、条件に合うメンターの等級がどのメンティーよりも下になりません"
            ),
            MutualUsesEither => say!(
                l,
                "mutual programs have no mentor or mentee side: use the role either",
                "相互プログラムにはメンターとメンティーの区別がありません。役割は「どちらでも」にしてください"
            ),
            EndAfterStart => say!(l, "must be after the start date", "開始日より後にしてください"),
            ResourceNeedsTitleAndLink => say!(
                l,
                "each resource needs a title and an http(s) link",
                "各資料にはタイトルと http(s) のリンクが必要です"
            ),
            ModuleLinkNotWeb => say!(
                l,
                "a training module's link starts with https:// or http://",
                "研修モジュールのリンクは https:// または http:// で始めてください"
            ),
            ModuleNeedsTitle => say!(l, "each module needs a title", "各研修モジュールにはタイトルが必要です"),
            UnknownTemplate { given } => say!(
                l,
                "no template {given:?}; see /program-templates",
                "テンプレート {given:?} はありません。/program-templates を参照してください"
            ),
            ProgramCannotBecome { from, to } => match l {
                Locale::En => format!("a {from} program cannot become {to}"),
                Locale::Ja => {
                    format!("「{}」のプログラムを「{}」にはできません", program_state_ja(*from), program_state_ja(*to))
                }
            },
            PublishPairsFirst => say!(
                l,
                "publish at least one pair before the program goes active",
                "実施中にする前に、ペアを1組以上公開してください"
            ),
            SetRolesBeforeRecruiting => say!(
                l,
                "set who may be a mentor and who may be a mentee (or who may take either role) before recruiting",
                "募集の前に、メンターとメンティーになれる人（またはどちらにもなれる人）の条件を設定してください"
            ),
            SetDatesBeforeRecruiting => {
                say!(l, "set the start and end dates before recruiting", "募集の前に開始日と終了日を設定してください")
            }
            ProgramKeepsRulesAndDates { state, why } => match l {
                Locale::En => format!("a {state} program keeps its rules and dates: {why}"),
                Locale::Ja => format!(
                    "「{}」のプログラムでは参加条件と日程を外せません。{}",
                    program_state_ja(*state),
                    why.describe(l)
                ),
            },
            ProgramNoLongerChanges { state } => match l {
                Locale::En => format!("a {state} program no longer changes"),
                Locale::Ja => format!("「{}」のプログラムは変更できません", program_state_ja(*state)),
            },
            OnlyDraftsDeleted => say!(
                l,
                "only draft programs are deleted; archive this one instead",
                "削除できるのは下書きのプログラムだけです。代わりにアーカイブしてください"
            ),
            ProgramNotMatching { state } => match l {
                Locale::En => {
                    format!("matching runs over a program that is recruiting, matching or active, not {state}")
                }
                Locale::Ja => format!(
                    "マッチングは募集中・マッチング中・実施中のプログラムで行います（現在は「{}」）",
                    program_state_ja(*state)
                ),
            },
            WeightOutOfRange { max } => say!(l, "must be a weight from 0 to {max}", "0〜{max}の重みにしてください"),
            StableNeedsTwoSides => say!(
                l,
                "the stable mode needs mentors and mentees; a mutual program pairs one pool",
                "安定マッチングにはメンターとメンティーが必要です。相互メンタリングは一つのグループから組みます"
            ),
            PairOfOne => say!(l, "names the same person twice", "同じ人が二度指定されています"),
            NoSuchPerson => say!(l, "is nobody in the directory", "名簿にいない人です"),
            RunNotDone => say!(l, "names are revealed once the run is done", "実行が完了してから名前を表示できます"),
            NoSuchRun => say!(l, "is no matching run of this program", "このプログラムのマッチング結果ではありません"),
            PublishWhileMatching { state } => match l {
                Locale::En => format!("pairs are published while the program is matching or active, not {state}"),
                Locale::Ja => format!(
                    "ペアを公開できるのはマッチング中または実施中のプログラムだけです（現在は「{}」）",
                    program_state_ja(*state)
                ),
            },
            RunPublishedAlready => say!(l, "this run is published already", "この結果はすでに公開されています"),
            EditNamesAPairOnce => say!(
                l,
                "name the pair either by a run's pseudonyms (run_id, mentor, mentee) or by ids (mentor_id, mentee_id)",
                "組み合わせは、実行結果の仮名（run_id、mentor、mentee）か ID（mentor_id、mentee_id）のどちらかで指定してください"
            ),

            NotAProposal => say!(l, "is not a pair this run proposes", "この実行結果が提案したペアではありません"),
            SwapNeedsTwoPairs => say!(
                l,
                "a swap names two proposed pairs: mentor and mentee, and other_mentor and other_mentee; other changes name one",
                "入れ替えには提案されたペアを二つ（mentor と mentee、other_mentor と other_mentee）指定してください。ほかの変更は一つです"
            ),
            SwapChangesNothing => {
                say!(
                    l,
                    "the two pairs share a person, so a swap changes nothing",
                    "二つのペアに同じ人がいるため、入れ替えても変わりません"
                )
            }
            WrongSide => say!(
                l,
                "applied on the other side: a pair is a mentor and a mentee",
                "反対の役割で申し込んだ人です。ペアはメンターとメンティーで組みます"
            ),
            PairEnded => say!(l, "this pair has ended already", "このペアはすでに終了しています"),
            NotInThePair => say!(l, "is not a member of this pair", "このペアのメンバーではありません"),
            SessionOutsideWindow { days } => {
                say!(l, "must be within {days} days of today", "今日から{days}日以内の日時にしてください")
            }
            SessionInTheFuture => say!(
                l,
                "is in the future: log a session once it was held, or plan it",
                "未来の日時です。実施後に記録するか、予定として登録してください"
            ),
            PartnerConfirms => say!(
                l,
                "you logged this session: your partner confirms it",
                "このセッションはあなたが記録しました。確認はペアの相手が行います"
            ),
            ConfirmedAlready => say!(l, "this session is confirmed already", "このセッションはすでに確認済みです"),
            PairNotActive => say!(l, "this pair is not active", "このペアは活動中ではありません"),
            PairNotPaused => say!(l, "this pair is not paused", "このペアは一時停止中ではありません"),
            StoryNotPublished => say!(
                l,
                "only a story both members agreed to can be featured",
                "両方のメンバーが同意したストーリーだけを紹介できます"
            ),
            KickoffEndsBeforeStart => say!(l, "must be after the start", "開始より後にしてください"),
            SignInLinkUsed => say!(
                l,
                "this sign-in link has expired or was already used: ask for a new one",
                "このサインインリンクは期限切れか、すでに使われています。新しいリンクを申し込んでください"
            ),
            ParticipantSignInNeeded => say!(
                l,
                "sign in to the participant portal with the link emailed to you",
                "メールで届いたリンクから参加者ポータルにサインインしてください"
            ),
            NotASurveyQuestion => say!(l, "is not a question of this survey", "このアンケートの質問ではありません"),
            SurveyNeedsQuestions => {
                say!(l, "a survey asks at least one question", "アンケートには質問が1つ以上必要です")
            }
            SurveyOptions { key } => say!(
                l,
                "the options of question {key:?} must differ from each other and be translated one for one",
                "質問 {key:?} の選択肢は重複せず、翻訳も同じ数にしてください"
            ),
            SurveyNotDraft => say!(
                l,
                "only a draft survey can be changed or opened",
                "変更や開始ができるのは下書きのアンケートだけです"
            ),
            SurveyNotOpen => say!(l, "this survey is not open for answers", "このアンケートは回答を受け付けていません"),
            SurveyAnsweredAlready => {
                say!(l, "you have answered this survey already", "このアンケートにはすでに回答済みです")
            }
            SurveyNobodyToAsk => say!(
                l,
                "nobody in this program's pairs takes this role yet",
                "このプログラムのペアには、この役割の参加者がまだいません"
            ),
            CheckInClosed => say!(
                l,
                "this check-in's period is over: the next one comes by email",
                "このチェックインの期間は終了しました。次回はメールでお知らせします"
            ),
            ClosesBeforeToday => say!(l, "must be today or later", "今日以降の日付にしてください"),
            MetricMeasuredForYou => say!(
                l,
                "this metric is measured from the program's own data: only a manual metric takes values",
                "この指標はプログラムのデータから自動で計測されます。値を入力できるのは手入力の指標だけです"
            ),
            MetricQuestion => say!(
                l,
                "a metric measured by a survey question names the question's key, and only then",
                "アンケートの質問で計測する指標には質問キーを指定してください（それ以外では指定しません）"
            ),
            DateInTheFuture => say!(l, "must be today or earlier", "今日以前の日付にしてください"),
            RuleTwice => say!(l, "names a rule already given above", "同じルールがすでに指定されています"),
            ProgramNotActive => say!(
                l,
                "the program has not launched: publish its pairs first",
                "プログラムはまだ開始していません。先にペアを公開してください"
            ),
            MetricUnknown => {
                say!(l, "the program has no success metric by this name", "この名前の成果指標はありません")
            }
            TooManyWishes { max } => {
                say!(
                    l,
                    "name at most {max} people, by their work email",
                    "勤務先のメールアドレスで{max}人まで指定してください"
                )
            }

            QuestionKey { key } => say!(
                l,
                "question key {key:?} must be 1 to 40 letters, digits or _",
                "質問キー {key:?} は1〜40文字の英数字か「_」にしてください"
            ),
            QuestionKeyTwice { key } => {
                say!(l, "question key {key:?} is used twice", "質問キー {key:?} が重複しています")
            }
            QuestionNeedsLabel { key } => say!(l, "question {key:?} needs a label", "質問 {key:?} に質問文が必要です"),
            QuestionLabel { key, why } => {
                let why = why.describe(l);
                say!(l, "the label of question {key:?} {why}", "質問 {key:?} の質問文: {why}")
            }
            QuestionNeedsOptions { key } => {
                say!(l, "question {key:?} needs at least two options", "質問 {key:?} には選択肢が2つ以上必要です")
            }
            QuestionTakesNoOptions { key } => say!(
                l,
                "question {key:?} is free text and takes no options",
                "質問 {key:?} は自由記述なので選択肢はいりません"
            ),
            NotAQuestion => say!(l, "is not a question of this campaign", "このキャンペーンの質問ではありません"),
            AnswerText { max } => {
                say!(l, "must be text of at most {max} characters", "{max}文字以内の文章にしてください")
            }
            AnswerOneOption => say!(l, "must be one of the options", "選択肢から1つ選んでください"),
            AnswerOptions => say!(l, "must be a list of the options", "選択肢から選んでください"),
            MessageNeedsSubjectAndBody => say!(l, "needs a subject and a body", "件名と本文が必要です"),
            TemplateError { detail } => say!(l, "{detail}", "テンプレートに誤りがあります（{detail}）"),
            TemplateTooMuchWork => say!(
                l,
                "takes too much work to render (a loop too long or macros too deep); make it simpler",
                "表示に必要な処理が多すぎます（繰り返しが長すぎるか、マクロが深すぎます）。簡単にしてください"
            ),
            TemplateTooLarge { max_bytes } => {
                say!(l, "renders more than {max_bytes} bytes", "表示すると{max_bytes}バイトを超えます")
            }
            SendBeforeDeadline => say!(l, "must be before the deadline", "締め切りより前にしてください"),
            ReminderNeedsDeadline => say!(l, "needs a deadline", "締め切りが必要です"),
            ClosedCampaignFixed => {
                say!(l, "a closed campaign no longer changes", "終了したキャンペーンは変更できません")
            }
            OpenCampaignKeepsKind => {
                say!(l, "an open campaign keeps its kind", "受付中のキャンペーンは種類を変えられません")
            }
            ProgramNotRecruiting => say!(
                l,
                "the program must be recruiting before a campaign opens",
                "キャンペーンを始めるには、プログラムが募集中である必要があります"
            ),
            WriteMessageFirst => say!(
                l,
                "write the message invitees will get before opening",
                "始める前に、招待する人に送るメッセージを書いてください"
            ),
            DeadlinePassed => say!(l, "the deadline has passed", "締め切りを過ぎています"),
            CampaignCannotBecome { from, to } => match l {
                Locale::En => format!("a {from} campaign cannot become {to}"),
                Locale::Ja => format!(
                    "「{}」のキャンペーンを「{}」にはできません",
                    campaign_state_ja(*from),
                    campaign_state_ja(*to)
                ),
            },
            NamePeopleOrFilter => {
                say!(l, "name people or give a filter", "招待する人を選ぶか、名簿の条件を指定してください")
            }
            OpenCampaignHasNoList => say!(
                l,
                "an open campaign has no invite list: share its link",
                "オープンのキャンペーンには招待リストがありません。公開リンクを共有してください"
            ),
            CampaignClosed => say!(l, "this campaign is closed", "このキャンペーンは終了しました"),
            ApplicationsClosed => {
                say!(l, "applications to this campaign have closed", "このキャンペーンの応募は締め切られました")
            }
            ConsentNeeded => {
                say!(l, "agree to the program's terms to apply", "応募するにはプログラムの規約に同意してください")
            }
            NotEligible { reasons } => {
                let words: Vec<String> = reasons.iter().map(|r| r.describe(l)).collect();
                match l {
                    Locale::En => format!("not eligible: {}", words.join("; ")),
                    Locale::Ja => format!("応募の条件に合いません。{}", words.join("。")),
                }
            }
            AlreadyApplied => {
                say!(l, "you have already applied to this campaign", "このキャンペーンにはすでに応募しています")
            }
            ConfirmationExpired => say!(
                l,
                "this confirmation link has expired: apply again",
                "この確認リンクは期限切れです。もう一度応募してください"
            ),
            ApplicationDeclined => say!(l, "this application was declined", "この応募は見送りになりました"),
            NotConfirmedYet => say!(
                l,
                "the applicant has not confirmed this application yet",
                "応募者がまだこの応募を確認していません"
            ),
            ApplicantWithdrew => say!(l, "the applicant withdrew this application", "応募者がこの応募を取り下げました"),
            DecisionNotPossible { from, decision } => match l {
                Locale::En => format!("a {from} application cannot be given {decision}"),
                Locale::Ja => {
                    format!("「{}」の応募を「{}」にはできません", application_status_ja(*from), decision_ja(*decision))
                }
            },

            OnlyOwnersManageOwners => say!(
                l,
                "only an owner may grant or take away the owner role",
                "オーナーのロールを付けたり外したりできるのはオーナーだけです"
            ),
            LastOwner => say!(l, "a tenant must keep at least one owner", "オーナーは1人以上必要です"),
            AccountExists => say!(
                l,
                "an account with this email exists: log in instead",
                "このメールアドレスのアカウントはすでにあります。ログインしてください"
            ),
            AlreadyMember => say!(l, "already a member of this tenant", "すでにこのテナントのメンバーです"),
            PersonAlreadyMember => say!(l, "this person is already a member", "この人はすでにメンバーです"),
            NotAMember => say!(
                l,
                "this account is not a member of that tenant",
                "このアカウントはそのテナントのメンバーではありません"
            ),
            NoLongerMember => say!(l, "no longer a member of this tenant", "このテナントのメンバーではなくなりました"),
            WrongCredentials => say!(l, "wrong email or password", "メールアドレスまたはパスワードが違います"),
            InvitationUsed => {
                say!(l, "this invitation has expired or was already used", "この招待は期限切れか、すでに使われています")
            }
            SignupLinkUsed => say!(
                l,
                "this sign-up link has expired or was already used: sign up again",
                "この登録リンクは期限切れか、すでに使われています。もう一度登録してください"
            ),
            ResetLinkUsed => say!(
                l,
                "this password link has expired or was already used: ask for a new one",
                "このパスワード再設定リンクは期限切れか、すでに使われています。新しいリンクを申し込んでください"
            ),
            SessionEnded => {
                say!(
                    l,
                    "this session was signed out: sign in again",
                    "このセッションはログアウトされました。もう一度ログインしてください"
                )
            }
            CookieNeedsHeader => say!(
                l,
                "a session cookie is accepted only with the header X-Tandem-Session: cookie",
                "セッションの Cookie は X-Tandem-Session: cookie ヘッダーと一緒のときだけ使えます"
            ),
            RefreshTokenRefused => say!(
                l,
                "invalid, expired or revoked refresh token",
                "リフレッシュトークンが無効か、期限切れか、取り消されています"
            ),
            NotARefreshToken => say!(l, "is not a refresh token", "リフレッシュトークンではありません"),
            NameNeededForNewAccount => say!(l, "is required for a new account", "新しいアカウントには必須です"),
            NoCredential => say!(
                l,
                "send an access token or API key as Authorization: Bearer",
                "アクセストークンか API キーを Authorization: Bearer で送ってください"
            ),
            MetricsTokenRequired => say!(
                l,
                "send the metrics token as Authorization: Bearer",
                "メトリクス用のトークンを Authorization: Bearer で送ってください"
            ),
            UnknownApiKey => say!(l, "unknown or revoked API key", "API キーが不明か、取り消されています"),
            BadAccessToken => say!(l, "invalid or expired access token", "アクセストークンが無効か、期限切れです"),
            ConsoleUsersOnly => {
                say!(l, "only console users may do this", "この操作はコンソールのユーザーだけができます")
            }
            MayNotRead => say!(
                l,
                "this credential may not read this tenant's data",
                "この認証情報ではこのテナントのデータを読めません"
            ),
            MayNotWrite => say!(
                l,
                "this needs a role or API key scope that may write",
                "書き込みのできるロールか API キーのスコープが必要です"
            ),
            TeamManagersOnly => {
                say!(l, "only owners and admins may manage the team", "チームを管理できるのはオーナーと管理者だけです")
            }
            KeyManagersOnly => {
                say!(
                    l,
                    "only owners and admins may manage API keys",
                    "API キーを管理できるのはオーナーと管理者だけです"
                )
            }
            MailboxOwnersOnly => say!(
                l,
                "only owners may read the developer mailbox: its emails carry invitation and participant links",
                "開発用メールボックスを読めるのはオーナーだけです（招待や参加者のリンクが含まれるため）"
            ),
            ApiKeyHasNoLanguage => say!(
                l,
                "an API key has no language; people choose theirs",
                "API キーには言語がありません。言語は人ごとに選びます"
            ),
            NameAScope => say!(l, "must name at least one scope", "スコープを1つ以上指定してください"),

            NoSuchResource => say!(l, "No such resource", "見つかりません"),
            AlreadyExists => say!(l, "This already exists", "すでに存在します"),
            FieldsInvalid { count: 1 } => say!(l, "1 field is invalid", "1件の項目に誤りがあります"),
            FieldsInvalid { count } => say!(l, "{count} fields are invalid", "{count}件の項目に誤りがあります"),
            UnreadableJson { detail } => say!(l, "invalid JSON: {detail}", "JSON を読み取れません（{detail}）"),
            UnreadableBody { detail } => say!(l, "{detail}", "リクエストの本文を読み取れません（{detail}）"),
            BodyTooLarge => say!(l, "The request body exceeds the limit", "リクエストの本文が上限を超えています"),
            SendJson => say!(l, "Send the body as application/json", "本文は application/json で送ってください"),
            TryAgainIn { seconds } => {
                say!(l, "Try again in {seconds} seconds", "{seconds}秒後にもう一度お試しください")
            }
            Internal => say!(l, "Something went wrong on our side", "サーバー側で問題が起きました"),
        }
    }
}

/// English, the language of logs and of clients that ask for none.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Locale::En))
    }
}

impl std::error::Error for Reason {}

/// The names the console uses for these states and decisions.
fn program_state_ja(state: ProgramState) -> &'static str {
    match state {
        ProgramState::Draft => "下書き",
        ProgramState::Recruiting => "募集中",
        ProgramState::Matching => "マッチング中",
        ProgramState::Active => "実施中",
        ProgramState::Completed => "完了",
        ProgramState::Archived => "アーカイブ済み",
    }
}

fn campaign_state_ja(state: CampaignState) -> &'static str {
    match state {
        CampaignState::Draft => "下書き",
        CampaignState::Open => "受付中",
        CampaignState::Closed => "終了",
    }
}

fn application_status_ja(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Unconfirmed => "未確認",
        ApplicationStatus::Submitted => "応募済み",
        ApplicationStatus::Accepted => "承認",
        ApplicationStatus::Waitlisted => "補欠",
        ApplicationStatus::Declined => "見送り",
        ApplicationStatus::Withdrawn => "取り下げ",
    }
}

fn decision_ja(decision: Decision) -> &'static str {
    match decision {
        Decision::Accept => "承認",
        Decision::Waitlist => "補欠",
        Decision::Decline => "見送り",
    }
}

#[cfg(test)]
mod tests {
    use strum::VariantNames;

    use super::*;

    #[test]
    fn codes_are_stable_snake_case_names() {
        assert_eq!(Reason::TooLong { max: 3 }.code(), "too_long");
        assert_eq!(
            Reason::ProgramCannotBecome { from: ProgramState::Draft, to: ProgramState::Active }.code(),
            "program_cannot_become"
        );
    }

    #[test]
    fn reasons_read_in_both_languages() {
        let reasons = [
            Reason::TooLong { max: 200 },
            Reason::ProgramCannotBecome { from: ProgramState::Draft, to: ProgramState::Active },
            Reason::ProgramKeepsRulesAndDates {
                state: ProgramState::Recruiting,
                why: Box::new(Reason::SetDatesBeforeRecruiting),
            },
            Reason::DecisionNotPossible { from: ApplicationStatus::Withdrawn, decision: Decision::Accept },
            Reason::NotEligible { reasons: vec![Refusal::LevelAtLeast(8), Refusal::ExecutivesOnly] },
            Reason::CsvMissingColumns { columns: vec!["email".into(), "name".into()] },
            Reason::FieldsInvalid { count: 2 },
        ];
        for reason in &reasons {
            let (en, ja) = (reason.describe(Locale::En), reason.describe(Locale::Ja));
            assert!(en.is_ascii() && !en.is_empty(), "{en}");
            assert!(!ja.is_ascii(), "{ja} is Japanese");
            assert_eq!(reason.to_string(), en);
            assert!(Reason::VARIANTS.contains(&reason.code()), "{} is listed", reason.code());
        }
        assert_eq!(reasons[0].describe(Locale::Ja), "200文字以内にしてください");
        assert_eq!(reasons[1].describe(Locale::En), "a draft program cannot become active");
        assert_eq!(reasons[1].describe(Locale::Ja), "「下書き」のプログラムを「実施中」にはできません");
        assert_eq!(
            reasons[2].describe(Locale::Ja),
            "「募集中」のプログラムでは参加条件と日程を外せません。募集の前に開始日と終了日を設定してください"
        );
        assert_eq!(
            reasons[4].describe(Locale::En),
            "not eligible: needs job level 8 or above; open to executives only"
        );
        assert_eq!(reasons[4].describe(Locale::Ja), "応募の条件に合いません。等級8以上が対象です。役員のみが対象です");
        assert_eq!(reasons[5].describe(Locale::Ja), "email、name の列がありません");
    }
}
