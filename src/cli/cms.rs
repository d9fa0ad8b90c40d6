//! `gongbo cms config` and `gongbo cms admin`: the web editor's configuration and its
//! hosted page.

use clap::{Args, Subcommand};
use std::path::PathBuf;

use gongbo::t;
use gongbo::types::Lang;

use super::say::{say, say_error};
use super::EXIT_CONTENT;

#[derive(Debug, Subcommand)]
pub enum CmsCommand {
    /// Write cms/config.yml, the hosted editor's configuration, from gongbo's front
    /// matter schema, site.toml ([cms]), content/tags.yaml and content/milestones.yaml.
    Config(CmsArgs),
    /// Write the hosted editor (index.html, the pinned Decap CMS bundle and
    /// cms/config.yml) into DIR, to publish at an address of its own.
    Admin(CmsAdminArgs),
}

#[derive(Debug, Args)]
pub struct CmsArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct CmsAdminArgs {
    /// The site root, the folder that holds site.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the editor (made if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

impl CmsCommand {
    pub fn run(self, lang: Lang) -> i32 {
        match self {
            CmsCommand::Config(args) => cms_config(&args.root, lang),
            CmsCommand::Admin(args) => cms_admin(&args.root, &args.out, lang),
        }
    }
}

fn cms_config(root: &std::path::Path, lang: Lang) -> i32 {
    let loaded = match gongbo::cms::load(root) {
        Ok(l) => l,
        Err(diags) => {
            eprint!("{}", diags.render(lang));
            return EXIT_CONTENT;
        }
    };
    let text = match gongbo::cms::hosted_yaml(&loaded) {
        Ok(t) => t,
        Err(d) => {
            eprintln!("{}", d.render(lang));
            return EXIT_CONTENT;
        }
    };
    let path = root.join(gongbo::cms::CONFIG_FILE);
    let result = std::fs::create_dir_all(path.parent().expect("cms/ has a parent"))
        .and_then(|_| std::fs::write(&path, text));
    if let Err(e) = result {
        let shown = path.display().to_string();
        say_error(
            lang,
            &t!(
                "cannot write {path}: {reason}",
                path = shown,
                reason = gongbo::diag::io_reason(&e)
            ),
            None,
        );
        return EXIT_CONTENT;
    }
    if !loaded.tags_editable {
        let note = t!("content/tags.yaml is a plain list, which the editor cannot edit, so it has no Tags collection; to edit tags in the editor, put a line `tags:` above the list and indent the list under it");
        say(lang, t!("note: {note}", note));
    }
    say(lang, t!("wrote {path}", path = path.display().to_string()));
    0
}

fn cms_admin(root: &std::path::Path, out: &std::path::Path, lang: Lang) -> i32 {
    let loaded = match gongbo::cms::load(root) {
        Ok(l) => l,
        Err(diags) => {
            eprint!("{}", diags.render(lang));
            return EXIT_CONTENT;
        }
    };
    let committed = std::fs::read_to_string(root.join(gongbo::cms::CONFIG_FILE));
    let Ok(config) = committed else {
        say_error(
            lang,
            &t!("{path} does not exist", path = gongbo::cms::CONFIG_FILE),
            Some(&t!("write it with `gongbo cms config` and commit it")),
        );
        return EXIT_CONTENT;
    };
    if let Some(d) = gongbo::cms::stale(root, &loaded.inputs()) {
        eprintln!("{}", d.render(lang));
        say_error(
            lang,
            &t!("the editor was not written; its configuration is out of date"),
            None,
        );
        return EXIT_CONTENT;
    }
    let page_lang = loaded.config.cms.as_ref().map_or(Lang::Ko, |c| c.locale);
    match gongbo::cms::admin::export(out, page_lang, &config) {
        Ok(files) => {
            say(
                lang,
                t!(
                    "wrote the editor (Decap CMS {version}, {n} files) to {path}",
                    version = gongbo::cms::admin::version(),
                    n = files.len(),
                    path = out.display().to_string()
                ),
            );
            0
        }
        Err(e) => {
            let shown = out.display().to_string();
            say_error(
                lang,
                &t!(
                    "cannot write the editor to {path}: {reason}",
                    path = shown,
                    reason = gongbo::diag::io_reason(&e)
                ),
                None,
            );
            EXIT_CONTENT
        }
    }
}
