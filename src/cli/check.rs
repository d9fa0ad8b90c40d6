//! `gongbo check`: every check of a build plus the editorial lints, printed for people
//! (stderr) or machines (JSON, GitHub annotations on stdout); writes nothing.

use clap::Args;
use std::path::PathBuf;

use gongbo::types::Lang;
use gongbo::BuildOptions;

use super::env::{home, reference_time, use_color};
use super::EXIT_CONTENT;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Github,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print findings: human (rustc style, on stderr), json or github (on stdout).
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check releases and pages marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
    /// The longest `highlights` line accepted, in characters.
    #[arg(long, value_name = "N", default_value_t = gongbo::check::Limits::default().highlight_chars)]
    pub max_highlight: usize,
}

impl CheckArgs {
    pub fn run(self, lang: Lang) -> i32 {
        use gongbo::check::report::{render, Format};
        use std::io::IsTerminal;
        let Some(now_unix) = reference_time(lang) else {
            return 2;
        };
        let opts = BuildOptions {
            root: self.root.clone(),
            output: self.root.join("public"),
            base_url: None,
            drafts: self.drafts,
            now_unix,
            home: home(),
        };
        let limits = gongbo::check::Limits {
            highlight_chars: self.max_highlight,
            ..Default::default()
        };
        let diags = gongbo::check::check(&opts, &limits);
        match self.format {
            FormatArg::Human => {
                // What a terminal shows: control characters of values escaped.
                let diags: gongbo::diag::Diagnostics = diags
                    .iter()
                    .map(gongbo::diag::Diagnostic::printable)
                    .collect();
                let color = use_color(std::io::stderr().is_terminal());
                eprint!("{}", render(&diags, Format::Human, &self.root, color, lang));
            }
            FormatArg::Json => print!("{}", render(&diags, Format::Json, &self.root, false, lang)),
            FormatArg::Github => print!(
                "{}",
                render(&diags, Format::Github, &self.root, false, lang)
            ),
        }
        let fail = diags.has_errors() || (self.deny_warnings && !diags.is_empty());
        if fail {
            EXIT_CONTENT
        } else {
            0
        }
    }
}
