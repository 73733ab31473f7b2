//! One function per subcommand.

mod agent;
mod check;
mod evidence;
mod export;
mod new;
mod revise;
mod serve;

use std::process::ExitCode;

use anyhow::{Result, bail};
use prfaq_report::RiskFormat;

use crate::args::{Args, Command, ModelFormat, RiskFormatArg, RulesFormat};
use crate::{input, output};

/// Runs the parsed command line.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Command::New { path, title, customer } => new::run(path, title.as_deref(), customer.as_deref()),
        Command::Check { paths, format, fail_on, config, max_file_size, evidence } => check::run(&check::Request {
            paths: &paths,
            format,
            fail_on,
            config: config.as_deref(),
            max_bytes: max_file_size,
            evidence: evidence.as_deref(),
        }),
        Command::Inspect { file, format } => {
            let input = input::read(&file, input::DEFAULT_MAX_BYTES)?;
            let doc = prfaq_doc::parse(&input.text);
            let text = match format {
                ModelFormat::Human => prfaq_report::inspect_human(&input.display, &doc),
                ModelFormat::Json => prfaq_report::inspect_json(&input.display, &doc) + "\n",
            };
            output::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Risks { paths, format } => {
            let files = check::check_all(&input::expand(&paths)?, None, None, input::DEFAULT_MAX_BYTES)?;
            let format = match format {
                RiskFormatArg::Human => RiskFormat::Human,
                RiskFormatArg::Json => RiskFormat::Json,
                RiskFormatArg::Markdown => RiskFormat::Markdown,
            };
            output::print(&prfaq_report::risks(&files.checked, format))?;
            Ok(if files.failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Requirements { file, format } => {
            use crate::args::RequirementsFormatArg as Arg;
            let input = input::read(&file, input::DEFAULT_MAX_BYTES)?;
            let doc = prfaq_doc::parse(&input.text);
            let text = match format {
                Arg::Markdown => {
                    prfaq_report::requirements(&input.display, &doc, prfaq_report::RequirementsFormat::Markdown)
                }
                Arg::Json => {
                    prfaq_report::requirements(&input.display, &doc, prfaq_report::RequirementsFormat::Json) + "\n"
                }
            };
            output::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old, new, format, config } => revise::diff(&old, &new, format, config.as_deref()),
        Command::History { files, git, format, config } => revise::history(&files, git, format, config.as_deref()),
        Command::Compare { files, evidence, format, config } => {
            revise::compare(&files, evidence.as_deref(), format, config.as_deref())
        }
        Command::Export { file, format, review_copy, output, config, max_file_size } => export::run(&export::Request {
            file: &file,
            format,
            review_copy,
            output: output.as_deref(),
            config: config.as_deref(),
            max_bytes: max_file_size,
        }),
        Command::Rules { format } => {
            let text = match format {
                RulesFormat::Human => prfaq_report::rules_table(),
                RulesFormat::Json => prfaq_report::rules_json() + "\n",
                RulesFormat::Markdown => prfaq_report::rules_markdown(),
            };
            output::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => {
            let Some(r) = prfaq_critique::registry::find(&rule) else {
                bail!("unknown rule `{rule}` (run `prfaq rules` for the list)");
            };
            output::print(&prfaq_report::explain(r))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { listen, data, database_url, config, secure_cookies } => {
            serve::run(&serve::Request { listen, data, database_url, config, secure_cookies })
        }
        Command::Agent { command, endpoint } => agent::run(command, &endpoint),
        Command::Evidence { command, store } => evidence::run(command, store.as_deref()),
        Command::Lsp => match prfaq_lsp::run_stdio() {
            Ok(()) => Ok(ExitCode::SUCCESS),
            // The protocol asks for exit status 1 when the client exits without shutting down.
            Err(prfaq_lsp::Error::ExitWithoutShutdown) => Ok(ExitCode::FAILURE),
            Err(e) => Err(e.into()),
        },
    }
}
