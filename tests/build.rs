//! Issue 2: the core build. Each test builds a fixture site and asserts on what a reader
//! sees in the parsed HTML.

mod support;

use support::{tree, SiteTest};

fn basic() -> SiteTest {
    let s = SiteTest::from_fixture("build/basic");
    s.build();
    s
}

#[test]
fn pretty_urls_for_every_kind_of_page_in_both_languages() {
    let s = basic();
    for p in [
        "index.html",
        "releases/index.html",
        "releases/page/2/index.html",
        "releases/committee/index.html",
        "releases/budget/index.html",
        "releases/korean-only/index.html",
        "tags/index.html",
        "tags/data-center/index.html",
        "tags/budget/index.html",
        "archive/index.html",
        "archive/2023/index.html",
        "archive/2021/index.html",
        "about/index.html",
        "404.html",
        "en/index.html",
        "en/releases/index.html",
        "en/releases/committee/index.html",
        "en/releases/budget-confirmed/index.html",
        "en/tags/budget/index.html",
        "en/archive/2021/index.html",
        "en/about/index.html",
        "style.css",
        "highlight.css",
        "files/report.pdf",
        "images/site.svg",
    ] {
        assert!(s.exists(p), "{p} was not written");
    }
    // The embargoed release and the draft are left out.
    assert!(!s.exists("releases/future/index.html"));
    assert!(!s.exists("releases/wip/index.html"));
    assert!(!s.exists("en/releases/korean-only/index.html"));
}

#[test]
fn html_lang_and_hreflang_alternates_both_ways() {
    let s = basic();
    let ko = s.html("releases/committee/index.html");
    assert_eq!(ko.attr("html", "lang").as_deref(), Some("ko"));
    assert_eq!(
        ko.attr("link[rel=alternate][hreflang=en]", "href")
            .as_deref(),
        Some("https://example.org/en/releases/committee/")
    );
    assert_eq!(
        ko.attr("link[rel=alternate][hreflang=ko]", "href")
            .as_deref(),
        Some("https://example.org/releases/committee/")
    );
    assert_eq!(
        ko.attr("link[rel=alternate][hreflang=x-default]", "href")
            .as_deref(),
        Some("https://example.org/releases/committee/")
    );
    let en = s.html("en/releases/budget-confirmed/index.html");
    assert_eq!(en.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(
        en.attr("link[rel=alternate][hreflang=ko]", "href")
            .as_deref(),
        Some("https://example.org/releases/budget/")
    );
    // The switcher names the target language in that language and links the translation.
    assert_eq!(
        en.attr(".lang-switch a", "href").as_deref(),
        Some("/releases/budget/")
    );
    assert_eq!(en.attr(".lang-switch a", "lang").as_deref(), Some("ko"));
    assert_eq!(en.text(".lang-switch a"), "한국어");
    assert_eq!(
        s.html("tags/budget/index.html")
            .attr(".lang-switch a", "href")
            .as_deref(),
        Some("/en/tags/budget/")
    );
}

#[test]
fn korean_only_release_says_so_in_english_and_links_the_english_list() {
    let s = basic();
    let page = s.html("releases/korean-only/index.html");
    assert_eq!(
        page.text(".lang-switch p"),
        "This release is available in Korean only. English"
    );
    assert_eq!(page.attr(".lang-switch p", "lang").as_deref(), Some("en"));
    assert_eq!(
        page.attr(".lang-switch a", "href").as_deref(),
        Some("/en/releases/")
    );
    assert_eq!(page.count("link[rel=alternate][hreflang=en]"), 0);
}

#[test]
fn release_page_shows_every_front_matter_field() {
    let s = basic();
    let p = s.html("releases/committee/index.html");
    assert_eq!(p.count("h1"), 1);
    assert_eq!(p.text("h1"), "위원회 첫 회의 개최");
    assert_eq!(p.text(".release .kind"), "보도자료");
    assert_eq!(
        p.texts(".highlights li"),
        vec!["1단계 추진 상황 점검", "2단계 방향 논의"]
    );
    // 00:30 KST on the 21st is the 20th in UTC: the page must say the 21st.
    assert_eq!(p.text(".meta time"), "2023년 8월 21일(월)");
    assert_eq!(
        p.attr(".meta time", "datetime").as_deref(),
        Some("2023-08-21T00:30:00+09:00")
    );
    assert_eq!(
        p.texts(".meta dt"),
        vec!["담당 부서", "게시일", "최종 수정일"]
    );
    assert_eq!(
        p.texts(".meta dd"),
        vec![
            "인공지능산업실",
            "2023년 8월 21일(월)",
            "2023년 8월 22일(화) — 변경 이력 보기"
        ]
    );
    assert_eq!(
        p.texts(".embargo p"),
        vec![
            "보도시점: 2023년 8월 21일(월) 12:00 이후 보도 가능",
            "Embargoed until 21 August 2023, 12:00 KST"
        ]
    );
    assert_eq!(
        p.texts(".history li"),
        vec![
            "2023년 8월 22일(화) — 참석자 명단을 바로잡음",
            "2023년 8월 21일(월) — 최초 게시"
        ]
    );
    assert_eq!(
        p.texts(".attachments a"),
        vec!["보도자료 원문 (PDF, 245 KB)", "자료표 (CSV, 15 bytes)"]
    );
    assert_eq!(
        p.attr(".attachments a", "href").as_deref(),
        Some("/files/report.pdf")
    );
    let contacts = p.texts(".contacts li");
    assert_eq!(contacts[0], "책임자 과장 김가나 · 전화 062-613-0000");
    assert_eq!(contacts[1], "담당자 주무관 이다라 · 전자우편 a@example.org");
    assert_eq!(
        p.attr(".release-image img", "alt").as_deref(),
        Some("부지 배치도: 건물 세 동")
    );
    assert_eq!(
        p.attr(".release-image img", "src").as_deref(),
        Some("/images/site.svg")
    );
    assert_eq!(
        p.attr(".sources a", "href").as_deref(),
        Some("https://news.example.com/a?b=1&c=2")
    );
    assert_eq!(p.texts(".tag-list .tag"), vec!["데이터센터", "예산"]);
    assert_eq!(
        p.attr(".tag-list .tag", "href").as_deref(),
        Some("/tags/data-center/")
    );
    assert_eq!(p.text(".kogl-mark"), "공공누리 제3유형(출처표시, 변경금지)");
    assert!(p.text(".kogl").contains("이 자료는 시험시에서 2023년 작성하여 공공누리 제3유형(출처표시, 변경금지)으로 개방한 「위원회 첫 회의 개최」"));
    let en = s.html("en/releases/committee/index.html");
    assert_eq!(en.text(".meta time"), "21 August 2023");
    assert_eq!(en.text(".release .kind"), "Press release");
    assert_eq!(en.text(".kogl-mark"), "KOGL Type 1 (Attribution)");
    // No contacts given: the organisation's default contact is shown.
    assert_eq!(
        en.text(".contacts li"),
        "Phone 062-000-0000 · Email press@example.org"
    );
}

#[test]
fn markdown_features_render_safely() {
    let s = basic();
    let p = s.html("releases/committee/index.html");
    let prose = p.inner_html(".prose");
    // A body `#` heading moves down: the title stays the only h1.
    assert_eq!(p.attrs(".prose h2", "id"), vec!["추진-경과"]);
    assert_eq!(p.attrs(".prose h3", "id"), vec!["추진-경과-1"]);
    assert_eq!(p.count(".prose table th.align-left"), 1);
    assert_eq!(p.count(".prose table td.align-right"), 1);
    assert_eq!(p.count(".prose del"), 1);
    assert_eq!(p.count(".prose input[type=checkbox][checked]"), 1);
    assert!(p.count(".prose .footnote-definition") == 1, "{prose}");
    assert!(p.count(".prose pre.code span[class^=hl-]") > 0, "{prose}");
    assert_eq!(
        p.attr(".prose a[href^='/releases/budget']", "href")
            .as_deref(),
        Some("/releases/budget/#%EC%84%B8%EB%B6%80-%EB%82%B4%EC%9A%A9")
    );
    assert_eq!(
        p.attr(".prose a[href='/about/']", "href").as_deref(),
        Some("/about/")
    );
    for bad in ["<script", "onclick", "javascript:", "style="] {
        assert!(!prose.to_lowercase().contains(bad), "{bad} in {prose}");
    }
    let all = s.read("releases/committee/index.html");
    assert!(!all.contains("style="), "inline styles in the page");
    assert!(s.read("highlight.css").contains(".hl-"));
    // English links resolve to the translation's own slug.
    let en = s.html("en/releases/committee/index.html");
    assert_eq!(
        en.attr(".prose a", "href").as_deref(),
        Some("/en/releases/budget-confirmed/")
    );
}

#[test]
fn lists_paginate_and_tags_link_translations() {
    let s = basic();
    let home = s.html("index.html");
    assert_eq!(
        home.texts(".cards .card-title"),
        vec!["위원회 첫 회의 개최", "한국어로만 낸 설명자료"]
    );
    let list2 = s.html("releases/page/2/index.html");
    assert_eq!(
        list2.texts(".cards .card-title"),
        vec!["예산 4,000억 원 확정"]
    );
    assert_eq!(
        list2.attr(".pager a[rel=prev]", "href").as_deref(),
        Some("/releases/")
    );
    assert_eq!(list2.text(".pager-status"), "2쪽 중 2쪽");
    // English has two releases: one page; page 2 of Korean switches to the English list.
    assert!(!s.exists("en/releases/page/2/index.html"));
    assert_eq!(
        list2.attr(".lang-switch a", "href").as_deref(),
        Some("/en/releases/")
    );
    let tag = s.html("en/tags/budget/index.html");
    assert_eq!(tag.text("h1"), "Topic: Budget");
    assert_eq!(
        tag.attr(".lang-switch a", "href").as_deref(),
        Some("/tags/budget/")
    );
    let tags = s.html("tags/index.html");
    assert_eq!(
        tags.texts(".term-list li"),
        vec!["데이터센터 (1)", "예산 (2)"]
    );
    let archive = s.html("archive/index.html");
    assert_eq!(
        archive.texts(".term-list a"),
        vec!["2023년", "2022년", "2021년"]
    );
    assert_eq!(
        s.html("en/archive/index.html").texts(".term-list a"),
        vec!["2023", "2021"]
    );
    // The 2022 archive exists only in Korean: its switcher says so in English.
    let y = s.html("archive/2022/index.html");
    assert_eq!(
        y.attr(".lang-switch a", "href").as_deref(),
        Some("/en/archive/")
    );
    assert!(y
        .text(".lang-switch p")
        .starts_with("This page is available in Korean only"));
}

#[test]
fn plain_pages_and_404() {
    let s = basic();
    let about = s.html("about/index.html");
    assert_eq!(about.text("h1"), "소개");
    assert_eq!(
        about.attr(".lang-switch a", "href").as_deref(),
        Some("/en/about/")
    );
    assert_eq!(
        about
            .attr(".main-nav a[aria-current=page]", "href")
            .as_deref(),
        Some("/about/")
    );
    let nf = s.html("404.html");
    assert_eq!(nf.text("h1"), "페이지를 찾을 수 없습니다");
    assert_eq!(
        nf.attr("section[lang=en] a", "href").as_deref(),
        Some("/en/")
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let s = SiteTest::from_fixture("build/basic");
    let mut opts = s.options();
    opts.drafts = true;
    let report = gongbo::build(&opts).unwrap();
    assert!(s.exists("releases/wip/index.html"));
    assert!(report.drafts_skipped.is_empty());
    let report = s.build();
    assert_eq!(report.drafts_skipped, vec!["content/releases/wip.ko.md"]);
}

#[test]
fn embargoed_releases_are_held_back_and_reported() {
    let s = SiteTest::from_fixture("build/basic");
    let report = s.build();
    assert_eq!(report.held_back.len(), 1);
    assert_eq!(report.held_back[0].src, "content/releases/future.ko.md");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "held back: content/releases/future.ko.md (embargoed until 1 January 2030, 09:00 KST)"
        ),
        "{err}"
    );
    // Once the reference time passes the embargo, the release is published.
    let mut opts = s.options();
    opts.now_unix = 1_893_456_000; // 2030-01-01T00:00Z = 09:00 KST
    gongbo::build(&opts).unwrap();
    assert!(s.exists("releases/future/index.html"));
}

#[test]
fn site_templates_override_the_theme() {
    let s = SiteTest::from_fixture("build/basic");
    s.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ body.title }}</h1>{% endblock main %}");
    s.build();
    assert_eq!(s.html("about/index.html").text("h1.custom"), "소개");
}

#[test]
fn sub_path_base_url_prefixes_internal_links() {
    let s = SiteTest::from_fixture("build/basic");
    let mut opts = s.options();
    opts.base_url = Some("https://example.org/ai/".into());
    gongbo::build(&opts).unwrap();
    let p = s.html("releases/committee/index.html");
    assert_eq!(
        p.attr("link[rel=canonical]", "href").as_deref(),
        Some("https://example.org/ai/releases/committee/")
    );
    for href in p
        .attrs("a[href^='/']", "href")
        .into_iter()
        .chain(p.attrs("link[href^='/']", "href"))
        .chain(p.attrs("img[src^='/']", "src"))
    {
        assert!(href.starts_with("/ai/"), "{href} does not start with /ai/");
    }
}

#[test]
fn deterministic_output_in_any_time_zone() {
    let a = SiteTest::from_fixture("build/basic");
    let b = SiteTest::from_fixture("build/basic");
    let (ca, ea) = a.cli(&[], &[("TZ", "UTC")]);
    let (cb, eb) = b.cli(&[], &[("TZ", "America/New_York")]);
    assert_eq!((ca, cb), (0, 0), "{ea}{eb}");
    let (ta, tb) = (tree(&a.out()), tree(&b.out()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between builds");
    }
}

#[test]
fn the_real_site_builds_without_warnings() {
    let out = tempfile::tempdir().unwrap();
    let opts = gongbo::BuildOptions {
        root: support::repo(),
        output: out.path().join("public"),
        base_url: None,
        drafts: false,
        now_unix: support::NOW,
        home: None,
    };
    let report = gongbo::build(&opts).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    assert!(
        report.releases.ko >= 9 && report.releases.en >= 8,
        "{report:?}"
    );
    assert!(report.held_back.is_empty() && report.drafts_skipped.is_empty());
}

/// Issue 5: tables have header cells and captions (`표: …` / `Table: …` before a table).
#[test]
fn every_table_of_the_real_site_has_a_caption_and_headers() {
    let out = tempfile::tempdir().unwrap();
    let opts = gongbo::BuildOptions {
        root: support::repo(),
        output: out.path().join("public"),
        base_url: None,
        drafts: false,
        now_unix: support::NOW,
        home: None,
    };
    gongbo::build(&opts).unwrap();
    let mut tables = 0;
    for (path, bytes) in tree(&out.path().join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let page = support::Page(scraper::Html::parse_document(&String::from_utf8_lossy(
            &bytes,
        )));
        let n = page.count("table");
        tables += n;
        assert_eq!(
            page.count("table > caption"),
            n,
            "{path}: a table without caption"
        );
        assert!(
            n == 0 || page.count("table th") > 0,
            "{path}: a table without header cells"
        );
    }
    assert!(tables >= 10, "only {tables} tables");
}

/// The `build/archive` fixture: two releases a page; in 2024 five Korean releases (three
/// pages) and three English ones (two pages); 2023 in Korean only, 2022 in English only.
fn archive() -> SiteTest {
    let s = SiteTest::from_fixture("build/archive");
    s.build();
    s
}

/// The output file of a root-relative page URL (`/archive/2024/` → `archive/2024/index.html`).
fn file_of(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// The pages of a paginated list as a reader walks it: from its first page at `url`,
/// following each page's "next" link. Returns each page's URL and parsed HTML.
fn walk_pages(s: &SiteTest, url: &str) -> Vec<(String, support::Page)> {
    let mut pages = Vec::new();
    let mut next = Some(url.to_string());
    while let Some(url) = next {
        assert!(pages.len() < 20, "the pager never ends");
        let page = s.html(&file_of(&url));
        next = page.attr(".pager a[rel=next]", "href");
        pages.push((url, page));
    }
    pages
}

#[test]
fn year_archive_is_paginated_like_the_release_list() {
    let s = archive();
    let pages = walk_pages(&s, "/archive/2024/");
    let urls: Vec<&str> = pages.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(
        urls,
        [
            "/archive/2024/",
            "/archive/2024/page/2/",
            "/archive/2024/page/3/"
        ]
    );
    assert!(!s.exists("archive/2024/page/1/index.html"));
    assert!(!s.exists("archive/2024/page/4/index.html"));
    // Every release of the year once, newest first, and no release of another year.
    let titles: Vec<String> = pages
        .iter()
        .flat_map(|(_, p)| p.texts(".cards .card-title"))
        .collect();
    assert_eq!(
        titles,
        [
            "2024년 다섯째 소식",
            "2024년 넷째 소식",
            "2024년 셋째 소식",
            "2024년 둘째 소식",
            "2024년 첫째 소식"
        ]
    );
    let dates: Vec<String> = pages
        .iter()
        .flat_map(|(_, p)| p.attrs(".cards time", "datetime"))
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    assert!(dates.iter().all(|d| d.starts_with("2024-")), "{dates:?}");
    // The same titles, pager and breadcrumbs as the release list's later pages.
    let list2 = s.html("releases/page/2/index.html");
    assert_eq!(list2.text("title"), "보도자료 (4쪽 중 2쪽) | 시험 공보");
    let expect_titles = [
        "2024년 보도자료 | 시험 공보",
        "2024년 보도자료 (3쪽 중 2쪽) | 시험 공보",
        "2024년 보도자료 (3쪽 중 3쪽) | 시험 공보",
    ];
    for (k, (url, p)) in pages.iter().enumerate() {
        let n = k + 1;
        assert_eq!(p.text("title"), expect_titles[k], "{url}");
        assert_eq!(p.text("h1"), "2024년 보도자료", "{url}");
        assert_eq!(p.text(".pager-status"), format!("3쪽 중 {n}쪽"), "{url}");
        assert_eq!(
            p.attr(".pager a[aria-current=page]", "href").as_deref(),
            Some(url.as_str())
        );
        assert_eq!(p.texts(".pager li a:not([rel])"), ["1", "2", "3"], "{url}");
        let prev = (n > 1).then(|| urls[n - 2].to_string());
        assert_eq!(p.attr(".pager a[rel=prev]", "href"), prev, "{url}");
        assert_eq!(
            p.texts(".breadcrumbs li"),
            ["홈", "연도별 보기", "2024년"],
            "{url}"
        );
        assert_eq!(
            p.attrs(".breadcrumbs a", "href"),
            ["/", "/archive/"],
            "{url}"
        );
        assert_eq!(
            p.attr("link[rel=canonical]", "href"),
            Some(format!("https://example.org{url}"))
        );
        assert_eq!(
            p.attr(".main-nav a[aria-current=page]", "href").as_deref(),
            Some("/archive/")
        );
    }
    // The year index links each year's first page with the year's full count.
    let index = s.html("archive/index.html");
    assert_eq!(
        index.attrs(".term-list a", "href"),
        ["/archive/2025/", "/archive/2024/", "/archive/2023/"]
    );
    // A year that fits one page has no pager; 00:30 on 1 January in Seoul is 2025.
    let y2025 = s.html("archive/2025/index.html");
    assert_eq!(y2025.texts(".cards .card-title"), ["2025년 첫 소식"]);
    assert_eq!(y2025.count(".pager"), 0);
    assert!(!s.exists("archive/2025/page/2/index.html"));
    // English: three releases in 2024, two pages.
    let en = walk_pages(&s, "/en/archive/2024/");
    assert_eq!(en.len(), 2);
    assert_eq!(
        en[1].1.text("title"),
        "Releases from 2024 (page 2 of 2) | Test Bulletin"
    );
    assert_eq!(en[1].1.text(".pager-status"), "page 2 of 2");
    let en_titles: Vec<String> = en
        .iter()
        .flat_map(|(_, p)| p.texts(".cards .card-title"))
        .collect();
    assert_eq!(
        en_titles,
        [
            "Third news of 2024",
            "Second news of 2024",
            "First news of 2024"
        ]
    );
}

#[test]
fn year_pages_link_the_same_page_in_the_other_language() {
    let s = archive();
    // (page, the same page in the other language): the switcher and `hreflang` link it.
    let cases = [
        ("/archive/2024/", "/en/archive/2024/"),
        ("/archive/2024/page/2/", "/en/archive/2024/page/2/"),
        // English has two pages in 2024: Korean page 3 points at its last page.
        ("/archive/2024/page/3/", "/en/archive/2024/page/2/"),
        ("/en/archive/2024/", "/archive/2024/"),
        ("/en/archive/2024/page/2/", "/archive/2024/page/2/"),
    ];
    for (url, other) in cases {
        let p = s.html(&file_of(url));
        assert_eq!(
            p.attr(".lang-switch a", "href").as_deref(),
            Some(other),
            "{url}"
        );
        let (lang, other_lang) = if url.starts_with("/en/") {
            ("en", "ko")
        } else {
            ("ko", "en")
        };
        let alternate = |l: &str| p.attr(&format!("link[rel=alternate][hreflang={l}]"), "href");
        assert_eq!(
            alternate(other_lang),
            Some(format!("https://example.org{other}")),
            "{url}"
        );
        assert_eq!(
            alternate(lang),
            Some(format!("https://example.org{url}")),
            "{url}"
        );
    }
    // A year without releases in the other language points at its archive, in words.
    let ko_only = s.html("archive/2023/index.html");
    assert_eq!(
        ko_only.attr(".lang-switch a", "href").as_deref(),
        Some("/en/archive/")
    );
    assert!(ko_only
        .text(".lang-switch p")
        .starts_with("This page is available in Korean only"));
    assert_eq!(ko_only.count("link[rel=alternate][hreflang=en]"), 0);
    let en_only = s.html("en/archive/2022/index.html");
    assert_eq!(
        en_only.attr(".lang-switch a", "href").as_deref(),
        Some("/archive/")
    );
    assert_eq!(en_only.count("link[rel=alternate][hreflang=ko]"), 0);
}

#[test]
fn later_topic_pages_say_their_page_number_in_the_title() {
    let s = archive();
    let pages = walk_pages(&s, "/tags/pilot/");
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].1.text("title"), "주제: 실증 | 시험 공보");
    assert_eq!(pages[1].0, "/tags/pilot/page/2/");
    assert_eq!(
        pages[1].1.text("title"),
        "주제: 실증 (2쪽 중 2쪽) | 시험 공보"
    );
    assert_eq!(pages[1].1.text("h1"), "주제: 실증");
    let en = s.html("en/tags/pilot/page/2/index.html");
    assert_eq!(
        en.text("title"),
        "Topic: Pilot (page 2 of 2) | Test Bulletin"
    );
}

/// A body may show an image of the site's `static/` folder by its address, as the
/// benchmark corpus (and many a site moved from another generator) does; once the file
/// is gone, the next build (through the kept state) says so at the body's line.
#[test]
fn a_body_shows_an_image_of_the_static_folder_by_its_address() {
    let s = SiteTest::from_fixture("build/basic");
    let logo = s.root().join("static/images/logo.svg");
    std::fs::create_dir_all(logo.parent().unwrap()).unwrap();
    std::fs::write(
        &logo,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>"#,
    )
    .unwrap();
    s.write(
        "content/releases/logo.ko.md",
        "---\ntitle: \"표장 공개\"\ndate: 2024-03-02\n---\n새 표장이다.\n\n![광주 인공지능 집적단지 표장, 네모 하나](/images/logo.svg)\n",
    );
    s.build();
    let page = s.html("releases/logo/index.html");
    assert_eq!(
        page.attrs("main img", "src"),
        ["/images/logo.svg"],
        "{}",
        page.inner_html("main")
    );
    assert!(s.exists("images/logo.svg"));
    std::fs::remove_file(&logo).unwrap();
    let Err(err) = s.try_build() else {
        panic!("the image is gone, the build must fail");
    };
    let text = format!("{err:?}");
    assert!(
        text.contains("logo.ko.md") && text.contains("/images/logo.svg"),
        "{text}"
    );
}
