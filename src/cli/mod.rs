//! The command line: arguments (clap), the environment (clock, `SOURCE_DATE_EPOCH`,
//! home folder, locale) and the terminal. The only module that reads the environment or
//! prints.
//!
//! Everything printed is a [`Text`](gongbo::diag::Text) rendered in the language of
//! [`Cli::lang`]: Korean when `--locale ko` is given or the locale says so, English
//! otherwise.
//!
//! This file holds the arguments common to all commands and the list of commands; each
//! command's arguments and run are in a file of their own, and what they share is in
//! [`say`] (printing), [`env`] (the clock and the environment) and [`progress`] (the
//! progress bar).

mod build;
mod check;
mod cms;
mod env;
mod init;
mod new;
mod progress;
mod say;
mod serve;
mod theme;

use clap::{Parser, Subcommand};
use std::ffi::OsString;

use gongbo::types::Lang;

pub use build::BuildArgs;
pub use check::CheckArgs;
pub use cms::CmsCommand;
pub use init::InitArgs;
pub use new::NewCommand;
pub use serve::ServeArgs;
pub use theme::ThemeCommand;

/// gongbo (공보): builds a bilingual (Korean/English) website of press releases.
#[derive(Debug, Parser)]
#[command(name = "gongbo", version, about, long_about = None)]
pub struct Cli {
    /// The language of gongbo's messages (default: Korean when LC_ALL, LC_MESSAGES or
    /// LANG, the first that is set, starts with `ko`; else English).
    #[arg(long, global = true, value_name = "LANG", value_enum)]
    pub locale: Option<LocaleArg>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LocaleArg {
    Ko,
    En,
}

impl Cli {
    /// The language of the messages: `--locale`, else the locale of the environment.
    pub fn lang(&self) -> Lang {
        match self.locale {
            Some(LocaleArg::Ko) => Lang::Ko,
            Some(LocaleArg::En) => Lang::En,
            None => lang_of_locale(|name| std::env::var_os(name)),
        }
    }
}

/// The language the locale asks for, as POSIX chooses the locale of messages: the first
/// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides; Korean when
/// it starts with `ko` (`ko_KR.UTF-8`, `ko`), English for anything else (`C`, `en_US`).
pub fn lang_of_locale(var: impl Fn(&str) -> Option<OsString>) -> Lang {
    let chosen = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&var)
        .find(|v| !v.is_empty());
    match chosen {
        Some(v) if v.to_string_lossy().starts_with("ko") => Lang::Ko,
        _ => Lang::En,
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build(BuildArgs),
    /// Check the site (everything a build checks, plus editorial lints); writes nothing.
    Check(CheckArgs),
    /// Create new content from a template.
    #[command(subcommand)]
    New(NewCommand),
    /// Build into a temporary folder, serve it on 127.0.0.1, rebuild and reload on change.
    Serve(ServeArgs),
    /// Create a new site for an organisation in DIR (a new or empty folder).
    Init(InitArgs),
    /// Work with the theme.
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// The web editor (Decap CMS): its configuration and its hosted page (docs/cms.md).
    #[command(subcommand)]
    Cms(CmsCommand),
}

/// Exit codes: 0 success, 1 content errors, 2 bad usage (clap's own, a refused
/// `--output`, a bad `SOURCE_DATE_EPOCH`).
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
