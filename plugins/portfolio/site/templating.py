"""The Jinja environment of one language: theme templates, autoescape, gettext and display filters."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from babel.support import Translations
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, nodes
from jinja2.compiler import CodeGenerator
from markupsafe import Markup, escape

from ..records.model import Text, phone_uri
from .frenchtext import first_of_month
from .markup import render_markdown, safe_link

MONEY = {"fr": "#,##0\u00a0¤", "en": "¤#,##0"}  # whole dollars


class _Environment(Environment):
    """Templates read the environment's globals themselves rather than a chain of their own globals (none)
    over them, which every render copied key by key (a tenth of the time jinja takes outside the
    templates' code)."""

    def make_globals(self, d):
        return super().make_globals(d) if d else self.globals


def environment(templates: Path, translations: Translations, lang: str, locale: str,
                compiled: tuple[Path, str] | None = None) -> Environment:
    """Autoescaping environment whose `_`, `gettext` and filters speak `lang`. Its templates are compiled
    once (a build does not watch them change: each build is a new environment), and kept compiled in the
    folder of `compiled` (folder, key) for the next builds with the same key: the language and whatever a
    compiled template holds besides its source (translations, this code), which the caller digests."""
    env = _Environment(loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
                       extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, auto_reload=False,
                       bytecode_cache=compiled_templates(*compiled) if compiled else None)
    env.install_gettext_translations(translations, newstyle=True)
    env.code_generator_class = _translated_when_compiled(translations)
    env.filters.update(filters(lang, locale))
    return env


def compiled_templates(folder: Path, key: str) -> FileSystemBytecodeCache:
    """Jinja's cache of compiled templates in `folder` under `key` (each template's file is used while its
    source is the same); the files of other keys, and any left half-written, are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        if not path.name.startswith(f"{key}-") or path.suffix == ".tmp":
            path.unlink(missing_ok=True)
    return FileSystemBytecodeCache(str(folder), f"{key}-%s.cache")


def _translated_when_compiled(translations: Translations) -> type[CodeGenerator]:
    """A code generator that translates `_("…")` and `gettext("…")` of a constant message when a template
    is compiled (each environment has one language), instead of on every render: the same value as the
    i18n extension's new-style gettext (the translation marked safe, then %-formatted with the keyword
    arguments, which are escaped), for a fraction of the cost. The templates never rebind `_`."""

    def message(node) -> str | None:
        """The translation of `node` when it is `_("…")` or `gettext("…")` of a constant message."""
        if (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in ("_", "gettext")
                and len(node.args) == 1 and isinstance(node.args[0], nodes.Const)
                and isinstance(node.args[0].value, str) and node.dyn_args is None and node.dyn_kwargs is None):
            return str(Markup(translations.gettext(node.args[0].value)))
        return None

    class Generator(CodeGenerator):
        def visit_Output(self, node: nodes.Output, frame) -> None:
            """A message without arguments printed by `{{ _("…") }}` becomes part of the template's text."""
            for n, child in enumerate(node.nodes):
                if isinstance(child, nodes.Call) and not child.kwargs and (translated := message(child)) is not None:
                    node.nodes[n] = nodes.MarkSafe(nodes.Const(str(Markup(translated) % {})))
            super().visit_Output(node, frame)

        def visit_Call(self, node: nodes.Call, frame, forward_caller: bool = False) -> None:
            translated = None if forward_caller else message(node)
            if translated is None:
                return super().visit_Call(node, frame, forward_caller=forward_caller)
            if not node.kwargs:
                self.write(f"Markup({str(Markup(translated) % {})!r})")
                return None
            self.write(f"(Markup({translated!r}) % {{")
            for keyword in node.kwargs:
                self.write(f"{keyword.key!r}: ")
                self.visit(keyword.value, frame)
                self.write(", ")
            self.write("})")
            return None

    return Generator


def filters(lang: str, locale: str) -> dict:
    """Display filters of records' values in `lang`."""

    def fallback(text: Text | None) -> bool:
        return text is not None and text.lang_of(lang) != lang

    def tr(text: Text | None) -> Markup:
        """The text in `lang`, in a span marked lang="fr" when it falls back to French."""
        if text is None:
            return Markup("")
        value = escape(text.get(lang))
        return Markup(f'<span lang="{text.lang_of(lang)}">{value}</span>') if fallback(text) else value

    return dict(
        tr=tr,
        text=lambda text: text.get(lang) if text is not None else "",
        langattr=lambda text: Markup(f' lang="{text.lang_of(lang)}"') if fallback(text) else Markup(""),
        markdown=lambda text: render_markdown(text.get(lang)) if text is not None else Markup(""),
        link=safe_link,
        tel=phone_uri,
        language=lambda code: Locale.parse(locale).languages.get(code, code),
        label=lambda term: term.label(lang),
        date=lambda value, form="long": french_date(value, form, locale) if lang == "fr" else format_date(
            value, form, locale=locale),
        number=lambda value: format_decimal(value, locale=locale),
        money=lru_cache(maxsize=1024)(lambda value: format_currency(value, "CAD", MONEY[lang], locale=locale,
                                                                     currency_digits=False)),
    )


def french_date(value, form: str, locale: str) -> str:
    """A date in French, « 1er » on the first day of a month."""
    text = format_date(value, form, locale=locale)
    return first_of_month(text) if value.day == 1 else text
