//! Every string a user reads, in Chinese (the default) and English, in one place.
//!
//! The language is `--lang zh|en`, else English when `LC_ALL`, `LC_MESSAGES` or `LANG` names an
//! English locale, else Chinese.

pub mod cli;
pub mod definition;
mod en;
pub mod ingest;
mod zh;

pub use en::EN;
pub use zh::ZH;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language the environment asks for when no flag is given.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.to_ascii_lowercase().starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                };
            }
        }
        Lang::Zh
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// User-visible words and phrases. Templates use `{}` placeholders filled in order.
pub struct Strings {
    pub figures_title: &'static str,
    /// A multiple-choice option's share of respondents, of all choices, and the choices made.
    pub penetration: &'static str,
    pub response_rate: &'static str,
    pub choices: &'static str,
    /// Under `--where`: what the figures are restricted to, how conditions join, the responses
    /// outside, and their name in an accounting line.
    pub filter_line: &'static str,
    pub filter_and: &'static str,
    pub filter_outside: &'static str,
    pub filtered_out: &'static str,
    /// `表1　…`: a table's number and caption.
    pub table_caption: &'static str,
    /// `图1　…`: a figure's number and caption.
    pub figure_caption: &'static str,
    /// Captions of the report's tables: a population's dimensions, its items' reliability, a
    /// question's ranking, a free-text question's themes.
    pub dimensions_caption: &'static str,
    pub items_caption: &'static str,
    pub ranking_caption: &'static str,
    pub themes_caption: &'static str,
    /// The indicator table's caption, alone or with the questionnaire's title.
    pub indicators_caption: &'static str,
    pub indicators_caption_of: &'static str,
    /// Respondents with a view, and those who wrote only 无 / 没有意见.
    pub said_counts: &'static str,
    pub said_nothing: &'static str,
    pub said_keywords: &'static str,
    /// Theme, keywords, respondents, share (the interval's heading follows).
    pub theme_columns: [&'static str; 4],
    pub themes_note: &'static str,
    /// Added when the other figures are weighted.
    pub themes_unweighted: &'static str,
    /// An answer quoted verbatim.
    pub quoted: &'static str,
    pub population: &'static str,
    pub files: &'static str,
    pub received: &'static str,
    pub valid: &'static str,
    pub population_size: &'static str,
    pub method: &'static str,
    pub level: &'static str,
    pub option: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    /// `{}` is the confidence level as a percentage.
    pub interval: &'static str,
    pub awareness_rate: &'static str,
    pub satisfaction_rate: &'static str,
    pub positive_share: &'static str,
    pub agreement_rate: &'static str,
    pub importance_rate: &'static str,
    pub rating_rate: &'static str,
    pub promoter_rate: &'static str,
    /// `{}` the share's name, `{}` the levels it counts.
    pub positive_with_levels: &'static str,
    /// Between the levels a share counts.
    pub level_separator: &'static str,
    pub rank_mean: &'static str,
    pub rank_score: &'static str,
    pub rank_note: &'static str,
    pub nps: &'static str,
    /// `{}` promoters, `{}` passives, `{}` detractors.
    pub nps_groups: &'static str,
    pub mean_score: &'static str,
    pub not_counted: &'static str,
    pub blank: &'static str,
    pub skip: &'static str,
    pub not_applicable: &'static str,
    pub unknown_label: &'static str,
    pub free_text_answers: &'static str,
    pub multiple_note: &'static str,
    pub no_answers: &'static str,
    pub fpc_note: &'static str,
    pub unit_people: &'static str,
    /// `{}` is a number of data rows.
    pub rows: &'static str,
    pub method_names: [&'static str; 5],
    /// `{}` file row.
    pub row_ref: &'static str,
    /// `{}` file row, `{}` respondent number.
    pub row_ref_id: &'static str,
    /// `{}` seconds taken, `{}` median, `{}` limit.
    pub ev_speeder: &'static str,
    /// `{}` the first submission, `{}` the shared IP or user id.
    pub ev_duplicate: &'static str,
    /// `{}` the repeated 序号, `{}` where it first appeared.
    pub ev_repeated_id: &'static str,
    pub ev_blank: &'static str,
    /// `{}` the questions left blank.
    pub ev_incomplete: &'static str,
    /// `{}` number of items, `{}` the level.
    pub ev_straight: &'static str,
    /// `{}` question = label pairs.
    pub ev_unknown: &'static str,
    /// `{}` submission time, `{}` the window.
    pub ev_window: &'static str,
    /// `{}` the column, `{}` what it holds.
    pub ev_unreadable: &'static str,
    /// `{}` the answers that break a check.
    pub ev_check_but: &'static str,
    pub excluded: &'static str,
    pub flagged: &'static str,
    pub all_responses_note: &'static str,
    pub reinstated: &'static str,
    /// `{}` confirmed or reinstated, `{}` the evaluator's reason: added to a finding's evidence.
    pub decision_note: &'static str,
    pub confirmed: &'static str,
    pub check_title: &'static str,
    pub nothing_caught: &'static str,
    pub check_columns: [&'static str; 6],
    pub accounting_columns: [&'static str; 5],
    pub action_exclude: &'static str,
    pub action_flag: &'static str,
    pub total: &'static str,
    /// `{}` row, `{}` respondent, `{}` log path.
    pub decided_exclude: &'static str,
    pub decided_include: &'static str,
    pub no_indicators: &'static str,
    pub ind_name: &'static str,
    pub ind_value: &'static str,
    pub ind_target: &'static str,
    pub ind_points: &'static str,
    pub ind_score: &'static str,
    pub ind_verdict: &'static str,
    pub ind_more: &'static str,
    pub ind_level1: &'static str,
    pub ind_level2: &'static str,
    pub ind_remark: &'static str,
    /// `{}` the 一级 indicator.
    pub ind_subtotal: &'static str,
    /// `{}` how many more valid responses.
    pub more_needed_note: &'static str,
    pub too_close: &'static str,
    /// `{}` total, `{}` points, `{}` score rate, `{}` grade, `{}` the range within the intervals,
    /// `{}` whether the grade holds there.
    pub total_line: &'static str,
    /// `{}` low, `{}` high.
    pub grade_range: &'static str,
    /// `{}` the grade.
    pub grade_holds: &'static str,
    /// `{}` the lowest grade, `{}` the highest.
    pub grade_could_change: &'static str,
    /// Score over points, per indicator and for the total.
    pub ind_rate: &'static str,
    pub verdict_note: &'static str,
    /// Kish's effective sample size of a weighted figure.
    pub effective_n: &'static str,
    pub weighting: &'static str,
    /// How weighted figures are computed and what their counts are.
    pub weighted_note: &'static str,
    pub strata_columns: [&'static str; 4],
    /// `{}` valid responses without a stratum.
    pub without_stratum: &'static str,
    /// `--weighted` on a population the definition does not weight.
    pub not_weighted_note: &'static str,
    pub h_dimensions: &'static str,
    /// Dimension, items, mean score, n, α, α's n, items in α (the share columns are added).
    pub dimension_columns: [&'static str; 7],
    pub item_columns: [&'static str; 5],
    pub dimension_note: &'static str,
    /// `{}` what the breakdown is by, `{}` the group, `{}` its valid responses.
    pub group_heading: &'static str,
    /// `{}` valid responses in no group.
    pub ungrouped_note: &'static str,
    pub compare_columns: [&'static str; 9],
    /// The last is a template: the confidence level in percent.
    pub between_columns: [&'static str; 5],
    pub small_expected: &'static str,
    pub plan_columns: [&'static str; 5],
    pub plan_note: &'static str,
    pub errors: ErrorStrings,
    pub rules: RuleLabels,
    pub indicators: IndicatorStrings,
    pub report: ReportStrings,
    pub tui: TuiStrings,
    // ── The free-text answers view of the terminal UI (issue 12) ──
    pub texts: TextViewStrings,
    // ── Raking, design effects and the Rao–Scott test (issue 13, part 4) ──
    /// How raked figures are computed (beside `weighting`), instead of `weighted_note`.
    pub raked_note: &'static str,
    /// `{}` the margins, `{}` sweeps, `{}` the largest margin gap left.
    pub rake_converged: &'static str,
    /// `{}` the margins, `{}` sweeps, `{}` the largest margin gap left, `{}` the tolerance.
    pub rake_stopped: &'static str,
    /// `{}` lower, `{}` upper bound, `{}` responses on a bound.
    pub rake_bounds: &'static str,
    /// `{}` smallest, `{}` largest weight.
    pub rake_range: &'static str,
    /// The raked weighting's table columns: margin category, valid responses, target share, mean weight.
    pub margin_columns: [&'static str; 4],
    /// Column head and label of a design effect.
    pub deff: &'static str,
    /// What the design effect is (after the weighting note).
    pub deff_note: &'static str,
    /// The test `compare --by` used: plain chi-square, or Rao–Scott under weights.
    pub test_chi_square: &'static str,
    pub test_rao_scott: &'static str,
    /// Columns of the weighted comparison table: question, population, n, test, statistic, ndf, ddf, p.
    pub rao_scott_columns: [&'static str; 8],
    /// `{}` the populations without a weighting, whose compare --weighted test is the plain one.
    pub compare_not_weighted: &'static str,
    /// The tests' names in the weighted comparison table.
    pub rao_scott_name: &'static str,
    pub chi_square_name: &'static str,
    // ── Mean scores across groups, spread and reliability intervals (issue 13) ──
    pub means: MeansStrings,
}

/// Mean scores compared across groups; SD, SE and α's interval beside the figures (issue 13).
pub struct MeansStrings {
    /// `{}` the question or dimension, `{}` what the groups are by.
    pub heading: &'static str,
    /// Group, n, mean, interval (`{}` the level in percent), SD, SE.
    pub mean_columns: [&'static str; 6],
    /// Pair, difference, then Games–Howell interval and p, Tukey–Kramer interval and p
    /// (`{}` the level in percent in the interval headings).
    pub pair_columns: [&'static str; 6],
    /// `{}` t, `{}` df, `{}` p.
    pub welch_t: &'static str,
    /// `{}` df1, `{}` df2, `{}` F, `{}` p.
    pub anova: &'static str,
    pub welch_anova: &'static str,
    /// Welch's ANOVA cannot be computed (a group of one answer, or of identical answers).
    pub welch_undefined: &'static str,
    /// The classic ANOVA cannot be computed (no variation within groups).
    pub anova_undefined: &'static str,
    /// Welch's t cannot be computed.
    pub welch_t_undefined: &'static str,
    /// Fewer than two groups answered.
    pub too_few_groups: &'static str,
    pub pairs_note: &'static str,
    /// `{}` a mean, `{}` its SD, `{}` its SE.
    pub mean_spread: &'static str,
    /// `{}` α, `{}` low, `{}` high of Feldt's interval (at the run's confidence level).
    pub alpha_interval: &'static str,
    /// The 群体差异 section's caption of a dimension's group means: `{}` dimension, `{}` by.
    pub report_caption: &'static str,
    /// Added to the report when the figures are weighted: the group means are not.
    pub report_unweighted: &'static str,
    /// The group means table's test column.
    pub report_p_column: &'static str,
    /// Under the table: `{}` the group's id.
    pub report_note: &'static str,
    /// The name of report.xlsx's mean-comparison sheet.
    pub sheet: &'static str,
}

/// Errors and warnings: what went wrong, where, and what to do about it.
pub struct ErrorStrings {
    /// `wenjuan: error: …`
    pub error: &'static str,
    /// `wenjuan: warning: …`
    pub warning: &'static str,
    /// `{}` a file.
    pub at_file: &'static str,
    /// `{}` a line of a text file (a definition, a review log).
    pub at_line: &'static str,
    /// `{}` a data row of an export.
    pub at_row: &'static str,
    /// `{}` a column, by its number and header.
    pub at_column: &'static str,
    pub location_separator: &'static str,
    /// `{}` where, `{}` what.
    pub located: &'static str,
    /// `{}` text from elsewhere, shown as it is.
    pub as_is: &'static str,
    /// `{}` population, `{}` question, `{}` scale, `{}` the labels with their counts.
    pub unknown_labels: &'static str,
    /// `{}` the log, `{}` its line, `{}` what is wrong with it, `{}` the JSON reader's words.
    pub log_line_skipped: &'static str,
    pub log_line_torn: &'static str,
    pub log_line_unreadable: &'static str,
    /// `{}` the log, `{}` its line, `{}` the row.
    pub log_row_missing: &'static str,
    /// `{}` the log, `{}` its line, `{}` the respondent named, `{}` the row, `{}` who is there.
    pub log_other_respondent: &'static str,
    /// `{}` the system's words.
    pub io_failed: &'static str,
    /// The file or folder named is not there.
    pub io_not_found: &'static str,
    /// The file or folder named may not be read or written by this user.
    pub io_denied: &'static str,
    pub reason_required: &'static str,
    /// `{}` what was given, `{}` the rule names.
    pub unknown_rule: &'static str,
    pub no_id_column: &'static str,
    /// `{}` the 序号.
    pub no_respondent: &'static str,
    /// `{}` the 序号, `{}` the rows.
    pub repeated_respondent: &'static str,
    /// `{}` the row asked for, `{}` how many rows there are.
    pub not_a_row: &'static str,
    pub name_the_response: &'static str,
    pub between_two: &'static str,
    pub compare_what: &'static str,
    /// `{}` the folder.
    pub folder_missing: &'static str,
    /// `{}` the input.
    pub would_replace_input: &'static str,
    pub output_is_folder: &'static str,
    /// `{}` the writer's words.
    pub workbook_failed: &'static str,
    pub document_failed: &'static str,
    pub no_cjk_font: &'static str,
    /// `{}` indicator, `{}` population.
    pub no_responses_for_indicator: &'static str,
    /// `{}` population, `{}` declared size, `{}` valid responses.
    pub size_below_valid: &'static str,
    /// `--where`: a condition that cannot be read; a field a population lacks; a value that
    /// cannot be ordered; a filter nothing meets; the filter in force.
    pub filter_syntax: &'static str,
    pub filter_field: &'static str,
    pub filter_order: &'static str,
    pub filter_nothing: &'static str,
    pub filter_applied: &'static str,
    /// `{}` population, `{}` what was asked for, `{}` the choices.
    pub no_such_group: &'static str,
    /// `{}` population, `{}` question.
    pub not_asked: &'static str,
    /// `{}` question.
    pub no_scale_to_group: &'static str,
    /// `{}` question.
    pub not_single_choice: &'static str,
    /// `{}` the header.
    pub no_column: &'static str,
    /// `{}` what was asked for, `{}` the populations loaded.
    pub no_population_loaded: &'static str,
    /// `{}` population, `{}` the stratum, `{}` the strata listed.
    pub weighting_unlisted_stratum: &'static str,
    /// `{}` population, `{}` the stratum.
    pub weighting_empty_stratum: &'static str,
    /// `{}` population, `{}` the stratum.
    pub weighting_zero_target: &'static str,
    /// `{}` population, `{}` why.
    pub weighting_failed: &'static str,
    /// `{}` the definition, `{}` the line of the question.
    pub in_definition: &'static str,
    /// `{}` question, `{}` where it is defined, `{}` its kind.
    pub option_columns_need_multiple: &'static str,
    /// `{}` question, `{}` where it is defined, `{}` how it is found, `{}` a hint.
    pub no_column_matches: &'static str,
    /// `{}` some question columns.
    pub columns_here: &'static str,
    /// `{}` the columns.
    pub columns_with_number: &'static str,
    /// `{}` question, `{}` where, `{}` how it is found, `{}` how many, `{}` the columns.
    pub matches_several: &'static str,
    /// `{}` the level given.
    pub stats_confidence: &'static str,
    /// `{}` the method given.
    pub stats_method: &'static str,
    /// `{}` count, `{}` sample size.
    pub stats_count_exceeds: &'static str,
    /// `{}` population size, `{}` sample size.
    pub stats_population_below_sample: &'static str,
    /// `{}` the margin given.
    pub stats_margin: &'static str,
    /// `{}` the share given.
    pub stats_share: &'static str,
    pub stats_empty_sample: &'static str,
    pub stats_empty_population: &'static str,
    /// `{}` the weight.
    pub stats_weight: &'static str,
    /// `{}` the value.
    pub stats_value: &'static str,
    /// `{}` expected, `{}` found.
    pub stats_length: &'static str,
    /// `{}` the stratum's number, `{}` the size.
    pub stats_stratum_size: &'static str,
    /// `{}` the stratum's number.
    pub stats_empty_stratum: &'static str,
    /// `{}` the stratum's number.
    pub stats_stratum_not_in_population: &'static str,
    /// `{}` population, `{}` the group asked for.
    pub not_grouped: &'static str,
    /// `{}` population, `{}` rule, `{}` flagged, `{}` received, `{}` the share.
    pub rule_flags_too_many: &'static str,
    // Raking to margins ([[weighting]] method = "rake").
    /// `{}` population, `{}` the margin (its question ids), `{}` the category found, `{}` those listed.
    pub rake_unlisted_category: &'static str,
    /// `{}` population, `{}` the margin, `{}` the category.
    pub rake_empty_category: &'static str,
    /// `{}` population, `{}` the margin, `{}` the category.
    pub rake_zero_target: &'static str,
    /// A warning: `{}` population, `{}` sweeps done, `{}` the largest margin gap left, `{}` the tolerance.
    pub rake_not_converged: &'static str,
    // ── Mean scores compared across groups (issue 13) ──
    /// `compare --means --weighted`: no design-based test is implemented.
    pub means_weighted: &'static str,
    /// Messages about reading exports.
    pub ingest: &'static ingest::IngestMessages,
    /// Messages about questionnaire definitions.
    pub definition: &'static definition::DefinitionMessages,
}

/// Indicator verdicts and scoring rules in words.
pub struct IndicatorStrings {
    pub entered: &'static str,
    pub met: &'static str,
    pub not_met: &'static str,
    pub inconclusive: &'static str,
    pub no_data: &'static str,
    pub rule_proportional: &'static str,
    pub rule_threshold: &'static str,
    /// `{}` the unit, `{}` points off per unit.
    pub rule_deduction: &'static str,
    pub unit_share_point: &'static str,
    pub unit_score_point: &'static str,
    /// `{}` the bound as a percentage, `{}` the coefficient.
    pub step: &'static str,
    pub step_separator: &'static str,
    /// `{}` the steps.
    pub rule_stepped: &'static str,
    /// `{}` the steps.
    pub rule_stepped_proportional: &'static str,
}

/// What each validity rule is called where a person reads it.
pub struct RuleLabels {
    pub manual: &'static str,
    pub blank: &'static str,
    pub duplicate: &'static str,
    pub incomplete: &'static str,
    pub speeder: &'static str,
    pub straight_lining: &'static str,
    pub unknown_label: &'static str,
    pub out_of_window: &'static str,
    pub unreadable: &'static str,
    /// `{}` the check's id.
    pub check: &'static str,
}

/// What each key does, for the hint bar and help (the key table in `tui::keys` points here).
pub struct KeyTexts {
    pub overview: &'static str,
    pub questions: &'static str,
    pub groups: &'static str,
    pub respondents: &'static str,
    pub next_view: &'static str,
    pub prev_view: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
    pub first: &'static str,
    pub last: &'static str,
    pub next_population: &'static str,
    pub prev_population: &'static str,
    pub method: &'static str,
    pub confidence: &'static str,
    pub weights: &'static str,
    pub group_by: &'static str,
    pub filter: &'static str,
    pub open: &'static str,
    /// Enter on a row of the overview's headline figures.
    pub open_question: &'static str,
    pub exclude: &'static str,
    pub include: &'static str,
    pub search: &'static str,
    pub next_match: &'static str,
    pub help: &'static str,
    pub back: &'static str,
    pub quit: &'static str,
    // ── The free-text answers view (issue 12) ──
    /// Enter on a free-text question.
    pub read_answers: &'static str,
    /// `/` in the answers view.
    pub search_answers: &'static str,
    /// `f` in the answers view: valid responses only, or every response.
    pub answers_filter: &'static str,
    // ── Filter, sort and export in the terminal UI (issue 13) ──
    /// `F`: restrict every figure to the responses meeting a condition.
    pub where_filter: &'static str,
    /// `R`: lift the filter.
    pub clear_filter: &'static str,
    /// `s`: cycle the order of the table on screen.
    pub sort: &'static str,
    /// `e`: write the table on screen to a file.
    pub export: &'static str,
}

/// The words of the terminal UI.
pub struct TuiStrings {
    /// `{}` the levels a share counts.
    pub counted_levels: &'static str,
    pub views: [&'static str; 5],
    pub keys: KeyTexts,
    pub loading: &'static str,
    /// Every byte read, the rest under way: `{}` the file (or how many).
    pub loaded_working: &'static str,
    pub files: &'static str,
    pub more_warnings: &'static str,
    pub no_questions: &'static str,
    pub colon: &'static str,
    pub comma: &'static str,
    /// Between the items of a short list.
    pub list: &'static str,
    /// A population on screen: `{}` name, `{}` id.
    pub named: &'static str,
    pub computing: &'static str,
    /// `{}` why the data could not be opened.
    pub failed: &'static str,
    /// Why the UI does not open outside a terminal, and what to use instead.
    pub needs_terminal: &'static str,
    /// `{}` what went wrong (a panic's message).
    pub internal_error: &'static str,
    pub too_small: &'static str,
    pub populations: &'static str,
    pub population_columns: [&'static str; 6],
    pub indicators: &'static str,
    pub indicator_columns: [&'static str; 7],
    /// The lines a table's evaluators scored, as one row: `{}` how many.
    pub entered_lines: &'static str,
    /// A table's total when there are several: `{}` its questionnaire.
    pub total_of: &'static str,
    /// A grade the survey figures' intervals leave open: `{}` the lowest, `{}` the highest.
    pub grade_between: &'static str,
    /// The overview's headline figures: `{}` the population.
    pub headline: &'static str,
    /// Question, figure, value, interval, n.
    pub headline_columns: [&'static str; 5],
    /// A question without a positive share or scores: `{}` its most chosen level.
    pub most_chosen: &'static str,
    /// A ranking: `{}` the option ranked first on average.
    pub ranked_first: &'static str,
    pub questions: &'static str,
    pub level_columns: [&'static str; 5],
    /// `{}` the number of valid answers.
    pub n_answers: &'static str,
    pub grouped_by: &'static str,
    pub group_columns: [&'static str; 5],
    /// `{}` χ², `{}` degrees of freedom, `{}` the p value ("p = …"), `{}` Cramér's V.
    pub chi_square: &'static str,
    /// `{}` the group, `{}` its difference from the rest, `{}` `{}` the interval, in points.
    pub furthest: &'static str,
    pub no_test: &'static str,
    pub ungrouped: &'static str,
    pub no_groupings: &'static str,
    /// `{0}` the key that changes the grouping, `{1}{2}` the keys that move between questions.
    pub same_question: &'static str,
    pub not_significant: &'static str,
    pub more_levels: &'static str,
    pub filters: [&'static str; 3],
    pub respondent_columns: [&'static str; 6],
    pub valid: &'static str,
    pub excluded: &'static str,
    pub flagged: &'static str,
    pub reinstated: &'static str,
    pub answers: &'static str,
    pub findings: &'static str,
    pub decision: &'static str,
    /// `{}` verdict, `{}` respondent.
    pub prompt: &'static str,
    /// `{0}` the key that saves, `{1}` the key that cancels.
    pub prompt_hint: &'static str,
    pub exclude: &'static str,
    pub include: &'static str,
    pub reason_required: &'static str,
    /// `{}` the key that reinstates.
    pub already_excluded: &'static str,
    /// `{}` the key that excludes.
    pub already_valid: &'static str,
    /// `{}` respondent.
    pub excluded_done: &'static str,
    pub included_done: &'static str,
    /// `{}` method, `{}` confidence.
    pub settings_changed: &'static str,
    pub weighted: &'static str,
    pub no_weighting: &'static str,
    pub search: &'static str,
    /// `{}` query.
    pub search_none: &'static str,
    /// `{}` query, `{}` which, `{}` of how many, `{}` the key for the next match.
    pub search_found: &'static str,
    pub help_title: &'static str,
    pub help_columns: [&'static str; 3],
    pub everywhere: &'static str,
    pub nothing_listed: &'static str,
    // ── Filter, sort and export (issue 13) ──
    /// Before the filter in the header and in exported notes.
    pub filter_label: &'static str,
    /// Between two conditions of a filter, and what may join them when typed.
    pub filter_and: &'static str,
    /// The filter prompt.
    pub filter_prompt: &'static str,
    /// `{}` the conditions already on, which a new one is added to.
    pub filter_adding: &'static str,
    /// `{0}` the key that applies, `{1}` the key that cancels.
    pub entry_hint: &'static str,
    /// After the hint of the filter prompt.
    pub filter_empty_clears: &'static str,
    pub filtering: &'static str,
    /// `{}` the filter, `{}` the population, `{}` received, `{}` meeting it.
    pub filter_applied: &'static str,
    /// `{}` the populations the filter cannot be applied to, shown whole.
    pub filter_whole: &'static str,
    /// `{}` the other populations none of whose responses meet the filter.
    pub filter_none_in: &'static str,
    /// `{}` the questionnaire a filter applies to, when there are several.
    pub filter_survey: &'static str,
    pub filter_cleared: &'static str,
    /// `{}` the key that sets a filter.
    pub no_filter: &'static str,
    /// The overview's column of responses outside the filter.
    pub filtered_column: &'static str,
    /// `{}` the order now.
    pub sorted: &'static str,
    /// Natural (the questionnaire's order), by share, by count, by name.
    pub sort_orders: [&'static str; 4],
    /// The export prompt.
    pub export_prompt: &'static str,
    /// `{}` rows, `{}` the file.
    pub exported: &'static str,
    pub export_nothing: &'static str,
    pub export_name_required: &'static str,
}

/// The words of the terminal UI's free-text answers view (what people said, issue 12).
pub struct TextViewStrings {
    /// The view's name where help says where a key works.
    pub view: &'static str,
    /// `{}` answers listed, `{}` valid responses.
    pub count: &'static str,
    /// `{}` answers listed, `{}` responses received (excluded ones included).
    pub count_all: &'static str,
    /// `{}` the search, `{}` answers that match, `{}` of how many.
    pub found: &'static str,
    /// `{}` the search, `{}` the key that clears it.
    pub none_found: &'static str,
    /// No valid response answered the question.
    pub empty: &'static str,
    /// No response at all answered the question.
    pub empty_all: &'static str,
    /// `{}` the question: Enter on a question that is not free text.
    pub not_text: &'static str,
    /// The search line's label.
    pub search: &'static str,
    pub showing_all: &'static str,
    pub showing_valid: &'static str,
    /// Beside the answer of an excluded response.
    pub excluded: &'static str,
    /// Under a free-text question's count in the questions view: `{}` the key that opens them.
    pub read_hint: &'static str,
}

/// The words of the hand-in report (`wenjuan report`).
pub struct ReportStrings {
    pub title: &'static str,
    /// `{}` date.
    pub generated: &'static str,
    pub list_sep: &'static str,
    pub h_sample: &'static str,
    /// The cover's lines: project, client, evaluating organisation, date.
    pub meta_project: &'static str,
    pub meta_client: &'static str,
    pub meta_evaluator: &'static str,
    pub meta_date: &'static str,
    pub sample_caption: &'static str,
    /// `{}` a multiple-choice question, `{}` the grouping.
    pub crosstab_caption: &'static str,
    pub crosstab_note: &'static str,
    /// `{}` the conditions, `{}` per population the responses outside them.
    pub filter_sentence: &'static str,
    /// `{}` population A, `{}` population B.
    pub between_caption: &'static str,
    pub h_said: &'static str,
    /// `{}` population, `{}` the themes most respondents touched.
    pub said_focus: &'static str,
    /// `{}` population, `{}` the words most used.
    pub said_words: &'static str,
    /// `{}` theme, `{}` respondents, `{}` share.
    pub said_theme_item: &'static str,
    /// `{}` word, `{}` respondents.
    pub said_word_item: &'static str,
    pub sample_columns: [&'static str; 7],
    /// `{}` confidence, `{}` items.
    pub precision: &'static str,
    /// `{}` population, `{}` n, `{}` margin.
    pub precision_item: &'static str,
    pub h_method: &'static str,
    /// `{}` a section's number, `{}` its title.
    pub section: &'static str,
    /// `{}` what counts as a valid response.
    pub validity: &'static str,
    /// `{}` the rules that exclude.
    pub validity_excluded: &'static str,
    /// `{}` the rules that flag.
    pub validity_flagged: &'static str,
    pub validity_none: &'static str,
    /// `{}` decisions.
    pub manual: &'static str,
    /// `{}` fraction, `{}` floor.
    pub speeder_rule: &'static str,
    /// `{}` seconds.
    pub speeder_floor: &'static str,
    pub one_third: &'static str,
    /// `{}` items.
    pub straight_rule: &'static str,
    /// `{}` method, `{}` confidence.
    pub method_interval: &'static str,
    /// `{}` sizes.
    pub method_fpc: &'static str,
    pub method_unweighted: &'static str,
    /// `{}` population, `{}` strata.
    pub method_weighted: &'static str,
    /// `{}` stratum, `{}` valid responses, `{}` population share, `{}` weight.
    pub stratum_item: &'static str,
    /// `{}` the populations left unweighted.
    pub method_unweighted_rest: &'static str,
    pub method_shares: &'static str,
    pub method_composite: &'static str,
    /// `{}` the number of the indicators' section.
    pub method_indicators: &'static str,
    pub h_satisfaction: &'static str,
    /// Dimension, items, mean score, α (the share columns are added).
    pub dimension_columns: [&'static str; 4],
    /// `{}` the mean score.
    pub mean_inline: &'static str,
    /// `{}` items.
    pub lowest_items: &'static str,
    /// `{}` dimensions.
    pub low_alpha: &'static str,
    pub h_awareness: &'static str,
    pub h_indicators: &'static str,
    pub h_groups: &'static str,
    pub no_groups: &'static str,
    /// `{}` alpha.
    pub no_differences: &'static str,
    /// `{}` alpha.
    pub differences_intro: &'static str,
    /// `{}` group, `{}` the share's name, `{}` difference, `{}` the interval's name, `{}` low,
    /// `{}` high.
    pub furthest: &'static str,
    /// `{}` population A, `{}` population B, `{}` A, `{}` B.
    pub between_intro: &'static str,
    pub by: &'static str,
    /// `{}` population, `{}` group.
    pub breakdown_title: &'static str,
    pub group_column: &'static str,
    pub share_column: &'static str,
    pub h_appendix: &'static str,
    pub dimension_chart: &'static str,
    pub sheet_indicators: &'static str,
    pub sheet_questions: &'static str,
    pub sheet_dimensions: &'static str,
    pub sheet_groups: &'static str,
    pub sheet_tests: &'static str,
    pub sheet_validity: &'static str,
    pub sheet_items: &'static str,
    pub sheet_said: &'static str,
    /// What a row of the 意见 sheet is: a declared theme, or a word.
    pub said_theme: &'static str,
    pub said_word: &'static str,
    pub workbook: WorkbookColumns,
    pub chart: ChartWords,
    // ── Raking (issue 13, part 4) ──
    /// `{}` population, `{}` margins, `{}` margin categories as `stratum_item`s, `{}` how it converged.
    pub method_raked: &'static str,
}

/// The words a chart draws besides its data.
#[derive(Debug, PartialEq)]
pub struct ChartWords {
    /// The chart's accessible name when it has no title.
    pub untitled: &'static str,
    pub no_data: &'static str,
    /// `{}` low, `{}` high: the tooltip of an interval whisker.
    pub interval: &'static str,
    /// `{}` the target: the label of the target line.
    pub target: &'static str,
    /// `{}` n, `{}` the interval method, `{}` the interval's name.
    pub subtitle: &'static str,
}

/// The column headings of each sheet of report.xlsx.
pub struct WorkbookColumns {
    pub indicator_columns: [&'static str; 17],
    pub question_columns: [&'static str; 10],
    pub said_columns: [&'static str; 12],
    pub dimension_columns: [&'static str; 13],
    pub item_columns: [&'static str; 6],
    pub test_columns: [&'static str; 12],
    pub validity_columns: [&'static str; 7],
}

/// Where in the table a message's template is: a field of [`Strings`], chosen when the message is
/// made and read in the language of whoever sees it.
pub type Template = fn(&'static Strings) -> &'static str;

/// A message for a person — an error, a warning — kept as its template and values and rendered in
/// the reader's language only when shown, so the library never needs to know the language.
#[derive(Clone)]
pub struct Message {
    template: Template,
    args: Vec<Arg>,
}

/// A value in a message: text (a name, a number, a path) or another message, which is rendered
/// in the same language.
#[derive(Clone)]
pub enum Arg {
    Text(String),
    Message(Message),
}

/// What [`crate::msg!`] accepts as a value: anything displayable, or a message.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl<T: std::fmt::Display> IntoArg for T {
    fn into_arg(self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl IntoArg for &Message {
    fn into_arg(self) -> Arg {
        Arg::Message(self.clone())
    }
}

impl Message {
    pub fn new(template: Template, args: Vec<Arg>) -> Message {
        Message { template, args }
    }

    /// Text that comes from elsewhere (another library's error), shown as it is.
    pub fn raw(text: impl Into<String>) -> Message {
        Message::new(|s| s.errors.as_is, vec![Arg::Text(text.into())])
    }

    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Text(t) => t.clone(),
                Arg::Message(m) => m.render(lang),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fill((self.template)(lang.strings()), &args)
    }
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.render(Lang::En))
    }
}

/// Two messages are the same when they read the same.
impl PartialEq for Message {
    fn eq(&self, other: &Message) -> bool {
        self.render(Lang::En) == other.render(Lang::En)
    }
}

impl Eq for Message {}

/// A [`Message`] from a field of the table's `errors` (or of one of its parts, such as
/// `ingest`) and the values for its placeholders: `msg!(unknown_labels, …)`,
/// `msg!(ingest.file_empty)`, `msg!(definition.no_population, id, path.display())`.
#[macro_export]
macro_rules! msg {
    ($($field:ident).+ $(, $arg:expr)* $(,)?) => {
        $crate::i18n::Message::new(
            |s| s.errors.$($field).+,
            vec![$($crate::i18n::IntoArg::into_arg(&$arg)),*],
        )
    };
}

/// Fills a template: each `{}` takes the next value, `{0}`, `{1}` … a value by position (so a
/// translation can put them in its own order). A placeholder without a value is left empty.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &after[..close];
        let index = if inside.is_empty() {
            next += 1;
            Some(next - 1)
        } else {
            inside.parse::<usize>().ok()
        };
        match index {
            Some(i) => out.push_str(values.get(i).copied().unwrap_or("")),
            // Not a placeholder (a brace in the text itself).
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_in_order_or_by_position() {
        assert_eq!(fill("{} of {}", &["67", "285"]), "67 of 285");
        assert_eq!(
            fill("minus {1} per {0}", &["point", "0.5"]),
            "minus 0.5 per point"
        );
        assert_eq!(fill("{x} {}", &["a"]), "{x} a");
        assert_eq!(fill("{}{}", &["a"]), "a");
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        // A template that loses or gains a placeholder in translation drops or misplaces a value.
        fn count(t: &str) -> usize {
            fill(t, &["\u{1}"; 8]).matches('\u{1}').count()
        }
        let (zh, en) = (&ZH.indicators, &EN.indicators);
        assert_eq!(count(zh.rule_deduction), count(en.rule_deduction));
    }
}
