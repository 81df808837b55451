"""The preview's job summary lists the pages a pull request adds, removes and changes."""

from portfolio.contribute.changes import compare, main, pages


def _site(folder, files):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_pages_added_removed_and_changed(tmp_path, capsys):
    before = _site(tmp_path / "before", {"index.html": "a", "entreprises/x/index.html": "x", "old/index.html": "o",
                                         "theme/site.css": "1"})
    after = _site(tmp_path / "after", {"index.html": "a", "entreprises/x/index.html": "x2", "new/index.html": "n",
                                       "theme/site.css": "2"})
    assert compare(pages(before), pages(after)) == {"added": ["/new/"], "removed": ["/old/"],
                                                    "changed": ["/entreprises/x/"]}
    main([str(before), str(after)])
    shown = capsys.readouterr().out
    assert "- `/new/`" in shown and "- `/old/`" in shown and "- `/entreprises/x/`" in shown and "site.css" not in shown


def test_no_change_is_said(tmp_path, capsys):
    site = _site(tmp_path / "site", {"index.html": "a"})
    main([str(site), str(site)])
    assert "No page changes" in capsys.readouterr().out


def test_institution_pages_link_to_the_form_filled_with_their_record(built_site):
    for lang, page in (("fr", built_site / "institutions" / "stm" / "index.html"),
                       ("en", built_site / "en" / "institutions" / "stm" / "index.html")):
        form = "/modifier/" if lang == "fr" else "/en/edit/"
        assert f'href="{form}?institution=stm"' in page.read_text(encoding="utf-8"), lang
