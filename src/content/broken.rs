//! A data file (tags.yaml, milestones.yaml) that failed its own checks: the releases
//! that name its entries cannot be checked against it, so instead of one "not declared"
//! error per use they are counted, and the build says one follow-on line for them all.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Text};

/// Whether a data file is broken and, if so, how many releases used it and how to say
/// so. Clones share the count (releases are checked in parallel).
#[derive(Debug, Clone, Default)]
pub struct Broken(Option<(Arc<AtomicUsize>, Said)>);

/// The follow-on line of one data file: its path, the message for a number of releases
/// and the hint. The messages are written (with `t!`) where the file is read.
#[derive(Debug, Clone, Copy)]
struct Said {
    file: &'static str,
    message: fn(usize) -> Text,
    hint: fn() -> Text,
}

impl Broken {
    /// The state of `file`, which has errors: [`Broken::follow_on`] says `message` for
    /// the number of releases that used it, with `hint`.
    pub fn file(file: &'static str, message: fn(usize) -> Text, hint: fn() -> Text) -> Broken {
        let said = Said {
            file,
            message,
            hint,
        };
        Broken(Some((Arc::default(), said)))
    }

    /// Whether the data file has errors.
    pub fn is_broken(&self) -> bool {
        self.0.is_some()
    }

    /// Whether the data file has errors; counts one release that uses it if so.
    pub fn is_broken_for_one(&self) -> bool {
        self.0
            .as_ref()
            .inspect(|(n, _)| {
                n.fetch_add(1, Ordering::Relaxed);
            })
            .is_some()
    }

    /// One line for all the releases counted, if any.
    pub fn follow_on(&self) -> Option<Diagnostic> {
        let (n, said) = self.0.as_ref()?;
        let n = n.load(Ordering::Relaxed);
        (n > 0).then(|| {
            Diagnostic::new(Code::Undeclared, said.file, (said.message)(n)).hint((said.hint)())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(b: &Broken) -> Option<String> {
        b.follow_on().map(|d| d.to_string())
    }

    fn broken() -> Broken {
        Broken::file("content/x.yaml", |n| t!("{n} uses", n), || t!("fix it"))
    }

    #[test]
    fn a_sound_file_counts_nothing_and_says_nothing() {
        let b = Broken::default();
        assert!(!b.is_broken());
        assert!(!b.is_broken_for_one());
        assert_eq!(line(&b), None);
    }

    #[test]
    fn a_broken_file_says_one_line_for_all_uses_once_used() {
        let b = broken();
        assert!(b.is_broken());
        assert_eq!(line(&b), None, "no release used it yet");
        let shared = b.clone();
        assert!(shared.is_broken_for_one());
        assert!(b.is_broken_for_one());
        let said = line(&b).unwrap();
        assert!(said.contains("content/x.yaml"), "{said}");
        assert!(said.contains("2 uses"), "{said}");
        assert!(said.contains("fix it"), "{said}");
    }
}
