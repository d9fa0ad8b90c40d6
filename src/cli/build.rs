//! `gongbo build`: build the site into the output folder and say what was built, held
//! back or skipped.

use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

use gongbo::diag::Arg;
use gongbo::t;
use gongbo::time::from_unix;
use gongbo::types::Lang;
use gongbo::BuildOptions;

use super::env::{home, reference_time};
use super::progress::with_progress_bar;
use super::say::{self, say};
use super::{EXIT_CONTENT, EXIT_USAGE};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site: a new or empty folder, or an earlier gongbo build, which
    /// is replaced (relative paths are relative to --root).
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
    /// Build everything, ignoring what the last build kept in .gongbo/ (by default only
    /// the files that changed are written).
    #[arg(long)]
    pub clean: bool,
}

impl BuildArgs {
    pub fn run(self, lang: Lang) -> i32 {
        let started = Instant::now();
        let output = if self.output.is_absolute() {
            self.output.clone()
        } else {
            self.root.join(&self.output)
        };
        let Some(now_unix) = reference_time(lang) else {
            return 2;
        };
        let opts = BuildOptions {
            root: self.root.clone(),
            output: output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            now_unix,
            home: home(),
        };
        let clean = self.clean;
        let result = with_progress_bar(|progress| gongbo::build_cached(&opts, clean, progress));
        match result {
            Ok(gongbo::Cached { report, notes }) => {
                for note in notes {
                    say(lang, t!("note: {note}", note));
                }
                for w in report.warnings.iter() {
                    eprintln!("{}", w.render(lang));
                }
                let when = |t: &gongbo::time::SiteTime| {
                    from_unix(t.timestamp(), t.timezone())
                        .map(|t| Arg::time(&t))
                        .unwrap_or_else(|| Arg::from(""))
                };
                for h in &report.held_back {
                    say(
                        lang,
                        t!(
                            "held back: {src} (embargoed until {until})",
                            src = &h.src,
                            until = when(&h.until)
                        ),
                    );
                }
                if let Some(next) = report.held_back.iter().min_by_key(|h| h.until) {
                    say(
                        lang,
                        t!(
                            "next release due: {src} at {time}; build again after that time to publish it (the site workflow rebuilds every 15 minutes)",
                            src = &next.src,
                            time = when(&next.until)
                        ),
                    );
                }
                if self.timings {
                    for (stage, d) in &report.timings {
                        eprintln!("timing: {stage:<13} {:>8.3} s", d.as_secs_f64());
                    }
                }
                for src in &report.drafts_skipped {
                    say(lang, t!("skipped draft: {src}", src));
                }
                for f in &report.held_files {
                    say(
                        lang,
                        t!(
                            "held back: content/{path} (with {with})",
                            path = &f.path,
                            with = f.with.join(", ")
                        ),
                    );
                }
                if !report.ignored.is_empty() {
                    let shown = report.ignored.iter().take(3).cloned().collect::<Vec<_>>();
                    let (n, more) = (report.ignored.len(), report.ignored.len() - shown.len());
                    let files = shown.join(", ");
                    say(
                        lang,
                        if more > 0 {
                            t!(
                                "not published: {n} editor backup or system files: {files} and {more} more",
                                n,
                                files,
                                more
                            )
                        } else if n == 1 {
                            t!(
                                "not published: 1 editor backup or system file: {files}",
                                files
                            )
                        } else {
                            t!(
                                "not published: {n} editor backup or system files: {files}",
                                n,
                                files
                            )
                        },
                    );
                }
                let warnings = match report.warnings.len() {
                    1 => t!("1 warning"),
                    n => t!("{n} warnings", n),
                };
                say(
                    lang,
                    t!(
                        "built {ko} pages in Korean and {en} in English ({ko_releases} + {en_releases} releases), {files} files written to {output} in {seconds} s, {warnings}",
                        ko = report.pages.ko,
                        en = report.pages.en,
                        ko_releases = report.releases.ko,
                        en_releases = report.releases.en,
                        files = report.files_written,
                        output = output.display().to_string(),
                        seconds = format!("{:.2}", started.elapsed().as_secs_f64()),
                        warnings
                    ),
                );
                0
            }
            Err(diags) => {
                eprint!("{}", diags.render(lang));
                let output = output.display().to_string();
                if gongbo::output::refused(&diags) {
                    say(
                        lang,
                        t!("nothing was built; {output} was left as it was", output),
                    );
                    return EXIT_USAGE;
                }
                let errors = say::errors(diags.errors().count());
                say(
                    lang,
                    t!(
                        "build failed: {errors}; {output} was left unchanged",
                        errors,
                        output
                    ),
                );
                EXIT_CONTENT
            }
        }
    }
}
