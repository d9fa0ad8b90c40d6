//! The command line: arguments (clap), the environment (clock, `SOURCE_DATE_EPOCH`,
//! home folder, locale) and the terminal. The only module that reads the environment or
//! prints.
//!
//! Everything printed is a [`Text`] rendered in the language of [`Cli::lang`]: Korean
//! when `--locale ko` is given or the locale says so, English otherwise.

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use gongbo::diag::{Arg, Severity, Text};
use gongbo::t;
use gongbo::time::{from_unix, parse_epoch};
use gongbo::types::Lang;
use gongbo::BuildOptions;

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

/// Prints `text` in `lang` on stderr, with its values' control characters escaped.
fn say(lang: Lang, text: Text) {
    eprintln!("{}", text.printable().render(lang));
}

/// Prints `error: …` (and `  hint: …`) for a problem that is not about a file.
fn say_error(lang: Lang, message: &Text, hint: Option<&Text>) {
    let word = Severity::Error.word(lang);
    eprintln!("{word}: {}", message.printable().render(lang));
    if let Some(h) = hint {
        let hint_word = gongbo::diag::hint_word(lang);
        eprintln!("  {hint_word}: {}", h.printable().render(lang));
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
}

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

/// Exit codes: 0 success, 1 content errors, 2 bad usage (clap's own, a refused
/// `--output`, a bad `SOURCE_DATE_EPOCH`).
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

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
            home: std::env::var_os("HOME").map(PathBuf::from),
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
                let errors = match diags.errors().count() {
                    1 => t!("1 error"),
                    n => t!("{n} errors", n),
                };
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

/// The reference time: `SOURCE_DATE_EPOCH` or the clock. `None` (after printing why
/// and what to set) when `SOURCE_DATE_EPOCH` is not a whole number of seconds or is
/// out of range; callers exit with 2, as for other bad usage.
fn reference_time(lang: Lang) -> Option<i64> {
    // A value that is not UTF-8 is not a number either (shown with its bad bytes
    // replaced), never taken as unset.
    match std::env::var_os("SOURCE_DATE_EPOCH") {
        Some(v) => match parse_epoch(&v.to_string_lossy()) {
            Ok(n) => Some(n),
            Err(e) => {
                say_error(lang, &e.message, Some(&e.hint));
                None
            }
        },
        None => Some(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        ),
    }
}

/// Whether to colour output on `stream`: a terminal, and `NO_COLOR` unset or empty.
fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

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
            home: std::env::var_os("HOME").map(PathBuf::from),
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
                Event::Listening(addr) => say(
                    lang,
                    t!(
                        "serving at http://{addr}/ (ready {seconds} s after start; Ctrl-C to stop)",
                        addr = addr.to_string(),
                        seconds = format!("{:.2}", started.elapsed().as_secs_f64())
                    ),
                ),
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
                    let errors = match diagnostics.errors().count() {
                        1 => t!("1 error"),
                        n => t!("{n} errors", n),
                    };
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

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new site; made if it does not exist, refused unless empty.
    pub dir: PathBuf,
    /// The organisation's name in Korean, e.g. 광주광역시.
    #[arg(long, value_name = "NAME")]
    pub name_ko: Option<String>,
    /// The organisation's name in English, e.g. "Gwangju Metropolitan City".
    #[arg(long, value_name = "NAME")]
    pub name_en: Option<String>,
    /// The address the site will be published at, e.g. https://press.example.go.kr/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The organisation's own website (default: the origin of --base-url).
    #[arg(long, value_name = "URL")]
    pub org_url: Option<String>,
    /// The IANA time zone of the site's dates (default: Asia/Seoul).
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// Also copy the built-in theme into DIR/themes/default/ to change it there.
    #[arg(long)]
    pub eject_theme: bool,
}

impl InitArgs {
    pub fn run(self, lang: Lang) -> i32 {
        use gongbo::init::{self, Answers, Failure, QUESTIONS};
        use std::io::IsTerminal;
        // Refuse a full folder before asking anything.
        if let Err(d) = init::check_folder(&self.dir) {
            eprintln!("{}", d.render(lang));
            return EXIT_USAGE;
        }
        let Some(now_unix) = reference_time(lang) else {
            return EXIT_USAGE;
        };
        let mut answers = Answers {
            name: gongbo::types::PerLang {
                ko: self.name_ko.unwrap_or_default(),
                en: self.name_en.unwrap_or_default(),
            },
            base_url: self.base_url.unwrap_or_default(),
            org_url: self.org_url.unwrap_or_default(),
            timezone: self.timezone.unwrap_or_default(),
        };
        let terminal = std::io::stdin().is_terminal();
        let mut missing = Vec::new();
        for q in &QUESTIONS {
            if !answers.get(q.field).trim().is_empty() || (q.has_default && !terminal) {
                continue;
            }
            if !terminal {
                missing.push(q.option);
                continue;
            }
            let default = init::default_for(q.field, &answers);
            // Asked again until the answer is right.
            loop {
                let Some(a) = ask(&q.text.render(lang), default.as_deref()) else {
                    return EXIT_USAGE;
                };
                match init::check_answer(q.field, &a) {
                    Ok(()) => {
                        *answers.get_mut(q.field) = a;
                        break;
                    }
                    Err((message, hint)) => eprintln!(
                        "  {} ({})",
                        message.printable().render(lang),
                        hint.render(lang)
                    ),
                }
            }
        }
        if !missing.is_empty() {
            say_error(
                lang,
                &t!(
                    "gongbo init needs {options} (or run it on a terminal to be asked)",
                    options = missing.join(", ")
                ),
                Some(&t!("e.g. gongbo init press-site --name-ko 광주광역시 --name-en \"Gwangju Metropolitan City\" --base-url https://press.example.go.kr/")),
            );
            return EXIT_USAGE;
        }
        let files = match init::plan(&answers, now_unix) {
            Ok(f) => f,
            Err(diags) => {
                eprint!("{}", diags.render(lang));
                return EXIT_USAGE;
            }
        };
        match init::create(&self.dir, &files) {
            Ok(written) => {
                for p in &written {
                    say(lang, t!("created {path}", path = p.display().to_string()));
                }
            }
            Err(Failure::Refused(d)) => {
                eprint!("{}", d.render(lang));
                return EXIT_USAGE;
            }
            Err(Failure::Write(d)) => {
                eprint!("{}", d.render(lang));
                return EXIT_CONTENT;
            }
        }
        if self.eject_theme {
            let code = print_ejected(lang, init::eject::eject(&self.dir));
            if code != 0 {
                return code;
            }
        }
        eprintln!();
        for line in init::next_steps(&self.dir) {
            say(lang, line);
        }
        0
    }
}

/// Asks one question on the terminal; an empty answer takes the default. `None` when
/// the input ends (Ctrl-D) before an answer.
fn ask(question: &str, default: Option<&str>) -> Option<String> {
    use std::io::Write;
    loop {
        match default {
            Some(d) => eprint!("{question} [{d}]: "),
            None => eprint!("{question}: "),
        }
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => {
                eprintln!();
                return None;
            }
            Ok(_) => {}
        }
        let line = line.trim();
        match (line.is_empty(), default) {
            (false, _) => return Some(line.to_string()),
            (true, Some(d)) => return Some(d.to_string()),
            (true, None) => continue,
        }
    }
}

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

fn print_ejected(
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

/// One line for the stage: a bar of the items done when they are counted one by one
/// (`render    [=====     ] 1200/3600 pages`), else only the stage's name.
fn progress_line(s: &gongbo::progress::Snapshot) -> String {
    let stage = s.stage;
    match (s.done.min(s.total) * 30).checked_div(s.total) {
        Some(filled) if s.counted => format!(
            "{stage:<9} [{}{}] {}/{} {}",
            "=".repeat(filled),
            " ".repeat(30 - filled),
            s.done.min(s.total),
            s.total,
            s.unit
        ),
        _ => format!("{stage:<9} …"),
    }
}

/// Runs `work`, drawing a progress bar on stderr while it runs longer than a moment, but
/// only on a terminal and outside CI (elsewhere the summary line is enough).
fn with_progress_bar<T: Send>(work: impl FnOnce(&gongbo::progress::Progress) -> T + Send) -> T {
    use std::io::{IsTerminal, Write};
    use std::sync::atomic::{AtomicBool, Ordering};
    let progress = gongbo::progress::Progress::default();
    let show = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !show {
        return work(&progress);
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let drawer = scope.spawn(|| {
            let started = Instant::now();
            let mut drawn = false;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(80));
                if started.elapsed().as_millis() < 250 {
                    continue;
                }
                eprint!("\r\x1b[2K{}", progress_line(&progress.snapshot()));
                let _ = std::io::stderr().flush();
                drawn = true;
            }
            if drawn {
                eprint!("\r\x1b[2K");
            }
        });
        let out = work(&progress);
        finished.store(true, Ordering::Relaxed);
        let _ = drawer.join();
        out
    })
}

#[cfg(test)]
mod tests {
    use super::progress_line;
    use gongbo::progress::Progress;

    #[test]
    fn the_progress_line_shows_a_bar_only_for_counted_stages() {
        let p = Progress::default();
        p.counted("render", 40, "pages");
        for _ in 0..10 {
            p.tick();
        }
        assert_eq!(
            progress_line(&p.snapshot()),
            format!(
                "render    [{}{}] 10/40 pages",
                "=".repeat(7),
                " ".repeat(23)
            )
        );
        p.stage("write");
        assert_eq!(progress_line(&p.snapshot()), "write     …");
        p.counted("markdown", 0, "bodies");
        assert_eq!(progress_line(&p.snapshot()), "markdown  …");
    }
}
