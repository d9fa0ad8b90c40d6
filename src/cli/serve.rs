//! `gongbo serve`: the preview server, and what it says as it builds again.

use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

use gongbo::diag::{Arg, Severity};
use gongbo::t;
use gongbo::types::Lang;

use super::env::reference_time;
use super::say::{self, say, say_error};
use super::EXIT_CONTENT;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; only loopback unless given.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
}

impl ServeArgs {
    pub fn run(self, lang: Lang) -> i32 {
        use gongbo::serve::{self, Event};
        if reference_time(lang).is_none() {
            return 2;
        }
        let started = Instant::now();
        let opts = serve::Options {
            root: self.root.clone(),
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            lang,
            now: Box::new(move || reference_time(lang).unwrap_or(0)),
            on_event: Box::new(move |e| match e {
                Event::Listening(addr) => {
                    say(
                        lang,
                        t!(
                            "serving at http://{addr}/ (ready {seconds} s after start; Ctrl-C to stop)",
                            addr = addr.to_string(),
                            seconds = format!("{:.2}", started.elapsed().as_secs_f64())
                        ),
                    );
                    say(
                        lang,
                        t!(
                            "editor at http://{addr}/admin/ (saves into content/)",
                            addr = addr.to_string()
                        ),
                    );
                }
                Event::Built {
                    generation,
                    took,
                    files,
                    timings,
                    previews,
                } => {
                    let stages: Vec<String> = timings
                        .iter()
                        .map(|(s, d)| format!("{s} {}", d.as_millis()))
                        .collect();
                    say(
                        lang,
                        t!(
                            "build {generation}: {files} files in {ms} ms ({stages})",
                            generation,
                            files,
                            ms = took.as_millis().to_string(),
                            stages = stages.join(", ")
                        ),
                    );
                    for (url, hold) in previews {
                        let text = match hold {
                            serve::preview::Hold::Embargo(t) => t!(
                                "  preview (embargoed until {until}): {url}",
                                until = Arg::time(&t),
                                url
                            ),
                            serve::preview::Hold::Draft => t!("  preview (draft): {url}", url),
                        };
                        say(lang, text);
                    }
                }
                Event::Failed {
                    generation,
                    diagnostics,
                } => {
                    eprint!("{}", diagnostics.render(lang));
                    let errors = say::errors(diagnostics.errors().count());
                    say(
                        lang,
                        t!(
                            "build {generation} failed: {errors}; still serving the last good build",
                            generation,
                            errors
                        ),
                    );
                }
                Event::PreviewsFailed(diagnostics) => {
                    say(
                        lang,
                        t!("the previews of held-back releases could not be built:"),
                    );
                    eprint!("{}", diagnostics.render(lang));
                }
                Event::Problem(p) => {
                    let word = Severity::Warning.word(lang);
                    eprintln!("{word}: {}", p.printable().render(lang));
                }
            }),
        };
        match serve::run(opts) {
            Ok(()) => 0,
            Err(e) => {
                say_error(lang, &e, None);
                EXIT_CONTENT
            }
        }
    }
}
