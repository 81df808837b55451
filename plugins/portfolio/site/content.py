"""The hand-written pages and news articles Pelican read from content/, paired across languages.

A French and an English file are versions of one page when they share the `Key` metadata (or, without
it, the same slug); each version keeps its own slug, hence its own URL (`/a-propos/`, `/en/about/`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import LANGS
from .urls import Urls


def translation_key(item) -> str:
    return getattr(item, "key", None) or item.slug


@dataclass(frozen=True)
class MenuItem:
    """A hand-written page as menus show it (Pelican computes a page's URL anew on each access)."""

    title: str
    url: str


@dataclass
class ContentIndex:
    pages: dict[str, dict]  # translation key -> {lang: Page}
    articles: dict[str, dict]  # translation key -> {lang: Article}

    @classmethod
    def of(cls, pelican_context: dict) -> "ContentIndex":
        def group(items) -> dict[str, dict]:
            groups: dict[str, dict] = {}
            for item in items:
                if item.lang in LANGS:
                    groups.setdefault(translation_key(item), {})[item.lang] = item
            return groups

        pages = [*pelican_context.get("pages", ()), *pelican_context.get("hidden_pages", ())]
        return cls(group(pages), group(pelican_context.get("articles", ())))

    def register(self, urls: Urls) -> None:
        """Give every version its URL (Pelican's PAGE_URL / PAGE_LANG_URL settings)."""
        for kind, groups in (("page", self.pages), ("article", self.articles)):
            for key, versions in groups.items():
                for lang, item in versions.items():
                    urls.add_content((kind, key), lang, "/" + item.url)

    def articles_in(self, lang: str) -> list:
        """Articles written in `lang`, newest first."""
        items = [versions[lang] for versions in self.articles.values() if lang in versions]
        return sorted(items, key=lambda a: a.date, reverse=True)

    def addresses(self, lang: str) -> dict:
        """What other pages read of the hand-written ones: their URLs, and the menu's titles in `lang`."""
        urls = {(kind, key): {code: "/" + item.url for code, item in versions.items()}
                for kind, groups in (("page", self.pages), ("article", self.articles))
                for key, versions in groups.items()}
        return {"urls": urls, "menu": [(item.title, item.url) for item in self.menu(lang)]}

    def menu(self, lang: str) -> list[MenuItem]:
        """Hand-written pages in `lang`, in their `Order` metadata (then title) order, for navigation."""
        items = [versions[lang] for versions in self.pages.values() if lang in versions]
        return [MenuItem(p.title, p.url) for p in sorted(items, key=lambda p: (int(getattr(p, "order", 100)), p.title))]
