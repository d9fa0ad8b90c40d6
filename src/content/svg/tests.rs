use super::*;

const NS: &str = r#"xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink""#;

fn problems(body: &str) -> Vec<String> {
    check("content/images/x.svg", body)
        .into_iter()
        .map(|d| d.to_string())
        .collect()
}

fn refused(body: &str, needle: &str) {
    let p = problems(body);
    assert!(
        p.iter().any(|m| m.contains(needle)),
        "expected `{needle}` for {body}\ngot {p:#?}"
    );
}

#[test]
fn drawings_from_editors_pass() {
    let inkscape = format!(
        r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape -->
<svg {NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/" width="210mm" height="297mm" viewBox="0 0 210 297"
  version="1.1" id="svg8" inkscape:version="1.2" sodipodi:docname="plan.svg">
  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.35"/>
  <defs id="defs2"><linearGradient id="g1"><stop offset="0" style="stop-color:#000000;stop-opacity:1"/></linearGradient>
  <filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>
  <metadata id="metadata5"><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
  <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1" transform="translate(0,-10)">
    <rect style="fill:url(#g1);stroke:#000;stroke-width:0.26;filter:url(#f)" id="r" width="50" height="40" x="10" y="20"/>
    <text xml:space="preserve" style="font-family:'Noto Sans KR';font-size:10px" x="5" y="5"><tspan sodipodi:role="line">건물 &amp; 부지 &#44032;</tspan></text>
    <use xlink:href="#r" x="60"/><a href="#r"><circle cx="1" cy="1" r="1"/></a>
    <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
    <image xlink:href="photo.JPG" width="1" height="1"/>
    <animate attributeName="opacity" values="0;1" dur="1s"/>
  </g>
</svg>"##
    );
    assert_eq!(problems(&inkscape), Vec::<String>::new());
    let illustrator = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" {NS} x="0px" y="0px" viewBox="0 0 100 100" style="enable-background:new 0 0 100 100;" xml:space="preserve">
<style type="text/css">.st0{{fill:#FFFFFF;}} .st1{{font-family:'MyriadPro-Regular';}}</style>
<path class="st0" d="M0,0h10v10H0z"/></svg>"#
    );
    assert_eq!(problems(&illustrator), Vec::<String>::new());
    let real = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/images/cluster-site.svg"),
    )
    .unwrap();
    assert_eq!(problems(&real), Vec::<String>::new());
}

#[test]
fn script_is_refused_however_it_is_written() {
    refused(
        &format!("<svg {NS}><script>alert(1)</script></svg>"),
        "`<script>` is not allowed: it runs script",
    );
    refused(
        r#"<svg xmlns="http://www.w3.org/2000/svg"><x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script></svg>"#,
        "`<x:script>` is not allowed: it runs script",
    );
    refused(
        r#"<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>"#,
        "`<s:script>` is not allowed",
    );
    refused(
        &format!("<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]><svg {NS}>&x;</svg>"),
        "document type with its own declarations",
    );
    refused(
        &format!("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]><svg {NS}/>"),
        "document type with its own declarations",
    );
    refused(
        &format!(
            r#"<svg {NS}><h:iframe xmlns:h="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></svg>"#
        ),
        "`<h:iframe>` is not allowed: an XHTML element",
    );
    refused(
        &format!("<svg {NS}><foreignObject/></svg>"),
        "`<foreignObject>` is not allowed",
    );
    refused(
        &format!("<svg {NS} onload=\"alert(1)\"/>"),
        "`onload` of `<svg>` is not allowed: it is an event handler",
    );
    refused(
        &format!("<svg {NS}><rect\nONCLICK = 'x()'/></svg>"),
        "`ONCLICK` of `<rect>`",
    );
    refused(
        &format!("<svg {NS}><a xlink:href=\"java\nscript:alert(1)\"><text>x</text></a></svg>"),
        "the link `java script:alert(1)` of `<a>` is not allowed",
    );
    refused(
        &format!("<svg {NS}><a href=\"&#106;avascript:alert(1)\">x</a></svg>"),
        "the link `javascript:alert(1)`",
    );
    refused(
        &format!("<svg {NS}><use href=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\"/></svg>"),
        "the link `data:image/svg+xml",
    );
    refused(
        &format!("<svg {NS}><use href=\"other.svg#a\"/></svg>"),
        "only point inside the drawing",
    );
    refused(
        &format!("<svg {NS}><image href=\"https://evil.example/a.png\"/></svg>"),
        "may only show a PNG",
    );
    refused(
        &format!("<svg {NS}><image href=\"a.svg\"/></svg>"),
        "may only show a PNG",
    );
    refused(
        &format!("<svg {NS}><style>@import url(https://evil.example/x.css);</style></svg>"),
        "uses an at-rule",
    );
    refused(
        &format!("<svg {NS}><rect style=\"fill:url(https://evil.example/p.svg#g)\"/></svg>"),
        "`style` of `<rect>` uses `url(https://evil.example/p.svg#g)`",
    );
    refused(
        &format!("<svg {NS}><rect fill=\"url(//e.example/#g)\"/></svg>"),
        "`fill` of `<rect>`",
    );
    refused(
        &format!("<svg {NS}><a href=\"#x\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>"),
        "the animation `<set>` changes `href`",
    );
    refused(
        &format!("<svg {NS}><a><animate attributeName=\"xlink:href\" values=\"javascript:alert(1)\"/></a></svg>"),
        "changes `xlink:href`",
    );
    refused(
        &format!("<?xml-stylesheet href=\"x.xsl\" type=\"text/xsl\"?><svg {NS}/>"),
        "processing instruction",
    );
    refused(
        &format!("<svg {NS} xml:base=\"https://evil.example/\"/>"),
        "`base` of `<svg>`",
    );
    refused(
        &format!("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><svg {NS}/>"),
        "only UTF-8",
    );
    refused("<svg><rect/></svg>", "is not `<svg xmlns=");
    refused(&format!("<svg {NS}><rect></svg>"), "not well-formed XML");
    refused(
        &format!("<svg {NS}><text>&nbsp;</text></svg>"),
        "not well-formed XML",
    );
}

#[test]
fn positions_and_the_report_limit() {
    let d = check(
        "content/images/x.svg",
        &format!("<svg {NS}>\n  <g>\n    <script>x</script></g></svg>"),
    );
    assert_eq!(d[0].loc, Some(Loc::new(3, 5)), "{}", d[0]);
    let many = format!("<svg {NS}>{}</svg>", "<rect onclick=\"x\"/>".repeat(50));
    let d = check("content/images/x.svg", &many);
    assert_eq!(d.len(), MAX_REPORTED + 1);
    assert!(
        d[MAX_REPORTED].message.contains("40 more problems"),
        "{}",
        d[MAX_REPORTED]
    );
}

#[test]
fn deep_or_large_drawings_are_bounded() {
    let deep = format!(
        "<svg {NS}>{}{}</svg>",
        "<g>".repeat(100_000),
        "</g>".repeat(100_000)
    );
    let started = std::time::Instant::now();
    assert_eq!(problems(&deep), Vec::<String>::new());
    let wide = format!("<svg {NS}>{}</svg>", "<g/>".repeat(600_000));
    assert!(
        problems(&wide)[0].contains("not well-formed XML"),
        "nodes limit"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
