//! The command line: arguments (clap), the environment (clock, `SOURCE_DATE_EPOCH`,
//! home folder) and the terminal. The only module that reads the environment or prints.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::time::Instant;

use gongbo::time::{format_datetime, from_unix};
use gongbo::types::Lang;
use gongbo::{build, BuildOptions};

/// gongbo (공보): builds a bilingual (Korean/English) website of press releases.
#[derive(Debug, Parser)]
#[command(name = "gongbo", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (relative paths are relative to --root).
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// Use this base URL instead of site.toml's (for preview deploys).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include releases and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Print how long each stage of the build took.
    #[arg(long)]
    pub timings: bool,
}

/// Exit codes: 0 success, 1 content errors, 2 bad usage (clap's own).
pub const EXIT_CONTENT: i32 = 1;

impl BuildArgs {
    pub fn run(self) -> i32 {
        let started = Instant::now();
        let output = if self.output.is_absolute() {
            self.output.clone()
        } else {
            self.root.join(&self.output)
        };
        let now_unix = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) => match v.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    eprintln!(
                        "error: SOURCE_DATE_EPOCH must be a whole number of seconds, not `{v}`"
                    );
                    return 2;
                }
            },
            Err(_) => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        };
        let opts = BuildOptions {
            root: self.root.clone(),
            output: output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            now_unix,
            home: std::env::var_os("HOME").map(PathBuf::from),
        };
        match build(&opts) {
            Ok(report) => {
                for w in report.warnings.iter() {
                    eprintln!("{w}");
                }
                for h in &report.held_back {
                    let until = from_unix(h.until.timestamp(), h.until.timezone())
                        .map(|t| format_datetime(&t, Lang::En))
                        .unwrap_or_default();
                    eprintln!("held back: {} (embargoed until {until})", h.src);
                }
                if self.timings {
                    for (stage, d) in &report.timings {
                        eprintln!("timing: {stage:<9} {:>8.3} s", d.as_secs_f64());
                    }
                }
                for d in &report.drafts_skipped {
                    eprintln!("skipped draft: {d}");
                }
                eprintln!(
                    "built {} pages in Korean and {} in English ({} + {} releases), {} files written to {} in {:.2} s, {} warning(s)",
                    report.pages.ko,
                    report.pages.en,
                    report.releases.ko,
                    report.releases.en,
                    report.files_written,
                    output.display(),
                    started.elapsed().as_secs_f64(),
                    report.warnings.len()
                );
                0
            }
            Err(diags) => {
                for d in diags.iter() {
                    eprintln!("{d}");
                }
                let errors = diags.errors().count();
                eprintln!(
                    "build failed: {errors} error(s); {} was left unchanged",
                    output.display()
                );
                EXIT_CONTENT
            }
        }
    }
}
