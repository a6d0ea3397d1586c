//! Messages about questionnaire definitions (`surveys/*.toml`): what is wrong and on which line.
//! Each field is a template (`{}` placeholders, or `{0}`, `{1}` … by position) in both
//! languages below.

pub struct DefinitionMessages {
    pub score_not_finite: &'static str,
}

pub static ZH: DefinitionMessages = DefinitionMessages {
    score_not_finite: "量表「{}」：选项「{}」的分值为 {}；分值必须是有限的数",
};

pub static EN: DefinitionMessages = DefinitionMessages {
    score_not_finite: "scale '{}': level '{}' has score {}; a score must be a finite number",
};
