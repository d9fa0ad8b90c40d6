//! `gongbo new release`: the files of a new release, front matter filled in.

use clap::{Args, Subcommand};
use std::path::PathBuf;

use gongbo::t;
use gongbo::types::Lang;

use super::env::reference_time;
use super::say::say;
use super::EXIT_CONTENT;

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Create content/releases/<STEM>.ko.md and <STEM>.en.md with front matter filled in.
    Release(NewReleaseArgs),
}

#[derive(Debug, Args)]
pub struct NewReleaseArgs {
    /// The file stem, e.g. 2026-03-02-budget.
    pub stem: String,
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Only these languages (repeatable): ko, en. Default: both.
    #[arg(long = "lang", value_name = "LANG", value_parser = ["ko", "en"])]
    pub langs: Vec<String>,
}

impl NewCommand {
    pub fn run(self, lang: Lang) -> i32 {
        let NewCommand::Release(args) = self;
        let Some(now_unix) = reference_time(lang) else {
            return 2;
        };
        let mut langs: Vec<Lang> = args
            .langs
            .iter()
            .filter_map(|l| Lang::from_code(l))
            .collect();
        if langs.is_empty() {
            langs = vec![Lang::Ko, Lang::En];
        }
        langs.dedup();
        match gongbo::new::create(&args.root, &args.stem, &langs, now_unix) {
            Ok(paths) => {
                for p in paths {
                    say(lang, t!("created {path}", path = p.display().to_string()));
                }
                0
            }
            Err(diags) => {
                eprint!("{}", diags.render(lang));
                EXIT_CONTENT
            }
        }
    }
}
