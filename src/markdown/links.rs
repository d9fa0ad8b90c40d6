//! Links of a body: `@/` targets resolved through the link table (a missing one is an
//! error at its line), dangerous URL schemes made inert, and the URLs of raw HTML.

use pulldown_cmark::{CowStr, Event, Tag};

use super::findings::Findings;
use super::Input;
use crate::diag::{Code, Diagnostic, Loc};
use crate::link::BodyLink;

/// The URLs of raw HTML (`<img src>`, `<a href>`) that the Markdown events did not
/// already give, located at the first line of the body that contains them.
pub(super) fn raw_links(input: &Input<'_>, urls: Vec<(bool, String)>, found: &mut Vec<BodyLink>) {
    for (embed, url) in urls {
        if found.iter().any(|l| l.url == url) {
            continue;
        }
        let offset = input.body.find(url.as_str()).unwrap_or(0);
        let l = Loc::of_offset(input.body, offset);
        let loc = Loc::new(l.line + input.body_line - 1, l.col);
        found.push(BodyLink { url, embed, loc });
    }
}

/// Resolves `@/` links and neutralises dangerous URLs in link and image events.
pub(super) fn fix_link<'a>(
    e: Event<'a>,
    input: &Input<'_>,
    links: &crate::types::Links,
    found: &mut Findings,
    at: &dyn Fn() -> Loc,
) -> Event<'a> {
    match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve(dest_url, input, links, found, at);
            found.record(&dest_url, false, at);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve(dest_url, input, links, found, at);
            found.record(&dest_url, true, at);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        e => e,
    }
}

fn resolve<'a>(
    dest: CowStr<'a>,
    input: &Input<'_>,
    links: &crate::types::Links,
    found: &mut Findings,
    at: &dyn Fn() -> Loc,
) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, frag) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        found.targets.push(path.to_string());
        return match links.get(path) {
            Some(url) => {
                let mut u = format!("{}{}", input.base_path, url);
                if let Some(f) = frag {
                    u.push('#');
                    u.push_str(f);
                }
                u.into()
            }
            None if !found.room(Code::BrokenLink, at) => "#".into(),
            None => {
                let near = crate::diag::nearest(path, links.keys().map(String::as_str));
                found.push(
                    Diagnostic::new(
                        Code::BrokenLink,
                        input.src,
                        t!("the link target `@/{path}` does not exist", path),
                    )
                    .at(at())
                    .field("body")
                    .hint(match near {
                        Some(near) => t!("did you mean `@/{near}`?", near),
                        None => t!("link to a file under content/, e.g. `@/releases/<stem>.ko.md`"),
                    }),
                );
                "#".into()
            }
        };
    }
    if safe_url(&dest) {
        dest
    } else if !found.room(Code::OtherWarning, at) {
        "#".into()
    } else {
        found.push(
            Diagnostic::new(
                Code::OtherWarning,
                input.src,
                t!(
                    "the link `{dest}` uses a scheme that is not allowed and was removed",
                    dest = dest.as_ref()
                ),
            )
            .at(at())
            .field("body")
            .hint(t!(
                "link to http(s), mailto or tel addresses, or to other content with @/"
            )),
        );
        "#".into()
    }
}

/// Whether `url` starts with a scheme (`https:`, `mailto:`, `javascript:`): a colon
/// before any `/`, `?` or `#`.
pub fn has_scheme(url: &str) -> bool {
    url.find([':', '/', '?', '#'])
        .is_some_and(|i| url.as_bytes()[i] == b':')
}

/// True for relative URLs and http, https, mailto and tel.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => !cleaned.contains("&#") && !cleaned.to_ascii_lowercase().contains("&colon"),
    }
}
