//! Issue 7, point 5: the publishing script CI runs works on a fixture, and the workflow
//! that calls it passes actionlint. Issue 16, point 5: the workflow also runs on a
//! schedule, every 15 minutes, so embargoed releases go public by themselves; the
//! workflow `gongbo init` writes for a new site does the same and passes actionlint too.
//! Without actionlint these tests fail naming its install command;
//! `GONGBO_SKIP_TESTS=actionlint` skips them on purpose, counted as ignored.

mod support;

use std::process::Command;
use support::{repo, SiteTest, NOW};

fn publish(s: &SiteTest, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/publish-site.sh"))
        .current_dir(s.root())
        .env("GONGBO", env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("SITE_BASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn the_publish_script_checks_and_builds_with_the_given_base_url() {
    let s = SiteTest::from_fixture("check/base");
    let out = publish(
        &s,
        &[
            ("SITE_BASE_URL", "https://org.example.io/press/"),
            ("SITE_OUTPUT", "site"),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{err}{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let home = std::fs::read_to_string(s.root().join("site/index.html")).unwrap();
    assert!(home.contains("https://org.example.io/press/"), "{home}");
}

#[test]
fn the_publish_script_fails_on_check_errors_with_annotations() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/bad.ko.md",
        "---\ntitle: 가\ndate: 2021-02-30\n---\n",
    );
    let out = publish(
        &s,
        &[
            ("SITE_BASE_URL", "https://org.example.io/"),
            ("GITHUB_ACTIONS", "true"),
        ],
    );
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::error file=content/releases/bad.ko.md,line=3,col=7,title=E004::"),
        "{stdout}"
    );
    assert!(!s.root().join("public").exists());
}

#[test]
fn the_publish_script_needs_a_base_url() {
    let s = SiteTest::from_fixture("check/base");
    let out = publish(&s, &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SITE_BASE_URL"));
}

/// The workflow files this repository ships: its own, and the one `gongbo init` writes.
fn workflows() -> Vec<(&'static str, String)> {
    let own = std::fs::read_to_string(repo().join(".github/workflows/site.yml")).unwrap();
    let init = std::fs::read_to_string(repo().join("src/init/files/site.yml"))
        .unwrap()
        .replace("%%version%%", env!("CARGO_PKG_VERSION"));
    vec![("site.yml", own), ("init's site.yml", init)]
}

/// Issue 14: every run restores the previous build's state and output, so a scheduled run
/// rewrites only what changed, and saves them under a new key.
#[test]
fn the_workflows_keep_the_build_state_between_runs() {
    for (name, wf) in workflows() {
        let step = wf
            .split("- name: ")
            .find(|s| s.contains("actions/cache") && s.lines().any(|l| l.trim() == ".gongbo/build"))
            .unwrap_or_else(|| panic!("{name} does not cache .gongbo/build/"));
        assert!(
            step.lines().any(|l| l.trim() == "public"),
            "{name}: the output is not cached with the state"
        );
        assert!(
            step.contains("github.run_id") && step.contains("restore-keys"),
            "{name}: the cache must be saved anew every run and restored by prefix"
        );
        let at = |needle: &str| wf.find(needle).unwrap();
        assert!(
            at(step) < at("run: scripts/publish-site.sh"),
            "{name}: the state must be restored before the build"
        );
    }
}

#[test]
fn the_workflow_runs_the_script_and_deploys() {
    for (name, wf) in workflows() {
        for needle in [
            "scripts/publish-site.sh",
            "actions/upload-pages-artifact",
            "actions/deploy-pages",
            "cargo install",
        ] {
            assert!(wf.contains(needle), "{name} does not mention {needle}");
        }
    }
}

/// Issue 15, point 6: the photo cache (.gongbo/photos) is restored before the build and
/// saved after it, by actions/cache, in the repository's workflow and in the one
/// `gongbo init` writes.
#[test]
fn the_workflows_keep_the_photo_cache_between_runs() {
    for (name, wf) in workflows() {
        let at = |needle: &str| {
            wf.find(needle)
                .unwrap_or_else(|| panic!("{name} does not mention {needle}"))
        };
        let restore = at("uses: actions/cache/restore@v4");
        let build = at("run: scripts/publish-site.sh");
        let save = at("uses: actions/cache/save@v4");
        assert!(
            restore < build && build < save,
            "{name}: restore, build, save"
        );
        for step in [&wf[restore..build], &wf[save..]] {
            assert!(step.contains("path: .gongbo/photos"), "{name}: {step}");
        }
        // Not with the build's state, which is saved every run: the copies are saved
        // only when there are new ones.
        assert!(
            !wf.lines()
                .any(|l| l.trim() == ".gongbo" || l.trim() == "path: .gongbo"),
            "{name}: the photo cache is saved with the build state"
        );
    }
}

/// The cron lines under `on: schedule:` of a workflow.
fn crons(wf: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_schedule = false;
    for line in wf.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        if line.starts_with("  ") && !line.starts_with("   ") {
            in_schedule = t == "schedule:";
            continue;
        }
        if !line.starts_with(' ') {
            in_schedule = false;
        }
        if in_schedule {
            if let Some(c) = t.strip_prefix("- cron:") {
                out.push(c.trim().trim_matches('"').trim_matches('\'').to_string());
            }
        }
    }
    out
}

/// Whether the minute field of a cron expression fires at least every `n` minutes.
fn every_minutes(cron: &str, n: u32) -> bool {
    let fields: Vec<&str> = cron.split_whitespace().collect();
    if fields.len() != 5 || fields[1..].iter().any(|f| *f != "*") {
        return false;
    }
    let minutes: Vec<u32> = match fields[0].strip_prefix("*/") {
        Some(step) => match step.parse::<u32>() {
            Ok(s) if s > 0 => (0..60).step_by(s as usize).collect(),
            _ => return false,
        },
        None => fields[0]
            .split(',')
            .map(|m| m.parse().unwrap_or(99))
            .collect(),
    };
    let mut sorted = minutes;
    sorted.sort();
    if sorted.iter().any(|&m| m >= 60) || sorted.is_empty() {
        return false;
    }
    let gaps = sorted.windows(2).map(|w| w[1] - w[0]);
    let wrap = 60 - sorted.last().unwrap() + sorted[0];
    gaps.chain([wrap]).all(|g| g <= n)
}

#[test]
fn the_cron_reader_reads_what_it_should() {
    assert!(every_minutes("*/15 * * * *", 15));
    assert!(every_minutes("0,15,30,45 * * * *", 15));
    assert!(
        !every_minutes("0,15,30 * * * *", 15),
        "45 to 0 is 30 minutes"
    );
    assert!(!every_minutes("*/30 * * * *", 15));
    assert!(!every_minutes("*/15 9 * * *", 15), "only at nine");
    let wf = "on:\n  push:\n  schedule:\n    - cron: \"*/5 * * * *\"\n  workflow_dispatch:\njobs:\n  - cron: x\n";
    assert_eq!(crons(wf), vec!["*/5 * * * *"]);
}

/// Issue 16, point 5: the site is built again at least every 15 minutes, and the
/// scheduled runs deploy (the deploy job is skipped only for pull requests).
#[test]
fn the_workflows_run_every_15_minutes_and_scheduled_runs_deploy() {
    for (name, wf) in workflows() {
        let crons = crons(&wf);
        assert!(
            crons.iter().any(|c| every_minutes(c, 15)),
            "{name}: no schedule of every 15 minutes: {crons:?}"
        );
        assert!(
            wf.contains("  deploy:\n    if: github.event_name != 'pull_request'"),
            "{name}: the deploy job must run for scheduled runs"
        );
    }
}

/// Issue 16, point 6: the README and the publishing guide say so.
#[test]
fn the_docs_say_when_an_embargoed_release_goes_public() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let guide = std::fs::read_to_string(repo().join("docs/publishing.md")).unwrap();
    for (name, text) in [("README.md", &readme), ("docs/publishing.md", &guide)] {
        assert!(
            text.contains("15 minutes"),
            "{name} does not say every 15 minutes"
        );
    }
}

#[test]
#[cfg_attr(gongbo_skip_actionlint, ignore = "GONGBO_SKIP_TESTS=actionlint")]
fn the_workflows_pass_actionlint() {
    support::tools::require(&[support::tools::Tool::Actionlint]);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(".github/workflows");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, (name, wf)) in workflows().into_iter().enumerate() {
        let file = folder.join(format!("site-{i}.yml"));
        std::fs::write(&file, wf).unwrap();
        let out = support::tools::actionlint()
            .unwrap()
            .arg(&file)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "actionlint on {name}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
