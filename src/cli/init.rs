//! `gongbo init`: a new site, from options or from questions asked on the terminal.

use clap::Args;
use std::path::PathBuf;

use gongbo::t;
use gongbo::types::Lang;

use super::env::reference_time;
use super::say::{say, say_error};
use super::theme::print_ejected;
use super::{EXIT_CONTENT, EXIT_USAGE};

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
