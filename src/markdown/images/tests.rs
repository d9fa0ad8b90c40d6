//! Body images: where they point, what is an error, what is written.

use rustc_hash::FxHashSet as HashSet;

use crate::diag::{Code, Diagnostic, Loc};
use crate::link::photos::{Copy, Photos, Shown};
use crate::markdown::{render, Input, Rendered};
use crate::types::{Lang, PerLang};

fn photos() -> Photos {
    let copy = |w: u32, ext: &str| Copy {
        path: format!("photos/images/site-{w}.{ext}"),
        width: w,
        height: w * 3 / 4,
    };
    Photos::new([Shown {
        src: "images/site.jpg".into(),
        format: "JPEG",
        mime: "image/jpeg",
        width: 1600,
        height: 1200,
        webp: vec![copy(480, "webp"), copy(960, "webp"), copy(1600, "webp")],
        jpeg: vec![copy(480, "jpg"), copy(960, "jpg"), copy(1200, "jpg")],
        og: 2,
        download: PerLang {
            ko: "원본 내려받기".into(),
            en: "Download the original".into(),
        },
        fp: Default::default(),
    }])
}

fn md_on(body: &str, page: &str, lead: bool) -> (Rendered, Vec<Diagnostic>) {
    let mut links = crate::types::Links::default();
    for f in [
        "images/site.jpg",
        "images/plan.svg",
        "files/a.pdf",
        "images/clip.gif",
    ] {
        links.insert(f.to_string(), f.to_string());
    }
    links.insert("releases/a.ko.md".into(), "releases/a/".into());
    let photos = photos();
    render(
        &Input {
            src: "content/releases/b.ko.md",
            body,
            body_line: 3,
            base_path: "/ai/",
            page,
            lang: if page.starts_with("en/") {
                Lang::En
            } else {
                Lang::Ko
            },
            photos: &photos,
            lead,
            statics: &statics(),
        },
        &links,
    )
}

/// The site's static files (`static/images/logo.svg`, the theme's `style.css`).
fn statics() -> HashSet<String> {
    ["images/logo.svg".to_string(), "style.css".to_string()]
        .into_iter()
        .collect()
}

fn md(body: &str) -> (Rendered, Vec<Diagnostic>) {
    md_on(body, "releases/b/", false)
}

fn codes(d: &[Diagnostic]) -> Vec<(Code, usize)> {
    d.iter()
        .map(|d| (d.code, d.loc.map_or(0, |l| l.line)))
        .collect()
}

#[test]
fn a_photo_alone_in_its_paragraph_is_a_figure_with_its_title_as_caption() {
    let (r, d) = md("앞 문단\n\n![부지 전경을 남쪽에서 본 모습](@/images/site.jpg \"2021년 11월 착공 전 부지\")\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(!r.html.contains("<p><figure"), "{}", r.html);
    assert!(
        r.html.contains("<figure class=\"photo\"><picture><source type=\"image/webp\" srcset=\"/ai/photos/images/site-480.webp 480w"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<figcaption><span class=\"photo-caption\">2021년 11월 착공 전 부지</span> <a class=\"photo-download\" href=\"/ai/images/site.jpg\" download>원본 내려받기</a></figcaption>"), "{}", r.html);
    // The first photo of a page without a lead photo loads at once; the next lazily.
    assert!(!r.html.contains("loading="), "{}", r.html);
    assert_eq!(r.images, [("images/site.jpg".to_string(), Loc::new(5, 1))]);
    assert!(r.targets.contains(&"images/site.jpg".to_string()));
    assert!(r
        .links
        .iter()
        .any(|l| l.embed && l.url == "/ai/images/site.jpg"));
    let (r, _) = md_on(
        "![부지 전경을 남쪽에서 본 모습](/ai/images/site.jpg)\n",
        "releases/b/",
        true,
    );
    assert!(
        r.html.contains("loading=\"lazy\" decoding=\"async\""),
        "{}",
        r.html
    );
    // The English page's link says it in English.
    let (r, _) = md_on(
        "![The site seen from the south](@/images/site.jpg)\n",
        "en/releases/b/",
        false,
    );
    assert!(r.html.contains(">Download the original</a>"), "{}", r.html);
}

#[test]
fn inline_photos_and_drawings_stay_inline() {
    let (r, d) = md("글 가운데 ![부지 전경을 남쪽에서 본 모습](../../images/site.jpg) 사진과 ![배치 개념도](@/images/plan.svg \"배치도\").\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(r.html.starts_with("<p>글 가운데 <picture>"), "{}", r.html);
    assert!(
        r.html
            .contains("<img src=\"/ai/images/plan.svg\" alt=\"배치 개념도\" title=\"배치도\">"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<figure"), "{}", r.html);
    let (r, _) = md("![배치 개념도, 세 건물의 자리](@/images/plan.svg \"1공구 배치도\")\n");
    assert!(r.html.contains("<figure class=\"photo\"><img src=\"/ai/images/plan.svg\" alt=\"배치 개념도, 세 건물의 자리\"><figcaption><span class=\"photo-caption\">1공구 배치도</span></figcaption></figure>"), "{}", r.html);
}

#[test]
fn an_image_of_the_static_folder_shows_by_its_address() {
    // By its address under the base path, or relative to the page: shown as written.
    for dest in ["/ai/images/logo.svg", "../../images/logo.svg"] {
        let (r, d) = md(&format!("로고: ![광주 인공지능 집적단지 표장]({dest})\n"));
        assert!(d.is_empty(), "{dest}: {d:?}");
        assert!(
            r.html.contains(&format!(
                "<img src=\"{dest}\" alt=\"광주 인공지능 집적단지 표장\">"
            )),
            "{}",
            r.html
        );
        assert!(
            r.images.is_empty(),
            "not a file of content/: {:?}",
            r.images
        );
    }
    // Above the base path the site has no such file: the browser would not find it.
    let (_, d) = md("![광주 인공지능 집적단지 표장](/images/logo.svg)\n");
    assert_eq!(codes(&d), [(Code::MissingFile, 3)]);
    // A static file that does not exist is still missing.
    let (_, d) = md("![광주 인공지능 집적단지 표장](/ai/images/none.svg)\n");
    assert_eq!(codes(&d), [(Code::MissingFile, 3)]);
}

#[test]
fn a_relative_path_that_breaks_on_the_page_is_an_error_with_the_at_form() {
    let (_, d) = md("문단\n\n![부지 전경을 남쪽에서 본 모습](images/site.jpg)\n");
    assert_eq!(codes(&d), [(Code::RelativeImage, 5)], "{d:?}");
    assert!(
        d[0].message.contains("/ai/releases/b/images/site.jpg"),
        "{}",
        d[0].message
    );
    assert_eq!(
        d[0].hint.as_ref().map(ToString::to_string).as_deref(),
        Some("did you mean `@/images/site.jpg`? Paths that start with @/ are read from content/")
    );
    // Outside the base path, and from the English page (one level deeper).
    let (_, d) = md("![부지 전경을 남쪽에서 본 모습](/images/site.jpg)\n");
    assert_eq!(codes(&d), [(Code::RelativeImage, 3)], "{d:?}");
    let (_, d) = md_on(
        "![The site from the south](../../images/site.jpg)\n",
        "en/releases/b/",
        false,
    );
    assert_eq!(codes(&d), [(Code::RelativeImage, 3)], "{d:?}");
    let (_, d) = md_on(
        "![The site from the south](../../../images/site.jpg)\n",
        "en/releases/b/",
        false,
    );
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn a_missing_file_is_an_error_with_the_nearest_name() {
    let (_, d) = md(
        "![부지 전경을 남쪽에서 본 모습](@/images/stie.jpg)\n\n![배치도 그림](images/plann.svg)\n",
    );
    assert_eq!(
        codes(&d),
        [(Code::MissingFile, 3), (Code::MissingFile, 5)],
        "{d:?}"
    );
    assert_eq!(
        d[0].hint.as_ref().map(ToString::to_string).as_deref(),
        Some("did you mean `@/images/site.jpg`?")
    );
    assert_eq!(
        d[1].hint.as_ref().map(ToString::to_string).as_deref(),
        Some("did you mean `@/images/plan.svg`?")
    );
}

#[test]
fn alt_text_is_required_and_is_neither_the_file_name_nor_the_caption() {
    let (_, d) = md("![](@/images/site.jpg)\n\n![site](@/images/site.jpg)\n\n![착공 전 부지](@/images/site.jpg \"착공 전 부지\")\n\n![](https://example.org/a.png)\n");
    assert_eq!(
        codes(&d),
        [
            (Code::MissingAlt, 3),
            (Code::AltRepeats, 5),
            (Code::AltRepeats, 7),
            (Code::MissingAlt, 9)
        ],
        "{d:?}"
    );
    assert!(d.iter().all(|d| d.is_error()));
}

#[test]
fn files_that_are_not_images_are_refused() {
    let (_, d) = md("![첨부 문서의 첫 쪽](@/files/a.pdf)\n\n![움직이는 그림](@/images/clip.gif)\n");
    assert_eq!(
        codes(&d),
        [(Code::BadPhoto, 3), (Code::BadPhoto, 5)],
        "{d:?}"
    );
}

#[test]
fn only_highlighted_code_needs_the_stylesheet() {
    assert!(md("```rust\nfn main() {}\n```\n").0.code);
    assert!(!md("```\nplain\n```\n\n`x`\n").0.code);
    assert!(!md("글\n").0.code);
}
