//! The structure of a photo file, without decoding it: which parts carry the image and
//! which carry metadata. One walker per format reads the whole file once, keeps the
//! parts that are needed to show the image (a keep-list: anything it does not know is
//! dropped) and lists the metadata it found ([`Meta`]). The same walk serves
//! [`super::probe`] (what the photo carries) and [`strip`] (the downloadable original,
//! rebuilt from the kept parts with only the colour profile and a minimal EXIF).
//!
//! Hand-written, not `img-parts`: that crate keeps everything after a JPEG's first scan
//! verbatim — later scans, but also data after the end-of-image marker, which is where
//! phones put motion-photo videos and the Multi-Picture secondary images, each with its
//! own EXIF and GPS. Publishing "the original, stripped" needs a walk of the whole file,
//! entropy-coded data included; the formats are simple enough that each walker is a
//! short loop with bounds checks, and it is linear in the file size.

mod jpeg;
mod png;
mod riff;

pub(crate) use riff::wrap as wrap_webp;

use super::error::Problem;
use super::sniff::Format;

/// Metadata found in a file. All of it is dropped from what gongbo writes; the colour
/// profile and the rights fields of the EXIF are written back.
#[derive(Debug, Default)]
pub(crate) struct Meta<'a> {
    /// TIFF-structured EXIF payloads (without the `Exif\0\0` prefix).
    pub exif: Vec<&'a [u8]>,
    /// XMP packets (or fragments of extended XMP) as text.
    pub xmp: Vec<&'a [u8]>,
    /// Compressed XMP that was not inflated (PNG `iTXt` with compression).
    pub xmp_compressed: bool,
    /// Photoshop image resource blocks (JPEG APP13), which hold the IPTC record.
    pub photoshop: Vec<&'a [u8]>,
    /// Embedded preview pictures and extra images: where each was found.
    pub thumbnails: Vec<&'static str>,
    /// Other metadata dropped, by name (`COM`, `APP12`, `tEXt Comment`, …), for reports.
    pub other: Vec<String>,
    /// Bytes after the end of the image.
    pub trailer: usize,
}

/// A walked file: its metadata and what is needed to rebuild it without it.
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    pub meta: Meta<'a>,
    /// Width and height as the header states them (`None`: a JPEG that gives its
    /// height later, in a DNL segment).
    pub size: Option<(u32, u32)>,
    body: Body<'a>,
}

#[derive(Debug)]
enum Body<'a> {
    Jpeg(jpeg::Body<'a>),
    Png(png::Body<'a>),
    Webp(riff::Body<'a>),
}

/// Walks `data`, which [`super::sniff::sniff`] found to be `format`.
pub(crate) fn parse(data: &[u8], format: Format) -> Result<Parsed<'_>, Problem> {
    let mut meta = Meta::default();
    let (body, size) = match format {
        Format::Jpeg => {
            let b = jpeg::parse(data, &mut meta)?;
            let size = b.size;
            (Body::Jpeg(b), size)
        }
        Format::Png => {
            let b = png::parse(data, &mut meta)?;
            let size = Some(b.size);
            (Body::Png(b), size)
        }
        Format::Webp => {
            let b = riff::parse(data, &mut meta)?;
            let size = b.size;
            (Body::Webp(b), size)
        }
    };
    Ok(Parsed { meta, size, body })
}

impl Parsed<'_> {
    /// Whether the file carries a colour profile that [`strip`] keeps.
    pub fn has_icc(&self) -> bool {
        match &self.body {
            Body::Jpeg(b) => !b.icc.is_empty(),
            Body::Png(b) => b.has_icc(),
            Body::Webp(b) => b.icc.is_some(),
        }
    }

    /// An animation (WebP with frames); PNG animations keep their still default image.
    pub fn animated(&self) -> bool {
        matches!(&self.body, Body::Webp(b) if b.animated)
    }
}

/// The file rebuilt from its image parts and colour profile, with `exif` (a TIFF
/// payload, or nothing) as its only other metadata. Pixels are untouched: no
/// re-encoding.
pub(crate) fn strip(parsed: &Parsed<'_>, exif: Option<&[u8]>, size: (u32, u32)) -> Vec<u8> {
    match &parsed.body {
        Body::Jpeg(b) => jpeg::assemble(b, exif),
        Body::Png(b) => png::assemble(b, exif),
        Body::Webp(b) => riff::assemble(b, exif, size),
    }
}

/// Reads a big-endian `u16` at `i`.
fn be16(d: &[u8], i: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes(
        d.get(i..i + 2)?.try_into().ok()?,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_walker_refuses_a_cut_file_and_never_reads_past_the_end() {
        // Start of a valid file of each format, then cut at every length: never a panic,
        // and a cut file is never taken for complete.
        let jpeg = jpeg::tests::tiny();
        let png = png::tests::tiny();
        let webp = riff::tests::tiny();
        for (data, format) in [
            (&jpeg, Format::Jpeg),
            (&png, Format::Png),
            (&webp, Format::Webp),
        ] {
            assert!(parse(data, format).is_ok(), "{format:?} whole");
            for cut in 0..data.len() {
                assert!(
                    parse(&data[..cut], format).is_err(),
                    "{format:?} cut at {cut}"
                );
            }
        }
    }
}
