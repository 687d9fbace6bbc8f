"""Pages of a site that are no story, told by their titles: a policy, the site's page about
itself, a search's or a tag's list, readers' comments alone, a TV schedule, a market quote.

An editor saving news pages saves these too, by mistake or with a story's link: a page of
them has a title and text, often a date, and would be published as news. Their titles are the
names sites give such pages, the whole title but for a brand of a few words before it ("SPH
Data Protection Policy", «Политика конфиденциальности»), or a label that opens it ("Search
results for …", «Комментарии к материалу …»), so that a story about one ("Privacy policy
changes anger users") is no such page.

In: a draft's title. Out: what kind of page it is, or None.
"""

from __future__ import annotations

import re

_BRAND = r"(?:(?-i:[A-ZА-ЯЁ])[\w.&'’-]*\s+){0,3}"
"""A few capitalised words of the site's or the company's name before the page's name."""
_SITE = r"(?:\s+(?:of|сайта|портала|издания)\s+[^.!?]{1,40}|\s+«[^»]{1,40}»)?"
"""The site's name after the page's («Политика конфиденциальности сайта «Северный край»»)."""
_WHOLE = (
    ("a site's policy", r"(?:privacy|cookies?|data protection|personal data)(?: and cookies?)? "
                        r"(?:policy|notice|statement|settings)|terms (?:of (?:use|service)|and "
                        r"conditions)|user agreement|политика (?:конфиденциальности|обработки "
                        r"персональных данных|(?:использования )?(?:файлов )?cookies?)|"
                        r"пользовательское соглашение|(?:правила|условия) (?:использования|"
                        r"пользования)(?: сайта| материалов)?"),
    ("a site's page about itself", r"about us|about the (?:site|project|newspaper|company)|"
                                   r"contacts?|contact us|advertise with us|о нас|о проекте|"
                                   r"о компании|о редакции|контакты|реклама на сайте"),
)
_SCHEDULE = (r"(?:tv (?:schedule|guide|listings)|программа (?:телепередач|передач)|"
             r"телепрограмма)\b")
"""A TV schedule's title opens so; over a headline, it is a channel's menu item."""
_OPENING = (
    ("a search's results", r"search results?(?: for)?\b|search\s*:|результаты поиска\b|"
                           r"поиск\s*:"),
    ("a tag's list", r"(?:tag|тег|метка|(?:новости|материалы|все материалы) (?:по тегу|с "
                     r"тегом))\s*[:«\"“]|(?:articles|posts|stories) tagged\b|все материалы по тегу$"),
    ("readers' comments alone", r"(?:comments on|комментарии к (?:материалу|статье|новости|"
                                r"записи|публикации))\b"),
)
_ANYWHERE = (
    ("a market quote", r"\b(?:stock price,? quote|quote and news|live rate,? chart|"
                       r"котировк\w+ (?:акций|валют\w*) онлайн)\b"),
)
_LABELS = tuple((kind, re.compile(rf"^(?:{pattern})", re.IGNORECASE))
                for kind, pattern in _OPENING)
_KINDS = (
    *((kind, re.compile(rf"^{_BRAND}(?:{pattern}){_SITE}$", re.IGNORECASE))
      for kind, pattern in _WHOLE),
    *_LABELS, ("a TV schedule", re.compile(rf"^{_SCHEDULE}", re.IGNORECASE)),
    *((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _ANYWHERE),
)


def site_page(title: str) -> str | None:
    """What kind of a site's page that is no story ``title`` names, if it names one."""
    text = " ".join(title.split()).strip(" .|-–—")
    return next((kind for kind, pattern in _KINDS if pattern.search(text)), None)


def list_label(line: str) -> str | None:
    """What kind of list a line over the first headline of a page labels it («Тег: День ВМФ»,
    "Search results for …"), if it does: such a page is that list, not its first story. (A
    menu's "Contacts" or «Телепрограмма» there is no page's name, nor a rubric's «Тема: …» a
    list's.)"""
    text = " ".join(line.split()).strip(" .|-–—")
    return next((kind for kind, pattern in _LABELS if pattern.search(text)), None)
