//! What can be wrong with a photo, said so that the build can turn it into a located
//! diagnostic: [`PhotoError`] names the file, [`Problem`] says what is wrong, and
//! [`PhotoError::message`] / [`PhotoError::hint`] say it, and what to do, in words an
//! editor understands: each a [`Text`] (one sentence, translated by the catalog of
//! `crate::diag`), ready for `Diagnostic::new(code, file, e.message()).hint(e.hint())`.
//!
//! The integration picks a diagnostic code from [`Problem::is_cache`] (a problem of
//! gongbo's own cache folder, not of the photo) and otherwise treats every problem as an
//! error about the photo file, located at the line that names it.

use std::fmt;
use std::path::{Path, PathBuf};

use super::sniff::{Format, Other};
use crate::diag::Text;

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
    /// One side more than 16,383 times the other: no copy of it fits in a WebP image.
    Stripe { width: u32, height: u32 },
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
    pub fn message(&self) -> Text {
        match &self.problem {
            Problem::NotFound => t!("the photo file does not exist"),
            Problem::Unreadable { reason } => t!("the photo cannot be read ({reason})", reason),
            Problem::Empty => t!("the photo file is empty"),
            Problem::Unsupported { found } => t!(
                "this file is {what}, which gongbo does not publish as a photo",
                what = found.described()
            ),
            Problem::Mislabelled { found, extension } if extension.is_empty() => t!(
                "this {format} file has no extension, so browsers and editors cannot tell what it is",
                format = found.name()
            ),
            Problem::Mislabelled { found, extension } => t!(
                "the file name ends in .{extension} but the file contains a {format} image",
                extension,
                format = found.name()
            ),
            Problem::FileTooLarge { bytes, limit } => t!(
                "the photo file is {size} MB, more than the {limit} MB gongbo reads for one photo",
                size = mb(*bytes),
                limit = mb(*limit)
            ),
            Problem::TooManyPixels {
                width,
                height,
                limit,
            } => t!(
                "the photo is {width} × {height} pixels ({megapixels} megapixels), more than the {limit} megapixels gongbo accepts",
                width,
                height,
                megapixels = megapixels(u64::from(*width) * u64::from(*height)),
                limit = megapixels(*limit)
            ),
            Problem::Stripe { width, height } => t!(
                "the photo is {width} × {height} pixels: one side is more than 16,383 times the other, which no web image can show",
                width,
                height
            ),
            Problem::Implausible {
                width,
                height,
                bytes,
            } => t!(
                "the file says it holds {width} × {height} pixels but has only {bytes} bytes, so it is damaged or was made to exhaust memory",
                width,
                height,
                bytes
            ),
            Problem::Truncated => t!("the photo file is cut off: it ends before the image does"),
            Problem::UnsupportedVariant { found, detail } => t!(
                "this {format} file uses a feature gongbo cannot read ({detail})",
                format = found.name(),
                detail
            ),
            Problem::Corrupt { detail } => t!("the image data is damaged ({detail})", detail),
            Problem::Internal { detail } => t!(
                "gongbo could not make the smaller copies of this photo ({detail})",
                detail
            ),
            Problem::Cache { reason } => t!("gongbo cannot use its photo cache ({reason})", reason),
        }
    }

    /// What to do about it, in one sentence.
    pub fn hint(&self) -> Text {
        let stem = self
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match &self.problem {
            Problem::NotFound => {
                t!("check the file name and that the photo is under content/")
            }
            Problem::Unreadable { .. } => {
                t!("check that the file is a photo and that you may read it")
            }
            Problem::Empty | Problem::Truncated => {
                t!("copy the photo again from where it came from (camera, e-mail, shared drive)")
            }
            Problem::Unsupported { found } => found.hint(),
            Problem::Mislabelled { found, .. } => t!(
                "rename it to {stem}.{extension}, or export it again as JPEG",
                stem,
                extension = found.extension()
            ),
            Problem::FileTooLarge { .. } | Problem::TooManyPixels { .. } => {
                t!("scale it down to at most 6000 pixels on the long side and export it as JPEG")
            }
            Problem::Stripe { .. } => {
                t!("crop it to a usual shape, or attach it as a file instead of a photo")
            }
            Problem::Implausible { .. }
            | Problem::Corrupt { .. }
            | Problem::UnsupportedVariant { .. } => {
                t!("open the photo in an image editor and export it again as JPEG")
            }
            Problem::Internal { .. } => {
                t!("this is a bug in gongbo: please report it with the photo attached")
            }
            Problem::Cache { .. } => {
                t!("check that the site folder is writable, or delete the .gongbo/photos folder")
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
