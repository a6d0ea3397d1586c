//! `wenjuan plan`: responses needed for a margin of error, or the margin a sample achieves.

use crate::cli::PlanArgs;
use crate::error::Result;
use crate::figures;
use crate::i18n::Lang;
use crate::output;
use crate::report::plan;

pub fn run(args: &PlanArgs, lang: Lang) -> Result<()> {
    let margins = if args.margin.is_empty() && args.n.is_empty() {
        vec![0.05]
    } else {
        args.margin.clone()
    };
    let rows = figures::plan::compute(&margins, &args.n, args.conf, args.p, args.population_size)?;
    let format = args.output.resolved_format();
    let bytes = plan::render(&rows, format, lang);
    output::emit(
        args.output.output.as_deref(),
        &bytes,
        &output::Protected::default(),
    )
}
