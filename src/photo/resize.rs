//! Which widths a photo gets ([`plan`]: never wider than the photo), and the resizing
//! itself with `fast_image_resize` (Lanczos3, SIMD chosen at run time; its test suite
//! checks that every CPU path gives the same pixels, and so does a test here), then the
//! EXIF orientation applied to the small result ([`orient`]), which is cheaper than
//! turning the full-size photo.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, RgbImage, RgbaImage};

use super::decode::Pixels;
use super::error::Problem;

/// The widths to make for a photo `native` pixels wide (as seen, after orientation):
/// each wanted width narrower than the photo, plus the photo's own width when it is
/// narrower than the widest wanted and not within 10% of a width already made, so a
/// small photo still gets its full size and never an enlargement. Ascending, distinct.
pub(crate) fn plan(native: u32, wanted: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> = wanted
        .iter()
        .copied()
        .filter(|&w| w > 0 && w < native)
        .collect();
    widths.sort_unstable();
    widths.dedup();
    let widest = wanted.iter().copied().max().unwrap_or(0);
    let close = widths
        .last()
        .is_some_and(|&w| u64::from(w) * 10 >= u64::from(native) * 9);
    if (native <= widest && !close) || widths.is_empty() {
        widths.push(native);
    }
    widths
}

/// The height of a `width`-wide copy of a `w` × `h` picture, rounded, at least 1.
pub(crate) fn height_for(width: u32, (w, h): (u32, u32)) -> u32 {
    let num = u64::from(width) * u64::from(h);
    ((num + u64::from(w) / 2) / u64::from(w).max(1)).max(1) as u32
}

/// `src` resized to each of `sizes` (width × height, in stored orientation).
pub(crate) fn resize_all(src: &Pixels, sizes: &[(u32, u32)]) -> Result<Vec<Pixels>, Problem> {
    let mut resizer = Resizer::new();
    sizes
        .iter()
        .map(|&(w, h)| resize(&mut resizer, src, w, h))
        .collect()
}

/// `src` resized to `width` × `height` (in stored orientation).
fn resize(resizer: &mut Resizer, src: &Pixels, width: u32, height: u32) -> Result<Pixels, Problem> {
    let pixel_type = if src.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    if (width, height) == (src.width, src.height) {
        return Ok(src.clone());
    }
    let internal = |e: &dyn std::fmt::Display| Problem::Internal {
        detail: format!("resizing failed: {e}"),
    };
    let from =
        ImageRef::new(src.width, src.height, &src.data, pixel_type).map_err(|e| internal(&e))?;
    let mut to = Image::new(width, height, pixel_type);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer
        .resize(&from, &mut to, &options)
        .map_err(|e| internal(&e))?;
    Ok(Pixels {
        width,
        height,
        alpha: src.alpha,
        data: to.into_vec(),
    })
}

/// `p` turned and flipped as EXIF orientation `o` (1–8) says.
pub(crate) fn orient(p: Pixels, o: u8) -> Pixels {
    let Some(orientation) = Orientation::from_exif(o).filter(|_| o != 1) else {
        return p;
    };
    let (w, h, alpha) = (p.width, p.height, p.alpha);
    let mut image = if alpha {
        RgbaImage::from_raw(w, h, p.data).map(DynamicImage::ImageRgba8)
    } else {
        RgbImage::from_raw(w, h, p.data).map(DynamicImage::ImageRgb8)
    }
    .expect("a Pixels buffer always holds width × height pixels");
    image.apply_orientation(orientation);
    Pixels {
        width: image.width(),
        height: image.height(),
        alpha,
        data: image.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_enlarge_and_keep_the_native_size_when_small() {
        let wanted = [480, 960, 1200, 1600];
        assert_eq!(plan(4000, &wanted), [480, 960, 1200, 1600]);
        assert_eq!(plan(1600, &wanted), [480, 960, 1200, 1600]);
        assert_eq!(plan(1000, &wanted), [480, 960]);
        assert_eq!(plan(1100, &wanted), [480, 960, 1100]);
        assert_eq!(plan(1250, &wanted), [480, 960, 1200]);
        assert_eq!(plan(1550, &wanted), [480, 960, 1200, 1550]);
        assert_eq!(plan(300, &wanted), [300]);
        assert_eq!(plan(480, &wanted), [480]);
        assert_eq!(plan(1, &wanted), [1]);
        assert_eq!(height_for(960, (4000, 3000)), 720);
        assert_eq!(height_for(480, (3000, 4000)), 640);
        assert_eq!(height_for(10, (10000, 1)), 1);
    }

    fn pattern(w: u32, h: u32) -> Pixels {
        let data = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        Pixels {
            width: w,
            height: h,
            alpha: false,
            data,
        }
    }

    #[test]
    fn every_cpu_path_gives_the_same_pixels() {
        let src = pattern(301, 173);
        let fast = resize(&mut Resizer::new(), &src, 97, 55).unwrap();
        let mut plain = Resizer::new();
        // SAFETY: `None` selects the portable code, which needs no CPU feature.
        unsafe { plain.set_cpu_extensions(fast_image_resize::CpuExtensions::None) };
        assert_eq!(resize(&mut plain, &src, 97, 55).unwrap(), fast);
    }

    #[test]
    fn orientation_turns_the_picture() {
        let p = pattern(4, 2);
        let turned = orient(p.clone(), 6);
        assert_eq!((turned.width, turned.height), (2, 4));
        // Orientation 6: the stored left column becomes the top row, read bottom-up.
        let px = |q: &Pixels, x: u32, y: u32| {
            let i = ((y * q.width + x) * 3) as usize;
            q.data[i..i + 3].to_vec()
        };
        assert_eq!(px(&turned, 0, 0), px(&p, 0, 1));
        assert_eq!(px(&turned, 1, 0), px(&p, 0, 0));
        assert_eq!(orient(p.clone(), 1), p);
        assert_eq!(orient(p.clone(), 3).width, 4);
    }
}
