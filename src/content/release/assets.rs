//! A release's files: `attachments` and the main `image` (with its `image_alt`). Paths
//! are relative to content/ and must name a file there (an image may also be an http(s)
//! URL); a path that leaves content/ is refused before it is looked up.

use super::front::AttachmentFront;
use super::{Checker, Context};
use crate::diag::{nearest, Code, Text};

/// An attached file, copied to the output.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    /// Path relative to `content/`, `/`-separated; also its path in the output.
    pub path: String,
    pub title: String,
    pub bytes: u64,
}

/// The main image of a release.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Image {
    /// A path relative to `content/` or an absolute http(s) URL.
    pub src: String,
    pub alt: String,
}

/// The attachments whose files exist; each needs a title.
pub(super) fn attachments(ck: &mut Checker<'_>, written: &[AttachmentFront]) -> Vec<Attachment> {
    let mut attachments = Vec::new();
    for a in written {
        let loc = ck.split.value_loc("attachments", &a.path);
        match asset(&a.path, ck.cx) {
            Ok((path, bytes)) => attachments.push(Attachment {
                path,
                title: a.title.clone(),
                bytes,
            }),
            Err((code, msg, hint)) => {
                ck.push(ck.error(code, "attachments.path", loc, msg).hint(hint));
            }
        }
        if a.title.trim().is_empty() {
            let msg = t!("an attachment needs a title");
            ck.push(
                ck.error(Code::MissingField, "attachments.title", loc, msg)
                    .hint(t!("e.g. `보도자료 원문`")),
            );
        }
    }
    attachments
}

/// The image, if `image` is set, its file exists and `image_alt` describes it.
pub(super) fn image(
    ck: &mut Checker<'_>,
    image: Option<&str>,
    image_alt: Option<&str>,
) -> Option<Image> {
    let no_alt =
        t!("add `image_alt:` describing what the image shows, for readers who cannot see it");
    match (image, image_alt) {
        (None, None) => None,
        (None, Some(_)) => {
            let loc = ck.split.key_loc("image_alt");
            let msg = t!("`image_alt` is set but there is no `image`");
            ck.push(
                ck.error(Code::MissingField, "image_alt", loc, msg)
                    .hint(t!("add `image:` or remove `image_alt`")),
            );
            None
        }
        (Some(_), alt) if alt.is_none_or(|a| a.trim().is_empty()) => {
            let loc = ck.split.key_loc("image");
            let msg = t!("the image has no alternative text");
            ck.push(
                ck.error(Code::MissingAlt, "image_alt", loc, msg)
                    .hint(no_alt),
            );
            None
        }
        (Some(src), alt) => {
            let alt = alt.unwrap_or_default().to_string();
            if src.starts_with("https://") || src.starts_with("http://") {
                return Some(Image {
                    src: src.to_string(),
                    alt,
                });
            }
            match asset(src, ck.cx) {
                Ok((path, _)) => Some(Image { src: path, alt }),
                Err((code, msg, hint)) => {
                    let loc = ck.split.key_loc("image");
                    ck.push(ck.error(code, "image", loc, msg).hint(hint));
                    None
                }
            }
        }
    }
}

/// Checks a path relative to `content/` against the known asset files: the clean path
/// and its size, or the problem's code, message and hint.
pub(super) fn asset(path: &str, cx: &Context<'_>) -> Result<(String, u64), (Code, Text, Text)> {
    let clean = path.trim().trim_start_matches("./");
    if clean.starts_with('/')
        || clean.contains('\\')
        || clean.split('/').any(|s| s == ".." || s.is_empty())
        || clean.contains(':')
    {
        return Err((
            Code::InvalidValue,
            t!("`{path}` must be a plain path inside content/", path),
            t!("write the path relative to content/, e.g. `files/report.pdf`, without `..` or a leading `/`"),
        ));
    }
    match cx.assets.get(clean) {
        Some(a) => Ok((clean.to_string(), a.bytes)),
        None => {
            let near = nearest(clean, cx.assets.keys().map(String::as_str));
            Err((
                Code::MissingFile,
                t!("the file content/{clean} does not exist", clean),
                match near {
                    Some(near) => t!("did you mean `{near}`?", near),
                    None => t!("put the file under content/ (e.g. content/files/) and give its path relative to content/"),
                },
            ))
        }
    }
}
