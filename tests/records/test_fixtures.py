"""The fixture corpus: valid records pass; each invalid fixture gets exactly its declared diagnostic."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from records_corpus import FIXTURES, fixtures, found, install, install_valid, read_fixture, validate

# Every rule the validator promises to catch (issue 2) and the fixture proving it.
REQUIRED_CODES = {
    "yaml-syntax", "yaml-tab", "yaml-duplicate-key", "boolean-expected", "quote-needed", "yaml-alias",
    "file-empty", "file-not-utf8", "number-expected", "required", "unknown-key", "too-long", "url-format",
    "email-format", "phone-format", "postal-code-format", "unknown-term", "unknown-institution",
    "image-missing", "image-absolute", "image-outside", "image-wrong-type", "image-too-large", "image-svg",
    "duplicate-name", "duplicate-slug", "markdown-html", "markdown-link", "slug-file-name", "date-invalid",
    "certification-expired", "verification-old",
    # issue 9: hostile and broken input
    "image-corrupt", "schema-mismatch", "slug-reserved", "text-blank", "invisible-character", "name-mixed-scripts",
    "yaml-character", "yaml-unclosed-quote", "yaml-comment-in-value",
    # issue 11: a contact person is published only with a recorded consent
    "group-expected", "date-format", "person-unpublished",
}


def _run(source, tmp_path):
    fixture = read_fixture(source)
    others = install_valid(tmp_path) if source.name.startswith("duplicate_") else []
    path = install(fixture, tmp_path)
    return fixture, validate(others + [path], tmp_path)


def test_valid_fixtures_have_no_diagnostic(tmp_path):
    paths = install_valid(tmp_path)
    result = validate(paths, tmp_path)
    assert len(paths) >= 3
    assert result.diagnostics == []
    assert all(record.valid for record in result.records)


@pytest.mark.parametrize("source", fixtures("invalid"), ids=lambda p: p.stem)
def test_invalid_fixture_gets_its_diagnostic(source, tmp_path):
    fixture, result = _run(source, tmp_path)
    assert fixture.expected, f"{source.name} declares no '# expect:' line"
    assert found(result, fixture.target) == fixture.expected
    assert result.errors >= 1
    assert not any(r.valid for r in result.records if r.source == fixture.target)


@pytest.mark.parametrize("source", fixtures("warning"), ids=lambda p: p.stem)
def test_warning_fixture_gets_a_warning_or_notice_only(source, tmp_path):
    fixture, result = _run(source, tmp_path)
    assert fixture.expected and all(e[0] in ("warning", "notice") for e in fixture.expected)
    assert found(result, fixture.target) == fixture.expected
    assert result.errors == 0


def test_the_corpus_covers_every_rule():
    declared = {e[4] for kind in ("invalid", "warning") for source in fixtures(kind)
                for e in read_fixture(source).expected}
    assert REQUIRED_CODES <= declared, REQUIRED_CODES - declared


def _record_with_logo(tmp_path, logo_target):
    """A valid record whose logo is a symlink to `logo_target`."""
    path = install(read_fixture(FIXTURES / "valid" / "cafe-exemple.yaml"), tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("languages:", "logo: logo.png\nlanguages:", 1),
                    encoding="utf-8")
    media = path.parent / "media" / path.stem
    media.mkdir(parents=True)
    os.symlink(logo_target, media / "logo.png")
    return path


def test_symlink_leaving_the_repository_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    Image.new("RGB", (4, 4)).save(outside / "secret.png")
    root = tmp_path / "repo"
    path = _record_with_logo(root, outside / "secret.png")
    result = validate([path], root)
    assert found(result, "enterprises/cafe-exemple.yaml") == [("error", 34, 7, "logo", "image-outside")]


def test_symlink_inside_the_repository_is_accepted(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    Image.new("RGB", (4, 4)).save(shared / "logo.png")
    path = _record_with_logo(tmp_path, shared / "logo.png")
    assert validate([path], tmp_path).diagnostics == []


def test_dangling_symlink_is_a_missing_image(tmp_path):
    path = _record_with_logo(tmp_path, tmp_path / "nowhere.png")
    assert found(validate([path], tmp_path), "enterprises/cafe-exemple.yaml") == [
        ("error", 34, 7, "logo", "image-missing")]


def test_huge_image_refused_from_its_header_alone(tmp_path):
    """400 megapixels: Pillow refuses to even report the size; still a clean image-too-large error."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path = _record_with_logo(tmp_path, tmp_path / "bomb.png")
    (tmp_path / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
        ">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)) + chunk(b"IEND", b""))
    result = validate([path], tmp_path)
    assert found(result, "enterprises/cafe-exemple.yaml") == [("error", 34, 7, "logo", "image-too-large")]


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    good = install_valid(tmp_path)
    broken = install(read_fixture(FIXTURES / "invalid" / "yaml_alias.yaml"), tmp_path)
    missing = tmp_path / "enterprises" / "absent.yaml"
    result = validate([broken, missing, *good], tmp_path)
    assert {d.path for d in result.diagnostics} == {"enterprises/yaml-alias.yaml", "enterprises/absent.yaml"}
    assert [d.code for d in result.diagnostics if d.path == "enterprises/absent.yaml"] == ["file-unreadable"]
    assert result.files == len(good) + 2


def test_heavy_image_refused_by_its_size(tmp_path, monkeypatch):
    from portfolio.records import images

    Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(tmp_path / "logo-source.png")
    path = _record_with_logo(tmp_path, tmp_path / "logo-source.png")
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 100)
    assert found(validate([path], tmp_path), "enterprises/cafe-exemple.yaml") == [
        ("error", 34, 7, "logo", "image-too-heavy")]


def test_record_linking_outside_the_repository_is_not_read(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "enterprises").mkdir(parents=True)
    link = root / "enterprises" / "evil.yaml"
    os.symlink(secret, link)
    result = validate([link], root)
    assert [(d.code, d.line) for d in result.diagnostics] == [("file-outside", 1)]
    assert "hunter2" not in str(result.diagnostics)


def test_folders_pipes_and_link_loops_are_clean_errors(tmp_path):
    (tmp_path / "enterprises" / "folder.yaml").mkdir(parents=True)
    os.mkfifo(tmp_path / "enterprises" / "pipe.yaml")  # reading it would block forever
    os.symlink(tmp_path / "enterprises" / "loop.yaml", tmp_path / "enterprises" / "loop.yaml")
    paths = [tmp_path / "enterprises" / f"{name}.yaml" for name in ("folder", "pipe", "loop")]
    result = validate(paths, tmp_path)
    assert [(d.path, d.code) for d in result.diagnostics] == [
        ("enterprises/folder.yaml", "file-unreadable"), ("enterprises/loop.yaml", "file-unreadable"),
        ("enterprises/pipe.yaml", "file-unreadable")]


def test_image_link_loop_is_a_clean_error(tmp_path):
    path = _record_with_logo(tmp_path, "logo.png")  # logo.png -> itself
    result = validate([path], tmp_path)
    assert [d.code for d in result.diagnostics] in (["image-missing"], ["image-outside"])
