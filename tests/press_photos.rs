//! Issue 15 through `gongbo build`: press photos in front matter and in the body of a
//! fixture site (a camera JPEG with GPS, serial numbers and a rotation tag, a PNG, made
//! here), read back from the output as a reader and a browser see them: figures with
//! captions, `srcset` widths, sizes that match the files, `og:image`, nothing private
//! in any file; bad photos as located errors; embargoed photos held back; a second
//! build that makes nothing; `highlight.css` only where there is code.

mod support;

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::time::{Duration, Instant};

use exif::{Context, In, Tag};
use gongbo::diag::Code;
use support::photos::{bomb_png, camera_jpeg, contains, png_rgba};
use support::{Page, SiteTest, NOW};

const KO: &str = r#"---
title: "착공식 개최"
date: 2023-08-22
summary: "집적단지 착공식이 열렸다."
photos:
  - src: images/ceremony.jpg
    alt: "안전모를 쓴 참석자 다섯 명이 흙더미 앞에서 삽을 들고 서 있다"
    caption: "2023년 8월 22일 첨단3지구 착공식에서 첫 삽을 뜨는 참석자들"
    credit: 시험시 홍보팀
    lead: true
  - src: images/chart.png
    alt: "건물 세 동의 층수를 비교한 막대그래프"
    caption: "건물별 층수"
---
착공식이 열렸다.

![부지 배치를 위에서 본 그림, 건물 세 동이 나란히 놓여 있다](@/images/chart.png "배치 개념")

끝.
"#;

const EN: &str = r#"---
title: "Groundbreaking held"
date: 2023-08-22
photos:
  - src: images/ceremony.jpg
    alt: "Five people in hard hats hold shovels in front of a mound of earth"
    lead: true
---
The groundbreaking took place.
"#;

fn site() -> SiteTest {
    let s = SiteTest::from_fixture("build/basic");
    put(&s, "content/images/ceremony.jpg", &camera_jpeg(2200, 1700));
    put(&s, "content/images/chart.png", &png_rgba(700, 350));
    s.write("content/releases/ceremony.ko.md", KO);
    s.write("content/releases/ceremony.en.md", EN);
    s
}

fn put(s: &SiteTest, rel: &str, bytes: &[u8]) {
    let p = s.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// The pixel size of the image file at the root-relative `url` of the output.
fn size_of(s: &SiteTest, url: &str) -> (u32, u32) {
    let bytes = std::fs::read(s.out().join(url.trim_start_matches('/'))).unwrap();
    let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{url}: {e}"));
    (img.width(), img.height())
}

/// `a 480w, b 960w` → [(a, 480), (b, 960)].
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|c| {
            let (url, w) = c.split_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

#[test]
fn a_release_shows_its_photos_in_figures_with_every_width_and_exact_sizes() {
    let s = site();
    s.build();
    let page = s.html("releases/ceremony/index.html");

    // The lead photo: above the body, loaded at once, captioned and credited.
    let lead = "article figure.photo-lead";
    assert_eq!(page.count(lead), 1);
    assert_eq!(
        page.text(&format!("{lead} figcaption .photo-caption")),
        "2023년 8월 22일 첨단3지구 착공식에서 첫 삽을 뜨는 참석자들"
    );
    assert_eq!(
        page.text(&format!("{lead} .photo-credit")),
        "제공: 시험시 홍보팀"
    );
    let img = format!("{lead} picture img");
    assert_eq!(page.attr(&img, "loading"), None);
    assert_eq!(page.attr(&img, "decoding"), None);
    assert_eq!(
        page.attr(&img, "alt").as_deref(),
        Some("안전모를 쓴 참석자 다섯 명이 흙더미 앞에서 삽을 들고 서 있다")
    );
    // Orientation 6: stored 2200 × 1700, seen 1700 × 2200; every width, WebP and JPEG.
    let webp = srcset(&page.attr(&format!("{lead} source"), "srcset").unwrap());
    let jpeg = srcset(&page.attr(&img, "srcset").unwrap());
    let widths = |set: &[(String, u32)]| set.iter().map(|c| c.1).collect::<Vec<_>>();
    assert_eq!(widths(&webp), [480, 960, 1200, 1600]);
    assert_eq!(widths(&jpeg), [480, 960, 1200, 1600]);
    assert_eq!(
        page.attr(&format!("{lead} source"), "type").as_deref(),
        Some("image/webp")
    );
    for (url, w) in webp.iter().chain(&jpeg) {
        let (fw, fh) = size_of(&s, url);
        assert_eq!(fw, *w, "{url}");
        assert_eq!(
            fh,
            (w * 2200 + 850) / 1700,
            "{url}: the aspect ratio as seen"
        );
    }
    let src = page.attr(&img, "src").unwrap();
    assert_eq!(src, "/photos/images/ceremony-960.jpg");
    let (w, h) = size_of(&s, &src);
    assert_eq!(page.attr(&img, "width"), Some(w.to_string()));
    assert_eq!(page.attr(&img, "height"), Some(h.to_string()));
    assert!(page.attr(&img, "sizes").unwrap().contains("100vw"));

    // The download link: the original, as seen, without anything private.
    let link = format!("{lead} a.photo-download");
    assert_eq!(
        page.attr(&link, "href").as_deref(),
        Some("/images/ceremony.jpg")
    );
    assert!(page.attr(&link, "download").is_some());
    assert_eq!(page.text(&link), "원본 내려받기 (JPEG, 1700×2200)");

    // The gallery after the body: the PNG, lazily; the body image a figure too.
    let gallery = "section[aria-labelledby=gb-photos] ul.gallery li figure.photo";
    assert_eq!(page.count(gallery), 1);
    assert_eq!(
        page.text(&format!("{gallery} .photo-caption")),
        "건물별 층수"
    );
    let g_img = format!("{gallery} img");
    assert_eq!(page.attr(&g_img, "loading").as_deref(), Some("lazy"));
    assert_eq!(page.attr(&g_img, "decoding").as_deref(), Some("async"));
    let g_set = srcset(&page.attr(&g_img, "srcset").unwrap());
    assert_eq!(widths(&g_set), [480, 700], "never wider than the photo");
    let body = ".prose figure.photo";
    assert_eq!(page.text(&format!("{body} .photo-caption")), "배치 개념");
    assert_eq!(
        page.attr(&format!("{body} img"), "loading").as_deref(),
        Some("lazy")
    );
    assert_eq!(page.count(".prose p figure"), 0);

    // og:image and JSON-LD: the 1200 px JPEG with its size.
    let og = |p: &str| page.attr(&format!("meta[property=\"{p}\"]"), "content");
    assert_eq!(
        og("og:image").as_deref(),
        Some("https://example.org/photos/images/ceremony-1200.jpg")
    );
    assert_eq!(
        size_of(&s, "/photos/images/ceremony-1200.jpg"),
        (1200, 1553)
    );
    assert_eq!(og("og:image:width").as_deref(), Some("1200"));
    assert_eq!(og("og:image:height").as_deref(), Some("1553"));
    let ld: serde_json::Value =
        serde_json::from_str(&page.inner_html("script[type=\"application/ld+json\"]")).unwrap();
    let article = ld["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@type"] == "NewsArticle")
        .unwrap();
    assert_eq!(article["image"]["width"], 1200);
    assert_eq!(article["image"]["height"], 1553);
    // Feeds name the same file.
    assert!(s
        .read("feed.json")
        .contains("https://example.org/photos/images/ceremony-1200.jpg"));
}

#[test]
fn the_english_page_shows_english_words_and_says_the_caption_is_korean() {
    let s = site();
    s.build();
    let page = s.html("en/releases/ceremony/index.html");
    let lead = "article figure.photo-lead";
    assert_eq!(
        page.attr(&format!("{lead} img"), "alt").as_deref(),
        Some("Five people in hard hats hold shovels in front of a mound of earth")
    );
    assert_eq!(
        page.text(&format!("{lead} .photo-note")),
        "Caption in Korean:"
    );
    assert_eq!(
        page.attr(&format!("{lead} .photo-caption"), "lang")
            .as_deref(),
        Some("ko")
    );
    assert_eq!(
        page.text(&format!("{lead} .photo-caption")),
        "2023년 8월 22일 첨단3지구 착공식에서 첫 삽을 뜨는 참석자들"
    );
    assert_eq!(
        page.text(&format!("{lead} a.photo-download")),
        "Download the original (JPEG, 1700 × 2200 pixels)"
    );
    // One set of copies serves both languages.
    assert_eq!(
        page.attr(&format!("{lead} img"), "src").as_deref(),
        Some("/photos/images/ceremony-960.jpg")
    );
}

/// Everything gongbo wrote from the photos: no GPS, serial numbers, thumbnails,
/// comments or trailers, read back with an EXIF reader and byte by byte.
#[test]
fn no_output_file_carries_location_or_camera_secrets() {
    let s = site();
    s.build();
    let files = support::tree(&s.out());
    let images: BTreeMap<&String, &Vec<u8>> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".jpg") || p.ends_with(".webp") || p.ends_with(".png"))
        .filter(|(p, _)| p.starts_with("images/") || p.starts_with("photos/"))
        .collect();
    // The originals, 4 + 4 copies of the JPEG, 2 + 2 of the PNG.
    assert_eq!(images.len(), 14, "{:?}", images.keys());
    for (name, bytes) in images {
        for secret in [
            &b"SN-BODY-123456"[..],
            b"Owner Kim",
            b"MAKER-SECRET-NOTE",
            b"THUMBNAIL-PREVIEW",
            b"XMP-CITY-NAME",
            b"IPTC-Sangmu",
            b"COMMENT-HOME-ADDRESS",
            b"VIDEO-WITH-GPS",
            b"PNG-TEXT-SECRET",
        ] {
            assert!(
                !contains(bytes, secret),
                "{name} has {}",
                String::from_utf8_lossy(secret)
            );
        }
        if let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) {
            assert!(
                exif.fields().all(|f| f.tag.context() != Context::Gps),
                "{name}: GPS"
            );
            assert!(
                exif.fields().all(|f| f.ifd_num == In::PRIMARY),
                "{name}: thumbnail"
            );
            assert!(exif.get_field(Tag::BodySerialNumber, In::PRIMARY).is_none());
        }
    }
    // The source is never copied as it is.
    let source = std::fs::read(s.root().join("content/images/ceremony.jpg")).unwrap();
    assert_ne!(files["images/ceremony.jpg"], source);
}

#[test]
fn check_names_the_photos_that_carry_their_location() {
    let s = site();
    let found = gongbo::check::check(&s.options(), &Default::default());
    let w: Vec<_> = found
        .iter()
        .filter(|d| d.code == Code::PhotoLocation)
        .collect();
    assert_eq!(w.len(), 1, "{found}");
    assert_eq!(w[0].file, "content/images/ceremony.jpg");
    assert!(w[0].message.contains("GPS position"), "{}", w[0].message);
    assert!(!found.has_errors(), "{found}");
}

/// Every mistake at once, each at the place that names the photo, with a hint.
#[test]
fn bad_photos_are_located_errors_and_the_output_survives() {
    let s = site();
    s.build();
    let before = support::tree(&s.out());
    // Huffman tables that claim more codes than there are: only decoding finds it.
    let mut corrupt = camera_jpeg(400, 300);
    let dht = corrupt.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
    corrupt[dht + 5..dht + 21].fill(0xFF);
    put(&s, "content/images/corrupt.jpg", &corrupt);
    put(&s, "content/images/bomb.png", &bomb_png(30_000, 30_000));
    put(&s, "content/images/mislabelled.jpg", &png_rgba(40, 30));
    put(
        &s,
        "content/images/iphone.heic",
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
    );
    put(
        &s,
        "content/images/stray.png",
        b"not a png at all, just text",
    );
    put(&s, "content/images/noalt.png", &png_rgba(40, 30));
    // Photos whose files are wrong, named by a release that is otherwise right...
    s.write(
        "content/releases/files.ko.md",
        r#"---
title: "잘못된 사진 파일"
date: 2023-08-23
photos:
  - src: images/corrupt.jpg
    alt: "망가진 사진 파일의 내용"
  - src: images/bomb.png
    alt: "너무 큰 그림 파일의 내용"
  - src: images/mislabelled.jpg
    alt: "이름과 내용이 다른 그림"
  - src: images/iphone.heic
    alt: "아이폰 형식으로 저장된 사진"
---
본문

![](@/images/chart.png)

![부지 배치를 위에서 본 그림](images/chart.png)

![건물 배치를 위에서 본 그림](@/images/corrupt.jpg)
"#,
    );
    // ...and front matter that is wrong.
    s.write(
        "content/releases/bad.ko.md",
        r#"---
title: "잘못된 사진 목록"
date: 2023-08-23
photos:
  - src: images/ceremny.jpg
    alt: "이름을 잘못 쓴 사진"
  - src: images/noalt.png
  - src: images/ceremony.jpg
    alt: "첫 삽을 뜨는 참석자들"
    caption: "첫 삽을 뜨는 참석자들"
    lead: true
  - src: images/chart.png
    alt: chart
    lead: true
---
본문
"#,
    );
    let started = Instant::now();
    let err = s.try_build().expect_err("the build must fail");
    let took = started.elapsed();
    let got: Vec<(Code, String, Option<usize>, Option<String>)> = err
        .iter()
        .map(|d| {
            (
                d.code,
                d.file.clone(),
                d.loc.map(|l| l.line),
                d.field.clone(),
            )
        })
        .collect();
    let at = |file: &str, code, line: usize, field: &str| {
        let file = format!("content/releases/{file}.ko.md");
        (code, file, Some(line), Some(field.to_string()))
    };
    let expected = [
        at("files", Code::BadPhoto, 5, "photos"),
        at("files", Code::BadPhoto, 7, "photos"),
        at("files", Code::BadPhoto, 9, "photos"),
        at("files", Code::BadPhoto, 11, "photos"),
        at("files", Code::MissingAlt, 16, "body"),
        at("files", Code::RelativeImage, 18, "body"),
        at("files", Code::BadPhoto, 20, "body"),
        at("bad", Code::MissingFile, 5, "photos.src"),
        at("bad", Code::MissingAlt, 7, "photos.alt"),
        at("bad", Code::AltRepeats, 9, "photos.alt"),
        at("bad", Code::AltRepeats, 13, "photos.alt"),
        at("bad", Code::InvalidValue, 14, "photos.lead"),
        (
            Code::BadPhoto,
            "content/images/stray.png".to_string(),
            None,
            None,
        ),
    ];
    for e in &expected {
        assert!(got.contains(e), "missing {e:?} in\n{err}");
    }
    let text = err.to_string();
    for words in [
        "content/images/corrupt.jpg: the image data is damaged",
        "30000 × 30000 pixels (900 megapixels), more than the 50 megapixels",
        "the file name ends in .jpg but the file contains a PNG image",
        "rename it to mislabelled.png",
        "HEIC",
        "did you mean `images/ceremony.jpg`?",
        "did you mean `@/images/chart.png`? Paths that start with @/ are read from content/",
    ] {
        assert!(text.contains(words), "{words:?} not in\n{text}");
    }
    assert!(took < Duration::from_secs(10), "{took:?}");
    // Nothing was written: the previous output is as it was.
    assert_eq!(support::tree(&s.out()), before);
}

/// A decompression bomb costs a header read, not its pixels: refused within a second.
#[test]
fn a_pixel_bomb_is_refused_within_a_second() {
    let s = SiteTest::from_fixture("build/basic");
    put(&s, "content/images/bomb.png", &bomb_png(60_000, 60_000));
    s.write(
        "content/releases/bomb.ko.md",
        "---\ntitle: 폭탄\ndate: 2023-08-23\nphotos:\n  - src: images/bomb.png\n    alt: \"너무 큰 그림\"\n---\n본문\n",
    );
    let started = Instant::now();
    let err = s.try_build().expect_err("refused");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let d = err.iter().find(|d| d.code == Code::BadPhoto).unwrap();
    assert_eq!(
        (d.file.as_str(), d.loc.map(|l| l.line)),
        ("content/releases/bomb.ko.md", Some(5))
    );
    assert!(
        d.hint.as_ref().unwrap().to_string().contains("6000 pixels"),
        "{d}"
    );
}

#[test]
fn an_embargoed_releases_photos_wait_with_it() {
    let s = SiteTest::from_fixture("build/basic");
    put(&s, "content/images/secret.jpg", &camera_jpeg(1300, 900));
    s.write(
        "content/releases/later.ko.md",
        "---\ntitle: 나중에\ndate: 2026-01-05\nembargo: 2026-01-05T09:00\nphotos:\n  - src: images/secret.jpg\n    alt: \"아직 공개되지 않은 현장\"\n---\n![아직 공개되지 않은 현장 전경](@/images/secret.jpg)\n",
    );
    let report = s.build();
    let files = support::tree(&s.out());
    assert!(
        files.keys().all(|f| !f.contains("secret")),
        "{:?}",
        files
            .keys()
            .filter(|f| f.contains("secret"))
            .collect::<Vec<_>>()
    );
    assert!(report
        .held_files
        .iter()
        .any(|h| h.path == "images/secret.jpg"));
    // Once the embargo lifts, the photo comes with its release.
    let mut opts = s.options();
    opts.now_unix = NOW + 60 * 86_400;
    gongbo::build(&opts).unwrap();
    assert!(s.exists("images/secret.jpg"));
    // Turned by its orientation tag: 900 px wide as seen.
    assert!(s.exists("photos/images/secret-900.webp"));
    let page = s.html("releases/later/index.html");
    assert_eq!(page.count("figure.photo"), 2);
}

/// The cache's files, with their modification times.
fn cache(root: &Path) -> BTreeMap<String, std::time::SystemTime> {
    walkdir::WalkDir::new(root.join(".gongbo/photos/entries"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_second_build_makes_nothing_and_a_changed_photo_is_made_again() {
    let s = site();
    s.build();
    let first = support::tree(&s.out());
    let made = cache(s.root());
    assert_eq!(made.iter().filter(|(p, _)| p.ends_with("index")).count(), 2);
    s.build();
    assert_eq!(support::tree(&s.out()), first);
    assert_eq!(cache(s.root()), made, "nothing was encoded or rewritten");
    // A new photo under the same name: new copies, new sizes on the page.
    put(&s, "content/images/chart.png", &png_rgba(1500, 750));
    s.build();
    let page = s.html("releases/ceremony/index.html");
    let set = page.attr("ul.gallery img", "srcset").unwrap();
    assert_eq!(
        srcset(&set).iter().map(|c| c.1).collect::<Vec<_>>(),
        [480, 960, 1200, 1500]
    );
    assert_eq!(size_of(&s, "/photos/images/chart-1500.webp"), (1500, 750));
    assert!(
        !s.exists("photos/images/chart-700.webp"),
        "the old copy is gone"
    );
    // The entry of the old PNG was dropped from the cache.
    assert_eq!(
        cache(s.root())
            .iter()
            .filter(|(p, _)| p.ends_with("index"))
            .count(),
        2
    );
}

/// Issue 15.7: `highlight.css` is linked only from pages with highlighted code, and a
/// release page with photos loads at most 25 KB of CSS.
#[test]
fn highlight_css_is_linked_only_where_code_is() {
    let s = site();
    s.build();
    let css = |rel: &str| -> Vec<String> { s.html(rel).attrs("link[rel=stylesheet]", "href") };
    assert_eq!(css("releases/ceremony/index.html"), ["/style.css"]);
    assert!(!css("index.html").contains(&"/highlight.css".to_string()));
    // committee.ko.md has a Rust block (and is under embargo until 2023-08-21T12:00).
    assert_eq!(
        css("releases/committee/index.html"),
        ["/style.css", "/highlight.css"]
    );
    assert_eq!(css("en/releases/committee/index.html"), ["/style.css"]);
    let bytes: u64 = css("releases/ceremony/index.html")
        .iter()
        .map(|h| {
            std::fs::metadata(s.out().join(h.trim_start_matches('/')))
                .unwrap()
                .len()
        })
        .sum();
    assert!(bytes <= 25_000, "a release page loads {bytes} bytes of CSS");
}

/// A run into memory (`gongbo check`) describes photos but makes nothing.
#[test]
fn a_run_into_memory_makes_no_copies() {
    let s = site();
    let built = gongbo::render_site(&s.options()).unwrap();
    assert!(built.files.iter().all(|f| !f.path.starts_with("photos/")));
    assert!(!s.root().join(".gongbo").exists());
    let html = built
        .files
        .iter()
        .find(|f| f.path == "releases/ceremony/index.html")
        .unwrap();
    let page = Page(scraper::Html::parse_document(
        std::str::from_utf8(match &html.content {
            gongbo::types::OutputContent::Bytes(b) => b,
            _ => panic!("a page is bytes"),
        })
        .unwrap(),
    ));
    assert_eq!(
        page.attr("figure.photo-lead img", "src").as_deref(),
        Some("/photos/images/ceremony-960.jpg")
    );
}
