//! The render stage: the pages to write and the search index, made side by side. Each
//! body goes to whichever needs it first (its page or its search document, see
//! [`Shown`]) and is freed once both are made.

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::fps::Docs;
use super::outputs::Outputs;
use super::shown::Shown;
use crate::diag::Diagnostic;
use crate::link::Site;
use crate::markdown::{Bodies, Rendered};
use crate::progress::Progress;
use crate::render;
use crate::route::Page;
use crate::search;
use crate::search::store::LangIndex;
use crate::types::{free_aside, Lang, PerLang};

/// What the render stage reads.
pub struct Stage<'a> {
    pub site: &'a Site,
    pub plan: &'a render::Plan<'a>,
    pub theme: &'a render::Theme,
    pub outputs: &'a Outputs<'a>,
    pub progress: &'a Progress,
    /// The pages to render.
    pub todo: &'a [(Lang, Page)],
    /// The search documents of each language.
    pub search_docs: &'a PerLang<Docs>,
    /// The bodies whose search documents are read again (their readers render their pages).
    pub read_again: &'a FxHashSet<usize>,
}

/// Renders and writes the pages `stage.todo` and brings the search index of each
/// language to `stage.search_docs`, writing the files of it that changed; the problems
/// of pages that could not be rendered.
pub fn render_and_index(
    stage: &Stage<'_>,
    bodies: Bodies,
    search: &mut PerLang<LangIndex>,
) -> Vec<Diagnostic> {
    let Stage {
        site,
        plan,
        theme,
        outputs,
        progress,
        todo,
        search_docs,
        read_again,
    } = *stage;
    let tick = |t: render::Tick| match t {
        render::Tick::Planned(pages) => progress.counted("render", pages, "pages"),
        render::Tick::Rendered => progress.tick(),
    };
    tick(render::Tick::Planned(todo.len()));
    let shown = Shown::new(bodies, todo);
    let errors: Mutex<Vec<Diagnostic>> = Mutex::default();
    // When the last page is done, what is left, if anything, is the search index.
    let left = AtomicUsize::new(todo.len());
    if todo.is_empty() {
        progress.stage("search");
    }
    let render_page = |lang: Lang, page: Page, body: Option<&Rendered>| {
        match plan.render(lang, page, body) {
            Ok(file) => outputs.write(file),
            Err(d) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(d),
        }
        tick(render::Tick::Rendered);
        if left.fetch_sub(1, Ordering::AcqRel) == 1 {
            progress.stage("search");
        }
    };
    // Body `k`'s page, unless another task has rendered it or is rendering it.
    let render_body = |k: usize, body: &Rendered| {
        if let Some(lang) = shown.claim(k) {
            render_page(lang, shown.page(k), Some(body));
        }
    };
    rayon::join(
        || {
            todo.par_iter()
                .for_each(|&(lang, page)| match shown.slot(page) {
                    None => render_page(lang, page, None),
                    // Rendered by the reader of its search document.
                    Some(k) if read_again.contains(&k) => {}
                    Some(k) => {
                        if let Some(body) = shown.get(k) {
                            render_body(k, &body);
                        }
                    }
                });
        },
        || {
            let index = |lang: Lang, index: &mut LangIndex| {
                let (keys, srcs) = search_docs.get(lang);
                let t = theme.strings.get(lang);
                let changed = index.update(keys, &|i| {
                    let k = shown.of_doc(srcs[i]);
                    let body = shown.take(k);
                    debug_assert!(body.is_some(), "a body is one document's, read once");
                    let body = body.unwrap_or_default();
                    render_body(k, &body);
                    search::index::read(site, &body, t, lang, srcs[i])
                });
                let (files, paths) = search::index::changed_files(site, lang, index, &changed);
                let written: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
                for f in files {
                    outputs.put_bytes(f);
                }
                for p in paths.iter().filter(|p| !written.contains(*p)) {
                    outputs.keep(p);
                }
            };
            let PerLang { ko, en } = search;
            rayon::join(|| index(Lang::Ko, ko), || index(Lang::En, en));
        },
    );
    // Pages of bodies whose documents turned out not to be read (the index was renumbered
    // differently than foreseen, say).
    shown.unclaimed().par_iter().for_each(|&(k, lang)| {
        if let Some(body) = shown.get(k) {
            render_page(lang, shown.page(k), Some(&body));
        }
    });
    free_aside(shown);
    errors.into_inner().unwrap_or_else(|e| e.into_inner())
}
