//! The web editor in `gongbo serve`: `/admin/` (the editor page, the vendored Decap CMS
//! bundle, the configuration made for this site by [`crate::cms`]), the CMS's local
//! backend at `/api/v1` ([`backend`], writing only under content/ through [`store`]),
//! and `/api/gongbo/status`, what `gongbo check` finds after the last build, which the
//! editor shows next to the form.
//!
//! These are routes of serve's own server, so the same rules hold: loopback names only
//! in `Host`, requests that change something only from serve's own pages (`Origin`),
//! bounded bodies and connections. The editor page has its own policy
//! ([`crate::cms::admin::CSP`]).

pub mod backend;
pub mod store;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::http::{self, lock, Method, Request, Response, Route, Router};
use crate::cms::{self, admin};
use crate::types::Lang;
use crate::BuildOptions;

/// The status JSON of one build generation, in one language.
struct Status {
    generation: u64,
    lang: Lang,
    json: Arc<Vec<u8>>,
}

/// What the editor's routes need from serve.
pub struct Editor {
    root: PathBuf,
    store: store::Store,
    bounds: backend::Bounds,
    now: Arc<dyn Fn() -> i64 + Send + Sync>,
    /// The build's generation and whether it worked.
    build: Arc<dyn Fn() -> (u64, bool) + Send + Sync>,
    /// The status of one generation, made when first asked for.
    status: Mutex<Option<Status>>,
    /// One status is made at a time: it checks the whole site.
    making: Mutex<()>,
}

impl Editor {
    pub fn new(
        root: PathBuf,
        now: Arc<dyn Fn() -> i64 + Send + Sync>,
        build: Arc<dyn Fn() -> (u64, bool) + Send + Sync>,
    ) -> Editor {
        Editor {
            store: store::Store::new(&root),
            root,
            bounds: backend::Bounds::default(),
            now,
            build,
            status: Mutex::new(None),
            making: Mutex::new(()),
        }
    }
}

/// Saves and uploads at the same time: each may hold its whole body in memory.
const API_AT_ONCE: usize = 2;

/// Adds the editor's routes to `router`.
pub fn routes(router: Router, editor: Arc<Editor>) -> Router {
    let (config, api, status) = (editor.clone(), editor.clone(), editor);
    router
        .route(Route::get(http::Path::Exact("/admin"), |_| {
            Response::new(
                301,
                "text/plain; charset=utf-8",
                http::Body::Bytes(Vec::new()),
            )
            .with_header("location", admin::PATH)
        }))
        .route(Route::get(http::Path::Exact(admin::PATH), editor_page))
        .route(Route::get(
            http::Path::Exact("/admin/config.yml"),
            move |req| config_file(&config, req),
        ))
        .route(Route::get(http::Path::Prefix(admin::PATH), asset))
        .route(
            Route::with_body(
                Method::Post,
                http::Path::Exact(admin::API),
                api.bounds.body,
                move |req| local_backend(&api, req),
            )
            .at_most(API_AT_ONCE),
        )
        .route(
            Route::get(http::Path::Exact(admin::STATUS), move |req| {
                status_json(&status, req)
            })
            .same_origin(),
        )
}

/// The language of the editor: the first of Korean and English in `Accept-Language`
/// (or `?lang=`), Korean when neither is named.
pub fn language(req: &Request) -> Lang {
    if let Some(q) = &req.query {
        for pair in q.split('&') {
            match pair {
                "lang=en" => return Lang::En,
                "lang=ko" => return Lang::Ko,
                _ => {}
            }
        }
    }
    let header = req.header("accept-language").unwrap_or("");
    for tag in header.split(',') {
        let tag = tag
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if tag == "ko" || tag.starts_with("ko-") {
            return Lang::Ko;
        }
        if tag == "en" || tag.starts_with("en-") {
            return Lang::En;
        }
    }
    Lang::Ko
}

fn no_store(r: Response) -> Response {
    r.with_header("cache-control", "no-store")
        .with_header("vary", "accept-language")
}

fn editor_page(req: &Request) -> Response {
    let page = admin::page(language(req), admin::Page::Local);
    no_store(
        Response::new(
            200,
            "text/html; charset=utf-8",
            http::Body::Bytes(page.into_bytes()),
        )
        .with_header("content-security-policy", admin::CSP)
        .with_header("referrer-policy", "no-referrer"),
    )
}

/// The configuration for this site as it is now (so a new tag or milestone is in the
/// form on the next load), saving through the local backend.
fn config_file(editor: &Editor, req: &Request) -> Response {
    match cms::load(&editor.root) {
        Ok(loaded) => {
            let text = cms::config_yaml(&loaded.inputs(), cms::Target::Local, language(req));
            no_store(Response::new(
                200,
                "text/yaml; charset=utf-8",
                http::Body::Bytes(text.into_bytes()),
            ))
        }
        Err(diags) => no_store(Response::text(
            503,
            &format!("the editor cannot be configured until these are fixed:\n{diags}"),
        )),
    }
}

/// gongbo's script and style, and the files of the bundle (sent compressed to browsers
/// that take gzip, which every browser does).
fn asset(req: &Request) -> Response {
    let name = &req.path[admin::PATH.len()..];
    let fixed = |kind: &str, text: &'static str| {
        no_store(Response::new(
            200,
            kind,
            http::Body::Bytes(text.as_bytes().to_vec()),
        ))
    };
    match name {
        admin::SCRIPT_NAME => return fixed("text/javascript; charset=utf-8", admin::SCRIPT),
        admin::STYLE_NAME => return fixed("text/css; charset=utf-8", admin::STYLE),
        _ => {}
    }
    let Some(file) = admin::bundled(name) else {
        return Response::text(404, "not found");
    };
    let etag = format!("\"{}\"", file.integrity);
    if req.header("if-none-match") == Some(etag.as_str()) {
        return Response::new(304, file.content_type(), http::Body::Bytes(Vec::new()))
            .with_header("etag", etag);
    }
    let gzip = req.header("accept-encoding").is_some_and(|a| {
        a.split(',')
            .any(|e| e.split(';').next().unwrap_or("").trim() == "gzip")
    });
    let r = if gzip {
        Response::new(
            200,
            file.content_type(),
            http::Body::Bytes(file.gzip.to_vec()),
        )
        .with_header("content-encoding", "gzip")
    } else {
        Response::new(200, file.content_type(), http::Body::Bytes(file.bytes()))
    };
    r.with_header("etag", etag)
        .with_header("cache-control", "no-cache")
        .with_header("vary", "accept-encoding")
}

fn local_backend(editor: &Editor, req: &Request) -> Response {
    let json_type = req
        .header("content-type")
        .is_some_and(|t| t.trim_start().starts_with("application/json"));
    if !json_type {
        return Response::text(415, "the editor's API takes application/json");
    }
    let (status, value) = match backend::answer(&editor.store, &editor.bounds, &req.body) {
        Ok(v) => (200, v),
        Err((status, why)) => (
            status,
            serde_json::json!({ "error": why.render(language(req)) }),
        ),
    };
    let body = serde_json::to_vec(&value).expect("JSON values serialize");
    no_store(Response::new(
        status,
        "application/json; charset=utf-8",
        http::Body::Bytes(body),
    ))
}

/// What `gongbo check` finds in the site as it is now, as a pull request's check would
/// (held-back releases and drafts are linted too; a draft may keep the placeholders of
/// `gongbo new release`), for the build generation that serve has made last.
fn status_json(editor: &Editor, req: &Request) -> Response {
    let lang = language(req);
    let (generation, built) = (editor.build)();
    let cached = |g: u64| {
        lock(&editor.status)
            .as_ref()
            .filter(|s| s.generation == g && s.lang == lang)
            .map(|s| s.json.clone())
    };
    let body = match cached(generation) {
        Some(b) => b,
        None => {
            let _one = lock(&editor.making);
            match cached(generation) {
                Some(b) => b,
                None => {
                    let json = Arc::new(make_status(editor, generation, built, lang));
                    *lock(&editor.status) = Some(Status {
                        generation,
                        lang,
                        json: json.clone(),
                    });
                    json
                }
            }
        }
    };
    no_store(Response::new(
        200,
        "application/json; charset=utf-8",
        http::Body::Bytes(body.as_ref().clone()),
    ))
}

fn make_status(editor: &Editor, generation: u64, built: bool, lang: Lang) -> Vec<u8> {
    let opts = BuildOptions {
        root: editor.root.clone(),
        output: editor.root.join("public"),
        base_url: None,
        drafts: false,
        now_unix: (editor.now)(),
        home: None,
    };
    let diags = crate::check::check(&opts, &crate::check::Limits::default());
    let mut report: serde_json::Value =
        serde_json::from_str(&crate::check::report::json(&diags, lang))
            .expect("the report is JSON");
    if let Some(map) = report.as_object_mut() {
        map.insert("generation".into(), generation.into());
        map.insert("built".into(), built.into());
        map.insert("lang".into(), lang.code().into());
    }
    serde_json::to_vec(&report).expect("JSON values serialize")
}
