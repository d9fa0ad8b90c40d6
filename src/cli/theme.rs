//! `gongbo theme eject`: the built-in theme copied into the site to change it there
//! (also what `gongbo init --eject-theme` prints).

use clap::{Args, Subcommand};
use std::path::PathBuf;

use gongbo::t;
use gongbo::types::Lang;

use super::say::{say, say_error};
use super::{EXIT_CONTENT, EXIT_USAGE};

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in theme into themes/default/ of the site, to change it there
    /// (files already there are kept).
    Eject(EjectArgs),
}

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

impl ThemeCommand {
    pub fn run(self, lang: Lang) -> i32 {
        let ThemeCommand::Eject(args) = self;
        if !args.root.join(gongbo::config::FILE).is_file() {
            say_error(
                lang,
                &t!(
                    "{path} has no site.toml",
                    path = args.root.display().to_string()
                ),
                Some(&t!("run gongbo in the site's folder or pass --root DIR")),
            );
            return EXIT_USAGE;
        }
        print_ejected(lang, gongbo::init::eject::eject(&args.root))
    }
}

pub fn print_ejected(
    lang: Lang,
    result: Result<gongbo::init::eject::Ejected, gongbo::diag::Diagnostics>,
) -> i32 {
    match result {
        Ok(done) => {
            for p in &done.written {
                say(lang, t!("created {path}", path = p));
            }
            for p in &done.kept {
                say(lang, t!("kept {path} (already there)", path = p));
            }
            say(
                lang,
                t!(
                    "{n} theme files written to {folder}/; each file there replaces the built-in one, delete the ones you do not change",
                    n = done.written.len(),
                    folder = gongbo::init::eject::folder()
                ),
            );
            0
        }
        Err(diags) => {
            eprint!("{}", diags.render(lang));
            EXIT_CONTENT
        }
    }
}
