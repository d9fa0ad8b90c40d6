"""Is AVIF worth its encode cost for gongbo's photo copies? (issue 15, point 2)

For the phone-size copy (1200 px wide), compares lossy WebP at gongbo's settings
(quality 75, method 4) with AVIF at the quality that reaches the same SSIM, by bytes
and by encode time on this machine. Uses Pillow's own libwebp and libavif builds, so
it needs no change to gongbo; run it through benches/photos.sh, or:

    python3 -m venv /tmp/photo-py && /tmp/photo-py/bin/pip install pillow numpy
    /tmp/photo-py/bin/python benches/photo_avif.py PHOTO.jpg [PHOTO.jpg ...]
"""

import io
import sys
import time

import numpy as np
from PIL import Image


def luma(img):
    a = np.asarray(img.convert("RGB"), dtype=np.float64)
    return 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]


def ssim(a, b):
    """Mean SSIM over 8x8 blocks of luma (enough to rank encoders at equal quality)."""
    h, w = (a.shape[0] // 8) * 8, (a.shape[1] // 8) * 8
    blocks = lambda x: x[:h, :w].reshape(h // 8, 8, w // 8, 8).swapaxes(1, 2).reshape(-1, 64)
    x, y = blocks(a), blocks(b)
    mx, my = x.mean(1), y.mean(1)
    vx, vy = x.var(1), y.var(1)
    cov = ((x - mx[:, None]) * (y - my[:, None])).mean(1)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    s = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx**2 + my**2 + c1) * (vx + vy + c2))
    return float(s.mean())


def encode(img, fmt, **opts):
    start = time.perf_counter()
    buf = io.BytesIO()
    img.save(buf, fmt, **opts)
    elapsed = time.perf_counter() - start
    data = buf.getvalue()
    return data, elapsed, ssim(luma(img), luma(Image.open(io.BytesIO(data))))


def main(paths):
    rows = []
    for path in paths:
        src = Image.open(path).convert("RGB")
        w = 1200
        img = src.resize((w, round(src.height * w / src.width)), Image.LANCZOS)
        webp, t_webp, s_webp = encode(img, "WEBP", quality=75, method=4)
        best = None
        for q in range(30, 96, 5):
            avif, t_avif, s_avif = encode(img, "AVIF", quality=q, speed=6, max_threads=2)
            if s_avif >= s_webp:
                best = (q, avif, t_avif, s_avif)
                break
        if best is None:
            print(f"{path}: AVIF never reached WebP's SSIM {s_webp:.4f}")
            continue
        q, avif, t_avif, s_avif = best
        rows.append((len(avif) / len(webp), t_avif / t_webp))
        print(
            f"{path}: WebP q75 {len(webp) / 1000:.0f} KB in {t_webp * 1000:.0f} ms (SSIM {s_webp:.4f}); "
            f"AVIF q{q} speed 6 {len(avif) / 1000:.0f} KB in {t_avif * 1000:.0f} ms (SSIM {s_avif:.4f})"
        )
    if rows:
        size = sorted(r[0] for r in rows)[len(rows) // 2]
        cost = sorted(r[1] for r in rows)[len(rows) // 2]
        print(f"median: AVIF is {size:.2f}x the bytes of WebP at equal SSIM, {cost:.1f}x the encode time")


if __name__ == "__main__":
    main(sys.argv[1:])
