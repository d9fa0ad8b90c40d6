//! `gongbo init DIR`: a working site for a new organisation, and `gongbo theme eject`
//! ([`eject`]): the built-in theme copied out for changing.
//!
//! [`plan`] is pure: from the organisation's names, addresses and time zone it makes the
//! files of the new site (`site.toml` with every key explained, one release in both
//! languages that also shows a milestone update, the about pages, `tags.yaml`,
//! `milestones.yaml`, the GitHub Pages workflow with its publishing script, a
//! `.gitignore` and a README). The texts are the files under `src/init/files/`, with
//! `%%name:context%%` marks filled in and escaped for their place (TOML, YAML, Markdown).
//! [`create`] writes them into a folder that is new or empty (a lone `.git` is allowed,
//! for a freshly cloned repository), never over anything.
//!
//! Every sentence the command line shows while asking is in [`QUESTIONS`]; like every
//! message, each is a [`Text`] translated by the catalog of `crate::diag`.

pub mod eject;
mod skeleton;

use std::path::{Path, PathBuf};

use crate::diag::{io_reason, Code, Diagnostic, Diagnostics, Text};
use crate::time::{iso_date, reference_time};
use crate::types::PerLang;

/// What the new site needs to know.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// The organisation's name per language.
    pub name: PerLang<String>,
    /// Where the site will be published.
    pub base_url: String,
    /// The organisation's own website; when empty, the site address's origin.
    pub org_url: String,
    /// IANA time zone; when empty, Asia/Seoul.
    pub timezone: String,
}

impl Answers {
    /// The answer to `field`.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::NameKo => &self.name.ko,
            Field::NameEn => &self.name.en,
            Field::BaseUrl => &self.base_url,
            Field::OrgUrl => &self.org_url,
            Field::Timezone => &self.timezone,
        }
    }

    pub fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::NameKo => &mut self.name.ko,
            Field::NameEn => &mut self.name.en,
            Field::BaseUrl => &mut self.base_url,
            Field::OrgUrl => &mut self.org_url,
            Field::Timezone => &mut self.timezone,
        }
    }
}

/// What to do after `init`, shown by the command line, one line each.
pub fn next_steps(dir: &Path) -> Vec<Text> {
    let dir = dir.display().to_string();
    vec![
        t!("The site is ready in {dir}. Next, in that folder (cd {dir}):", dir),
        t!("  gongbo serve                        preview it at http://127.0.0.1:1111/"),
        t!("  gongbo new release 2026-01-05-name  start a release (a draft) in both languages"),
        t!("  gongbo check                        list anything to fix, with file, line and column"),
        t!("To publish with GitHub Pages: push the folder to a GitHub repository and, under\nSettings > Pages, choose \"GitHub Actions\"; the site is rebuilt on every push and\nevery 15 minutes, so embargoed releases go out by themselves."),
    ]
}

/// One thing `init` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    NameKo,
    NameEn,
    BaseUrl,
    OrgUrl,
    Timezone,
}

/// A question of the prompts: the field, the option that answers it on the command line,
/// the question, and whether it has a default (an empty answer takes it).
pub struct Question {
    pub field: Field,
    pub option: &'static str,
    pub text: Text,
    pub has_default: bool,
}

/// The questions, in the order they are asked. Every prompt text is here.
pub const QUESTIONS: [Question; 5] = [
    Question {
        field: Field::NameKo,
        option: "--name-ko",
        text: t!("The organisation's name in Korean (e.g. 광주광역시)"),
        has_default: false,
    },
    Question {
        field: Field::NameEn,
        option: "--name-en",
        text: t!("The organisation's name in English (e.g. Gwangju Metropolitan City)"),
        has_default: false,
    },
    Question {
        field: Field::BaseUrl,
        option: "--base-url",
        text: t!("The address the site will be published at (e.g. https://press.example.go.kr/ or https://ORG.github.io/REPO/)"),
        has_default: false,
    },
    Question {
        field: Field::OrgUrl,
        option: "--org-url",
        text: t!("The organisation's own website"),
        has_default: true,
    },
    Question {
        field: Field::Timezone,
        option: "--timezone",
        text: t!("The time zone of the site's dates"),
        has_default: true,
    },
];

/// The time zone when none is given.
pub const DEFAULT_TIMEZONE: &str = "Asia/Seoul";

/// The longest organisation name accepted, in characters.
const MAX_NAME: usize = 100;

/// The default shown for a question, from the answers given so far.
pub fn default_for(field: Field, answers: &Answers) -> Option<String> {
    match field {
        Field::OrgUrl => origin(&answers.base_url),
        Field::Timezone => Some(DEFAULT_TIMEZONE.to_string()),
        _ => None,
    }
}

/// `https://host[:port]/` of an address, if it is a web address.
fn origin(url: &str) -> Option<String> {
    let u = crate::address::web(url).ok()?;
    let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(format!("{}://{}{port}/", u.scheme(), u.host_str()?))
}

/// A file of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Path relative to the site folder, with `/`.
    pub rel: String,
    pub bytes: Vec<u8>,
    /// A script, written executable.
    pub executable: bool,
}

/// What is wrong with `value` as the answer to `field`: (message, hint). An empty
/// answer to a question with a default is right (the default is taken).
pub fn check_answer(field: Field, value: &str) -> Result<(), (Text, Text)> {
    let v = value.trim();
    match field {
        Field::NameKo | Field::NameEn => {
            if v.is_empty() {
                Err((
                    t!("the organisation's name is empty"),
                    t!("write the name as it should appear on every page"),
                ))
            } else if v.chars().any(char::is_control) {
                Err((
                    t!("the name contains a control character"),
                    t!("write the name on one line, without tabs"),
                ))
            } else if v.chars().count() > MAX_NAME {
                Err((
                    t!("the name is longer than {max} characters", max = MAX_NAME),
                    t!("write a shorter name; the site's title can be changed in site.toml"),
                ))
            } else {
                Ok(())
            }
        }
        Field::OrgUrl if v.is_empty() => Ok(()),
        Field::BaseUrl | Field::OrgUrl => crate::address::web(v).map(|_| ()).map_err(|e| {
            (
                e,
                t!("write an absolute http(s) address such as https://press.example.go.kr/"),
            )
        }),
        Field::Timezone if v.is_empty() || v.parse::<chrono_tz::Tz>().is_ok() => Ok(()),
        Field::Timezone => Err((
            t!("`{timezone}` is not an IANA time zone name", timezone = v),
            t!("use a name such as Asia/Seoul"),
        )),
    }
}

/// Checks the answers and fills in the defaults.
fn checked(a: &Answers) -> Result<Answers, Diagnostics> {
    let mut diags = Diagnostics::new();
    for q in &QUESTIONS {
        if let Err((message, hint)) = check_answer(q.field, a.get(q.field)) {
            diags.push(Diagnostic::new(Code::OtherError, q.option, message).hint(hint));
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let base_url = a.base_url.trim().to_string();
    let org_url = match a.org_url.trim() {
        "" => origin(&base_url).unwrap_or_default(),
        url => url.to_string(),
    };
    let timezone = match a.timezone.trim() {
        "" => DEFAULT_TIMEZONE.to_string(),
        tz => tz.to_string(),
    };
    Ok(Answers {
        name: PerLang {
            ko: a.name.ko.trim().to_string(),
            en: a.name.en.trim().to_string(),
        },
        base_url,
        org_url,
        timezone,
    })
}

/// The files of a new site for `answers`, dated by the reference time `now_unix`.
pub fn plan(answers: &Answers, now_unix: i64) -> Result<Vec<NewFile>, Diagnostics> {
    let a = checked(answers)?;
    let tz: chrono_tz::Tz = a.timezone.parse().expect("checked");
    let now = reference_time(now_unix, tz).map_err(|e| {
        let mut d = Diagnostics::new();
        d.push(e.into());
        d
    })?;
    let files = skeleton::files(&a, &iso_date(&now));
    // What init writes must build: a failure here is gongbo's own mistake, shown as such.
    let site_toml = files
        .iter()
        .find(|f| f.rel == crate::config::FILE)
        .expect("the skeleton has a site.toml");
    crate::config::parse(&String::from_utf8_lossy(&site_toml.bytes), None)?;
    Ok(files)
}

/// Why [`create`] wrote nothing, or stopped.
#[derive(Debug)]
pub enum Failure {
    /// The folder is not one init may fill (exit 2).
    Refused(Diagnostics),
    /// Writing failed; the files already written were removed again.
    Write(Diagnostics),
}

/// Whether init may fill `dir`: absent, or a folder holding nothing but maybe `.git`.
pub fn check_folder(dir: &Path) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Diagnostic::new(
                Code::OtherError,
                shown,
                t!(
                    "cannot look at the folder: {reason}",
                    reason = io_reason(&e)
                ),
            ))
        }
        Ok(m) => m,
    };
    if !meta.is_dir() {
        return Err(Diagnostic::new(
            Code::OtherError,
            shown,
            t!("this is not a folder; nothing was written"),
        )
        .hint(t!("give a new folder name, e.g. gongbo init press-site")));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::new(
            Code::OtherError,
            dir.display().to_string(),
            t!("cannot read the folder: {reason}", reason = io_reason(&e)),
        )
    })?;
    let mut found: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".git")
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    found.sort();
    let more = found.len().saturating_sub(3);
    found.truncate(3);
    let names = found.join(", ");
    let message = if more > 0 {
        t!(
            "the folder is not empty (it holds {names} and {more} more); nothing was written",
            names,
            more
        )
    } else {
        t!(
            "the folder is not empty (it holds {names}); nothing was written",
            names
        )
    };
    Err(Diagnostic::new(Code::OtherError, shown, message).hint(t!(
        "give a new folder name, or an empty folder; gongbo init never writes over files"
    )))
}

/// Writes `files` into `dir` (made if needed), refusing a folder that holds anything
/// but `.git`. Returns the paths written.
pub fn create(dir: &Path, files: &[NewFile]) -> Result<Vec<PathBuf>, Failure> {
    let one = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    };
    check_folder(dir).map_err(|d| Failure::Refused(one(d)))?;
    let mut written = Vec::new();
    for f in files {
        let path = dir.join(&f.rel);
        if let Err(e) = write_new(&path, &f.bytes, f.executable) {
            for p in written.iter().rev() {
                let _ = std::fs::remove_file(p);
            }
            return Err(Failure::Write(one(Diagnostic::new(
                Code::OtherError,
                path.display().to_string(),
                t!(
                    "cannot write the file: {reason}; nothing was kept",
                    reason = io_reason(&e)
                ),
            ))));
        }
        written.push(path);
    }
    Ok(written)
}

/// Writes a file that must not exist yet, making its folders.
pub(crate) fn write_new(path: &Path, bytes: &[u8], executable: bool) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if executable { 0o755 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = executable;
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers() -> Answers {
        Answers {
            name: PerLang {
                ko: "세종특별자치시".into(),
                en: "Sejong City".into(),
            },
            base_url: "https://press.example.go.kr/news/".into(),
            org_url: String::new(),
            timezone: String::new(),
        }
    }

    #[test]
    fn defaults_come_from_the_site_address() {
        let a = checked(&answers()).unwrap();
        assert_eq!(a.org_url, "https://press.example.go.kr/");
        assert_eq!(a.timezone, "Asia/Seoul");
        assert_eq!(
            default_for(Field::OrgUrl, &answers()).as_deref(),
            Some("https://press.example.go.kr/")
        );
    }

    #[test]
    fn bad_answers_name_their_option() {
        let mut a = answers();
        a.name.ko = "  ".into();
        a.base_url = "javascript:alert(1)".into();
        a.timezone = "Asia/Sejong".into();
        let err = checked(&a).unwrap_err().to_string();
        for want in [
            "--name-ko: error[E000]: the organisation's name is empty",
            "--base-url: error[E000]: `javascript:alert(1)` is not an http:// or https:// address",
            "--timezone: error[E000]: `Asia/Sejong` is not an IANA time zone name",
        ] {
            assert!(err.contains(want), "{want}\nin\n{err}");
        }
    }

    #[test]
    fn every_file_is_planned_and_site_toml_parses() {
        let files = plan(&answers(), 1_764_000_000).unwrap();
        let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        for want in [
            "site.toml",
            "content/tags.yaml",
            "content/milestones.yaml",
            "content/pages/about.ko.md",
            "content/pages/about.en.md",
            "content/releases/2025-11-25-press-site.ko.md",
            "content/releases/2025-11-25-press-site.en.md",
            ".github/workflows/site.yml",
            "scripts/publish-site.sh",
            ".gitignore",
            "README.md",
        ] {
            assert!(rels.contains(&want), "{want} in {rels:?}");
        }
        assert!(files.iter().any(|f| f.executable && f.rel.ends_with(".sh")));
    }
}
