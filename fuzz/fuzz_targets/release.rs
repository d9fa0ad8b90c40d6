//! One release file through decode → split → YAML → checks: never a panic, and every
//! error has a location inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use gongbo::config::Config;
use gongbo::content::{self, release, Plan, TagRegistry};
use gongbo::types::Lang;

const SITE: &str = include_str!("../../tests/fixtures/build/basic/site.toml");

fn config() -> &'static Config {
    static C: OnceLock<Config> = OnceLock::new();
    C.get_or_init(|| gongbo::config::parse(SITE, None).expect("fuzz site.toml"))
}

fuzz_target!(|data: &[u8]| {
    let file = "content/releases/x.ko.md";
    let Ok(text) = content::decode(file, data.to_vec(), gongbo::diag::Code::OtherError) else {
        return;
    };
    let tags = TagRegistry::default();
    let plan = Plan::default();
    let assets = BTreeMap::new();
    let cx = release::Context {
        config: config(),
        tags: &tags,
        plan: &plan,
        assets: &assets,
    };
    if let Err(ds) = release::parse(file, Lang::Ko, "x", &text, &cx) {
        let lines = text.lines().count().max(1) + 1;
        for d in ds {
            let loc = d.loc.expect("every release error has a location");
            assert!(
                loc.line >= 1 && loc.line <= lines,
                "{d} (file has {lines} lines)"
            );
        }
    }
});
