//! The allow-list for raw HTML written inside Markdown.
//!
//! Raw HTML is untrusted. Pages whose Markdown contains raw HTML are passed through
//! ammonia with this allow-list (ammonia's defaults plus what our own renderer emits):
//!
//! - tags: ammonia's default set (text formatting, lists, tables, `a`, `img`, `abbr`,
//!   `details`/`summary`, `figure`, …) plus `input` for task lists (only
//!   `type="checkbox"`, `checked`, `disabled`);
//! - attributes: `id` on headings, `div`, `li` and `sup` (anchors, footnotes); `class` on
//!   `code`, `pre`, `span`, `div`, `sup`, `th`, `td`, `li`, `ol`, `ul` (highlighting,
//!   footnotes, table alignment); `data-lang` on `pre`;
//! - photos (`markdown::figure`): `picture` and `source` (`type`, `srcset`, `sizes`),
//!   `srcset`, `sizes`, `loading`, `decoding` on `img`, `class` on
//!   `figure` and `a`, `download` on `a`; a `srcset` with any address that is not
//!   relative or http(s) is dropped whole;
//! - URLs: ammonia's default schemes (http, https, mailto, tel, …) and relative URLs;
//!   never `javascript:`, `vbscript:` or `data:`; links get `rel="noopener noreferrer"`;
//! - removed with their content: `script`, `style`; removed: every `on*` handler,
//!   `style` attributes, `iframe`, `object`, `embed`, `form`, `svg`, `math`.
//!
//! Markdown without raw HTML is safe by construction (pulldown-cmark escapes text, and
//! `markdown::safe_url` rewrites dangerous link schemes), so it skips this pass.

use ammonia::{Builder, UrlRelative};
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

thread_local! {
    /// The URLs the allow-list kept, while [`clean_with_urls`] runs on this thread.
    static URLS: RefCell<Option<Vec<(bool, String)>>> = const { RefCell::new(None) };
}

fn builder() -> &'static Builder<'static> {
    static B: OnceLock<Builder<'static>> = OnceLock::new();
    B.get_or_init(allow_list)
}

fn allow_list() -> Builder<'static> {
    let mut b = Builder::default();
    b.add_tags(["input"]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    for t in ["h1", "h2", "h3", "h4", "h5", "h6", "div", "li", "sup"] {
        b.add_tag_attributes(t, ["id"]);
    }
    for t in [
        "code", "pre", "span", "div", "sup", "th", "td", "li", "ol", "ul",
    ] {
        b.add_tag_attributes(t, ["class"]);
    }
    b.add_tag_attributes("pre", ["data-lang", "tabindex"]);
    b.add_tag_attributes("div", ["tabindex"]);
    b.add_tags(["picture", "source"]);
    b.add_tag_attributes("source", ["type", "srcset", "sizes"]);
    b.add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"]);
    b.add_tag_attributes("figure", ["class"]);
    b.add_tag_attributes("a", ["class", "download"]);
    b.attribute_filter(|element, attribute, value| {
        if element == "input" && attribute == "type" && value != "checkbox" {
            return None;
        }
        if attribute == "srcset" && !safe_srcset(value) {
            return None;
        }
        if matches!(attribute, "href" | "src" | "cite") {
            URLS.with(|u| {
                if let Some(urls) = u.borrow_mut().as_mut() {
                    urls.push((attribute == "src", value.to_string()));
                }
            });
        }
        Some(value.into())
    });
    b.clean_content_tags(HashSet::from(["script", "style"]));
    b
}

/// Whether every address of a `srcset` is relative or http(s) (a candidate is an
/// address, then optionally a width or density).
fn safe_srcset(value: &str) -> bool {
    value.split(',').all(|candidate| {
        let url = candidate.split_whitespace().next().unwrap_or_default();
        super::safe_url(url)
    })
}

/// Cleans an HTML fragment against the allow-list.
pub fn clean(html: &str) -> String {
    builder().clean(&short_runs(html)).to_string()
}

/// Longest run of text, in bytes, handed to the sanitizer without a break.
const MAX_RUN: usize = 1024;

/// Elements whose content is raw text for the HTML tokenizer (a comment there is text).
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// `html` with an empty comment `<!---->` put into every text run longer than
/// [`MAX_RUN`], before an `&`, a space or a non-ASCII character (never inside a
/// character reference). The sanitizer drops comments and writes the pieces of a run
/// one after the other, so its output is the same; but html5ever 0.40's serializer
/// looks for the next `<` or `>` from every `&` and every character from U+0080 to
/// U+00BF (such as `·`) of a text node, which made one long paragraph of them
/// quadratic: 3 MB of `ab&amp;cd` took 40 s.
fn short_runs(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut copied, mut run) = (0, 0, 0);
    while i < b.len() {
        if b[i] == b'<' {
            i = skip_markup(html, i);
            run = 0;
            continue;
        }
        if run >= MAX_RUN && (b[i] == b'&' || b[i] == b' ' || b[i] >= 0xC0) {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + html.len() / 64));
            o.push_str(&html[copied..i]);
            o.push_str("<!---->");
            copied = i;
            run = 0;
        }
        run += 1;
        i += 1;
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            o.into()
        }
        None => html.into(),
    }
}

/// The end of the markup that starts with the `<` at `i`: a comment, a CDATA section, a
/// declaration, an end tag, or a start tag (with the raw text after it, if any). A `<`
/// that starts none of these is text, and so is the one byte after it.
fn skip_markup(html: &str, i: usize) -> usize {
    let b = html.as_bytes();
    let rest = &html[i..];
    let find = |from: usize, what: &str| {
        html[from..]
            .find(what)
            .map_or(b.len(), |p| from + p + what.len())
    };
    if rest.starts_with("<!--") {
        return find(i + 4, "-->");
    }
    if rest.starts_with("<![CDATA[") {
        return find(i + 9, "]]>");
    }
    let next = b.get(i + 1).copied().unwrap_or(b' ');
    if matches!(next, b'!' | b'?' | b'/') {
        return find(i + 1, ">");
    }
    if !next.is_ascii_alphabetic() {
        return i + 1;
    }
    let name_len = rest[1..]
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = rest[1..1 + name_len].to_ascii_lowercase();
    // Quoted attribute values may hold `>`.
    let mut j = i + 1 + name_len;
    let mut quote = None;
    while j < b.len() {
        match (quote, b[j]) {
            (None, b'>') => break,
            (None, q @ (b'"' | b'\'')) if b[j - 1] == b'=' || b[j - 1].is_ascii_whitespace() => {
                quote = Some(q)
            }
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        j += 1;
    }
    let end = (j + 1).min(b.len());
    if RAW_TEXT.contains(&name.as_str()) {
        let close = format!("</{name}");
        return html[end..]
            .to_ascii_lowercase()
            .find(&close)
            .map_or(b.len(), |p| end + p);
    }
    end
}

/// [`clean`], also returning every URL kept (`href`, `src`, `cite`), each with whether
/// it is an image (`src`), for the checks of what a page links to.
pub fn clean_with_urls(html: &str) -> (String, Vec<(bool, String)>) {
    URLS.with(|u| *u.borrow_mut() = Some(Vec::new()));
    let out = clean(html);
    let urls = URLS.with(|u| u.borrow_mut().take()).unwrap_or_default();
    (out, urls)
}

/// Cleans an HTML fragment against the same allow-list and turns every relative URL in
/// it (`/releases/x/`, `files/a.pdf`, `#fn-1`) into an absolute one, resolved against
/// `base` (the absolute URL of the page the fragment belongs to). For feeds, whose
/// readers have no page to resolve relative links against. `None` if `base` is not an
/// absolute URL.
pub fn absolutize(html: &str, base: &str) -> Option<String> {
    let base = ammonia::Url::parse(base).ok()?;
    let mut b = allow_list();
    b.url_relative(UrlRelative::RewriteWithBase(base));
    // Feed readers get one plain `<img>` per photo: the choice of sizes and formats is
    // a page's, and `srcset` addresses are not rewritten.
    b.rm_tags(["picture", "source"]);
    b.rm_tag_attributes("img", ["srcset", "sizes"]);
    Some(b.clean(&short_runs(html)).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_handlers_and_script_urls() {
        let out = clean(
            r#"<p onclick="x()">a<script>alert(1)</script><a href="JaVaScRiPt:alert(1)">l</a><img src=x onerror=alert(1)><iframe src="https://e"></iframe></p>"#,
        );
        let lower = out.to_lowercase();
        for bad in [
            "<script",
            "onclick",
            "onerror",
            "javascript:",
            "<iframe",
            "alert",
        ] {
            assert!(!lower.contains(bad), "{bad} survived in {out}");
        }
        assert!(!clean(r#"<a href="&#106;avascript:alert(1)">x</a>"#).contains("javascript"));
        assert!(!clean(r#"<a href="data:text/html,<script>">x</a>"#).contains("data:"));
        assert!(!clean("<svg><script>alert(1)</script></svg>").contains("script"));
    }

    #[test]
    fn long_text_runs_are_cut_without_changing_the_output() {
        let para = "광주·전남 a&amp;b &lt;x&gt; ".repeat(200);
        let html = format!(
            "<p title=\"{}\">{para}<em>{para}</em></p><textarea>{para}</textarea><!-- {para} --><p>{para}</p>",
            "a &amp; b ".repeat(200)
        );
        let cut = short_runs(&html);
        assert!(cut.matches("<!---->").count() > 10, "{cut}");
        // Nothing was put into the attribute, the raw text or the comment.
        assert!(!cut[..cut.find("\">").unwrap()].contains("<!---->"));
        let raw = &cut[cut.find("<textarea>").unwrap()..cut.find("</textarea>").unwrap()];
        assert!(!raw.contains("<!---->"));
        // Without the comments the text is what it was.
        assert_eq!(cut.replace("<!---->", ""), html);
        let plain = builder().clean(&html).to_string();
        assert_eq!(clean(&html), plain);
        let base = "https://example.org/a/";
        let mut b = allow_list();
        b.url_relative(UrlRelative::RewriteWithBase(
            ammonia::Url::parse(base).unwrap(),
        ));
        assert_eq!(absolutize(&html, base).unwrap(), b.clean(&html).to_string());
    }

    #[test]
    fn keeps_what_the_renderer_emits() {
        let html = r#"<h2 id="추진-경과">t</h2><pre class="code" data-lang="rust"><code><span class="hl-source">x</span></code></pre><td class="align-right">1</td>"#;
        let out = clean(html);
        assert!(out.contains(r#"id="추진-경과""#));
        assert!(out.contains(r#"class="hl-source""#));
        assert!(out.contains(r#"data-lang="rust""#));
    }

    #[test]
    fn photos_survive_and_unsafe_srcsets_do_not() {
        let html = r#"<figure class="photo"><picture><source type="image/webp" srcset="/p/a-480.webp 480w, /p/a-960.webp 960w" sizes="100vw"><img src="/p/a-960.jpg" srcset="/p/a-480.jpg 480w" sizes="100vw" width="960" height="720" alt="a" loading="lazy" decoding="async"></picture><figcaption>c <a class="photo-download" href="/a.jpg" download>d</a></figcaption></figure>"#;
        let out = clean(html);
        for kept in [
            "<picture>",
            r#"srcset="/p/a-480.webp 480w, /p/a-960.webp 960w""#,
            r#"loading="lazy""#,
            r#"decoding="async""#,
            r#"width="960""#,
            r#"class="photo""#,
            "download",
        ] {
            assert!(out.contains(kept), "{kept} lost in {out}");
        }
        let bad = clean(r#"<img src="/a.jpg" srcset="/a.jpg 1x, javascript:alert(1) 2x" alt="a">"#);
        assert!(
            !bad.contains("srcset") && !bad.contains("javascript"),
            "{bad}"
        );
        let feed = absolutize(html, "https://example.org/releases/x/").unwrap();
        assert!(
            !feed.contains("<picture") && !feed.contains("srcset"),
            "{feed}"
        );
        assert!(
            feed.contains(r#"src="https://example.org/p/a-960.jpg""#),
            "{feed}"
        );
    }

    #[test]
    fn absolutize_resolves_every_relative_url_against_the_page() {
        let html = r##"<p><a href="/ai/releases/a/">a</a> <a href="files/x.pdf">f</a> <a href="#fn-1">1</a> <img src="/ai/images/p.svg" alt="p"> <a href="https://e.org/">e</a></p>"##;
        let out = absolutize(html, "https://example.org/ai/releases/b/").unwrap();
        for url in [
            "https://example.org/ai/releases/a/",
            "https://example.org/ai/releases/b/files/x.pdf",
            "https://example.org/ai/releases/b/#fn-1",
            "https://example.org/ai/images/p.svg",
            "https://e.org/",
        ] {
            assert!(
                out.contains(&format!("\"{url}\"")),
                "{url} missing in {out}"
            );
        }
        assert!(!out.contains("=\"/"), "{out}");
    }
}
