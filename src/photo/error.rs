//! What can be wrong with a photo, said so that the build can turn it into a located
//! diagnostic: [`PhotoError`] names the file, [`Problem`] says what is wrong, and
//! [`PhotoError::message`] / [`PhotoError::hint`] say it, and what to do, in words an
//! editor understands (each a single sentence, so the catalog can translate them).
//!
//! The integration picks a diagnostic code from [`Problem::is_cache`] (a problem of
//! gongbo's own cache folder, not of the photo) and otherwise treats every problem as an
//! error about the photo file, located at the line that names it.

use std::fmt;
use std::path::{Path, PathBuf};

use super::sniff::{Format, Other};

/// A photo that cannot be published, or a cache that cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoError {
    /// The photo (as the caller named it), or the cache file for [`Problem::Cache`].
    pub file: PathBuf,
    pub problem: Problem,
}

/// What is wrong, with the numbers the message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is not there.
    NotFound,
    /// The file exists but cannot be read (permissions, a folder, an I/O error).
    Unreadable { reason: String },
    /// The file has no bytes.
    Empty,
    /// The content is not a JPEG, PNG or WebP image.
    Unsupported { found: Other },
    /// The content is a supported format, but the file name says another one (or none).
    Mislabelled { found: Format, extension: String },
    /// More bytes than gongbo reads for one photo.
    FileTooLarge { bytes: u64, limit: u64 },
    /// More pixels than gongbo decodes for one photo (a decompression bomb, or simply
    /// too big to be useful on the web).
    TooManyPixels { width: u32, height: u32, limit: u64 },
    /// The header declares far more pixels than a file of this size can hold.
    Implausible { width: u32, height: u32, bytes: u64 },
    /// The file stops before the image does.
    Truncated,
    /// A JPEG, PNG or WebP that uses a feature the decoder does not read (arithmetic
    /// coding, 12-bit JPEG, …).
    UnsupportedVariant { found: Format, detail: String },
    /// The image data is damaged; `detail` is the decoder's own words.
    Corrupt { detail: String },
    /// gongbo could not make the derivatives (an encoder failed): a bug to report.
    Internal { detail: String },
    /// The cache folder `.gongbo/photos/` cannot be used.
    Cache { reason: String },
}

impl PhotoError {
    pub(crate) fn new(file: &Path, problem: Problem) -> Self {
        PhotoError {
            file: file.to_path_buf(),
            problem,
        }
    }

    pub(crate) fn io(file: &Path, e: &std::io::Error) -> Self {
        let problem = match e.kind() {
            std::io::ErrorKind::NotFound => Problem::NotFound,
            _ => Problem::Unreadable {
                reason: e.to_string(),
            },
        };
        PhotoError::new(file, problem)
    }

    pub(crate) fn cache(file: &Path, e: impl fmt::Display) -> Self {
        PhotoError::new(
            file,
            Problem::Cache {
                reason: e.to_string(),
            },
        )
    }

    /// What is wrong, in one sentence.
    pub fn message(&self) -> String {
        match &self.problem {
            Problem::NotFound => "the photo file does not exist".to_string(),
            Problem::Unreadable { reason } => format!("the photo cannot be read ({reason})"),
            Problem::Empty => "the photo file is empty".to_string(),
            Problem::Unsupported { found } => format!(
                "this file is {}, which gongbo does not publish as a photo",
                found.described()
            ),
            Problem::Mislabelled { found, extension } if extension.is_empty() => format!(
                "this {} file has no extension, so browsers and editors cannot tell what it is",
                found.name()
            ),
            Problem::Mislabelled { found, extension } => format!(
                "the file name ends in .{extension} but the file contains a {} image",
                found.name()
            ),
            Problem::FileTooLarge { bytes, limit } => format!(
                "the photo file is {} MB, more than the {} MB gongbo reads for one photo",
                mb(*bytes),
                mb(*limit)
            ),
            Problem::TooManyPixels {
                width,
                height,
                limit,
            } => format!(
                "the photo is {width} × {height} pixels ({} megapixels), more than the {} megapixels gongbo accepts",
                megapixels(u64::from(*width) * u64::from(*height)),
                megapixels(*limit)
            ),
            Problem::Implausible {
                width,
                height,
                bytes,
            } => format!(
                "the file says it holds {width} × {height} pixels but has only {bytes} bytes, so it is damaged or was made to exhaust memory"
            ),
            Problem::Truncated => {
                "the photo file is cut off: it ends before the image does".to_string()
            }
            Problem::UnsupportedVariant { found, detail } => format!(
                "this {} file uses a feature gongbo cannot read ({detail})",
                found.name()
            ),
            Problem::Corrupt { detail } => format!("the image data is damaged ({detail})"),
            Problem::Internal { detail } => {
                format!("gongbo could not make the smaller copies of this photo ({detail})")
            }
            Problem::Cache { reason } => {
                format!("gongbo cannot use its photo cache ({reason})")
            }
        }
    }

    /// What to do about it, in one sentence.
    pub fn hint(&self) -> String {
        let stem = self
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match &self.problem {
            Problem::NotFound => {
                "check the file name and that the photo is under content/".to_string()
            }
            Problem::Unreadable { .. } => {
                "check that the file is a photo and that you may read it".to_string()
            }
            Problem::Empty | Problem::Truncated => {
                "copy the photo again from where it came from (camera, e-mail, shared drive)"
                    .to_string()
            }
            Problem::Unsupported { found } => found.hint().to_string(),
            Problem::Mislabelled { found, .. } => format!(
                "rename it to {stem}.{}, or export it again as JPEG",
                found.extension()
            ),
            Problem::FileTooLarge { .. } | Problem::TooManyPixels { .. } => {
                "scale it down to at most 6000 pixels on the long side and export it as JPEG"
                    .to_string()
            }
            Problem::Implausible { .. }
            | Problem::Corrupt { .. }
            | Problem::UnsupportedVariant { .. } => {
                "open the photo in an image editor and export it again as JPEG".to_string()
            }
            Problem::Internal { .. } => {
                "this is a bug in gongbo: please report it with the photo attached".to_string()
            }
            Problem::Cache { .. } => {
                "check that the site folder is writable, or delete the .gongbo/photos folder"
                    .to_string()
            }
        }
    }
}

impl Problem {
    /// A problem of gongbo's cache folder rather than of the photo.
    pub fn is_cache(&self) -> bool {
        matches!(self, Problem::Cache { .. })
    }
}

impl fmt::Display for PhotoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message())
    }
}

impl std::error::Error for PhotoError {}

fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

fn megapixels(pixels: u64) -> u64 {
    pixels.div_ceil(1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(p: Problem) -> PhotoError {
        PhotoError::new(Path::new("content/releases/a/site.jpg"), p)
    }

    #[test]
    fn messages_are_plain_sentences_with_a_hint() {
        let e = err(Problem::Mislabelled {
            found: Format::Png,
            extension: "jpg".into(),
        });
        assert_eq!(
            e.message(),
            "the file name ends in .jpg but the file contains a PNG image"
        );
        assert_eq!(
            e.hint(),
            "rename it to site.png, or export it again as JPEG"
        );
        let e = err(Problem::TooManyPixels {
            width: 20000,
            height: 20000,
            limit: 50_000_000,
        });
        assert_eq!(
            e.message(),
            "the photo is 20000 × 20000 pixels (400 megapixels), more than the 50 megapixels gongbo accepts"
        );
        let e = err(Problem::Unsupported { found: Other::Heic });
        assert!(e.message().contains("HEIC"), "{}", e.message());
        assert!(e.hint().contains("JPEG"), "{}", e.hint());
        assert_eq!(
            e.to_string(),
            format!("content/releases/a/site.jpg: {}", e.message())
        );
        assert!(!err(Problem::Truncated).problem.is_cache());
        assert!(err(Problem::Cache { reason: "x".into() })
            .problem
            .is_cache());
    }

    #[test]
    fn io_errors_say_missing_or_unreadable() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            PhotoError::io(Path::new("x.jpg"), &missing).problem,
            Problem::NotFound
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(matches!(
            PhotoError::io(Path::new("x.jpg"), &denied).problem,
            Problem::Unreadable { .. }
        ));
    }
}
