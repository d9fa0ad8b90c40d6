//! The progress bar of a long build, drawn on a terminal only.

use std::time::Instant;

/// One line for the stage: a bar of the items done when they are counted one by one
/// (`render    [=====     ] 1200/3600 pages`), else only the stage's name.
fn progress_line(s: &gongbo::progress::Snapshot) -> String {
    let stage = s.stage;
    match (s.done.min(s.total) * 30).checked_div(s.total) {
        Some(filled) if s.counted => format!(
            "{stage:<9} [{}{}] {}/{} {}",
            "=".repeat(filled),
            " ".repeat(30 - filled),
            s.done.min(s.total),
            s.total,
            s.unit
        ),
        _ => format!("{stage:<9} …"),
    }
}

/// Runs `work`, drawing a progress bar on stderr while it runs longer than a moment, but
/// only on a terminal and outside CI (elsewhere the summary line is enough).
pub fn with_progress_bar<T: Send>(work: impl FnOnce(&gongbo::progress::Progress) -> T + Send) -> T {
    use std::io::{IsTerminal, Write};
    use std::sync::atomic::{AtomicBool, Ordering};
    let progress = gongbo::progress::Progress::default();
    let show = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !show {
        return work(&progress);
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let drawer = scope.spawn(|| {
            let started = Instant::now();
            let mut drawn = false;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(80));
                if started.elapsed().as_millis() < 250 {
                    continue;
                }
                eprint!("\r\x1b[2K{}", progress_line(&progress.snapshot()));
                let _ = std::io::stderr().flush();
                drawn = true;
            }
            if drawn {
                eprint!("\r\x1b[2K");
            }
        });
        let out = work(&progress);
        finished.store(true, Ordering::Relaxed);
        let _ = drawer.join();
        out
    })
}

#[cfg(test)]
mod tests {
    use super::progress_line;
    use gongbo::progress::Progress;

    #[test]
    fn the_progress_line_shows_a_bar_only_for_counted_stages() {
        let p = Progress::default();
        p.counted("render", 40, "pages");
        for _ in 0..10 {
            p.tick();
        }
        assert_eq!(
            progress_line(&p.snapshot()),
            format!(
                "render    [{}{}] 10/40 pages",
                "=".repeat(7),
                " ".repeat(23)
            )
        );
        p.stage("write");
        assert_eq!(progress_line(&p.snapshot()), "write     …");
        p.counted("markdown", 0, "bodies");
        assert_eq!(progress_line(&p.snapshot()), "markdown  …");
    }
}
