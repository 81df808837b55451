"""Images: resized without upscaling, WebP plus fallback, metadata stripped, cached by content."""

import io
import os

import pytest
from PIL import Image as PILImage

from portfolio.records.model import Image
from portfolio.engine.writer import Writer
from portfolio.settings import Settings
from portfolio.site.media import PROGRESSIVE_FROM, Media

GPS_IFD = 0x8825


def _jpeg_with_gps(path, size=(900, 600)):
    picture = PILImage.new("RGB", size, (200, 80, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0132] = "2026:01:01 10:00:00"  # DateTime
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (45.0, 30.0, 0.0), 3: "W", 4: (73.0, 33.0, 0.0)})
    picture.save(path, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    with PILImage.open(path) as check:  # the fixture really carries GPS data
        assert check.getexif().get_ifd(GPS_IFD)


@pytest.fixture
def portfolio_root(tmp_path):
    folder = tmp_path / "root" / "enterprises" / "media" / "coop"
    folder.mkdir(parents=True)
    _jpeg_with_gps(folder / "photo.jpg")
    PILImage.new("RGBA", (120, 80), (0, 0, 0, 0)).save(folder / "logo.png")
    return tmp_path / "root"


PHOTO = Image("enterprises/media/coop/photo.jpg")
LOGO = Image("enterprises/media/coop/logo.png")


def media_for(root, tmp_path, *images, **settings):
    """The Media of a build that published `images` (default: the photo and the logo) into tmp_path/out."""
    media = Media(Settings(root=root, cache=tmp_path / "cache", image_widths=(160, 320, 640, 1280), workers=1,
                           **settings))
    writer = Writer(tmp_path / "out", tmp_path / "manifest.json")
    media.publish(images or (PHOTO, LOGO), writer, "test")
    writer.commit()
    return media


def test_widths_never_upscale(portfolio_root, tmp_path):
    variants = media_for(portfolio_root, tmp_path).variants(PHOTO)
    assert variants.webp.split(", ")[-1].endswith(" 900w")
    assert [part.rsplit(" ", 1)[1] for part in variants.webp.split(", ")] == ["160w", "320w", "640w", "900w"]
    assert (variants.width, variants.height) == (900, 600)
    assert variants.fallback_type == "image/jpeg"
    assert variants.src == "/media/enterprises/coop/photo-320.jpg"


def test_large_images_stop_at_the_largest_width(portfolio_root, tmp_path):
    _jpeg_with_gps(portfolio_root / PHOTO.path, size=(2000, 1000))
    variants = media_for(portfolio_root, tmp_path).variants(PHOTO)
    assert [part.rsplit(" ", 1)[1] for part in variants.fallback.split(", ")] == ["160w", "320w", "640w", "1280w"]
    assert (variants.width, variants.height) == (1280, 640)


def test_only_wide_jpegs_are_progressive(portfolio_root, tmp_path):
    _jpeg_with_gps(portfolio_root / PHOTO.path, size=(2000, 1000))
    media_for(portfolio_root, tmp_path)
    for width in (160, 320, 640, 1280):
        with PILImage.open(tmp_path / "out" / f"media/enterprises/coop/photo-{width}.jpg") as picture:
            assert bool(picture.info.get("progressive")) == (width >= PROGRESSIVE_FROM), width


def test_flat_pictures_are_lossless_webp_and_others_lossy(portfolio_root, tmp_path):
    folder = portfolio_root / "enterprises" / "media" / "coop"
    flat = PILImage.new("RGB", (160, 80), (250, 250, 250))
    flat.paste((20, 60, 140), (20, 20, 140, 60))
    flat.save(folder / "logo.png")
    noise = [PILImage.effect_noise((160, 80), 60) for _ in "RGB"]
    PILImage.merge("RGB", noise).save(folder / "photo.jpg", quality=95)
    media_for(portfolio_root, tmp_path)
    out = tmp_path / "out" / "media" / "enterprises" / "coop"
    assert (out / "logo-160.webp").read_bytes()[12:16] == b"VP8L"  # the lossless bitstream
    with PILImage.open(out / "logo-160.webp") as made:
        assert made.convert("RGB").tobytes() == flat.tobytes()
    assert (out / "photo-160.webp").read_bytes()[12:16] == b"VP8 "  # lossy: thousands of colours


def test_files_are_written_with_the_sizes_they_claim(portfolio_root, tmp_path):
    media = media_for(portfolio_root, tmp_path)
    variants = media.variants(PHOTO)
    for part in variants.webp.split(", ") + variants.fallback.split(", "):
        url, width = part.split(" ")
        with PILImage.open(tmp_path / "out" / url.lstrip("/")) as picture:
            assert picture.width == int(width[:-1])
            assert picture.format in ("WEBP", "JPEG")


def test_metadata_is_stripped(portfolio_root, tmp_path):
    media_for(portfolio_root, tmp_path, PHOTO)
    written = list((tmp_path / "out").rglob("*.*"))
    assert len(written) == 9  # 4 widths x 2 formats + thumbnail
    for path in written:
        data = path.read_bytes()
        assert b"SpyCam" not in data and b"secret comment" not in data
        with PILImage.open(io.BytesIO(data)) as picture:
            assert not picture.getexif(), path.name
            assert "exif" not in picture.info and "comment" not in picture.info


def test_transparent_images_fall_back_to_png(portfolio_root, tmp_path):
    variants = media_for(portfolio_root, tmp_path).variants(LOGO)
    assert variants.fallback_type == "image/png"
    assert variants.fallback == "/media/enterprises/coop/logo-120.png 120w"  # smaller than every width


def test_thumbnail_is_small_webp(portfolio_root, tmp_path):
    url = media_for(portfolio_root, tmp_path, thumbnail_width=96).thumbnail(PHOTO)
    with PILImage.open(tmp_path / "out" / url.lstrip("/")) as picture:
        assert picture.format == "WEBP" and picture.width == 96


def test_unchanged_images_are_not_encoded_again(portfolio_root, tmp_path):
    first = media_for(portfolio_root, tmp_path)
    assert first.encoded == 2
    second = media_for(portfolio_root, tmp_path)  # a later build, same cache
    assert second.encoded == 0
    assert (tmp_path / "out" / "media" / "enterprises" / "coop" / "photo-640.webp").is_file()
    _jpeg_with_gps(portfolio_root / PHOTO.path, size=(700, 500))  # changed content: encoded again
    third = media_for(portfolio_root, tmp_path)
    assert third.variants(PHOTO).width == 700
    assert third.encoded == 1


def test_changed_settings_invalidate_the_cache(portfolio_root, tmp_path):
    media_for(portfolio_root, tmp_path, PHOTO)
    other = media_for(portfolio_root, tmp_path, PHOTO, image_quality=60)
    assert other.encoded == 1


def test_files_outside_the_portfolio_are_refused(portfolio_root, tmp_path):
    secret = tmp_path / "secret.jpg"
    _jpeg_with_gps(secret)
    os.symlink(secret, portfolio_root / "enterprises" / "media" / "coop" / "link.jpg")
    for path in ("enterprises/media/coop/link.jpg", "enterprises/media/../../secret.jpg"):
        with pytest.raises(ValueError):
            media_for(portfolio_root, tmp_path, Image(path))


def test_a_thumbnail_as_wide_as_a_variant_is_that_variant(portfolio_root, tmp_path):
    media = media_for(portfolio_root, tmp_path, PHOTO, thumbnail_width=160)
    out = tmp_path / "out" / "media" / "enterprises" / "coop"
    assert media.thumbnail(PHOTO).endswith("/photo-160.webp")
    assert not (out / "photo-thumb.webp").exists()  # no second file in the output
    assert not list((tmp_path / "cache" / "media").glob("*.thumb.webp"))  # nor in the cache


def test_a_cache_file_gone_missing_is_encoded_again(portfolio_root, tmp_path):
    media_for(portfolio_root, tmp_path, PHOTO)
    next((tmp_path / "cache" / "media").glob("*.640.webp")).unlink()
    again = media_for(portfolio_root, tmp_path, PHOTO)
    assert again.encoded == 1
    assert (tmp_path / "out" / "media" / "enterprises" / "coop" / "photo-640.webp").is_file()


@pytest.mark.parametrize("path, stem", [
    ("enterprises/media/coop/logo.png", "media/enterprises/coop/logo"),
    ("institutions/media/ville/logo.tar.gz", "media/institutions/ville/logo.tar"),
    ("enterprises/media/coop/.png", "media/enterprises/coop/.png"),
    ("enterprises/media/coop/..png", "media/enterprises/coop/."),
    ("enterprises/media/coop/fin.", "media/enterprises/coop/fin."),
    ("enterprises/media/./coop//logo.webp", "media/enterprises/coop/logo"),
])
def test_output_paths_of_images(tmp_path, path, stem):
    """As PurePosixPath would name them: the folders but `media`, the name without its last extension."""
    media = Media(Settings(root=tmp_path, cache=tmp_path / "cache"))
    assert media._stem(Image(path)) == stem
