"""Which outlet a source is from, told by what the source itself says: the agency its dateline
names, the site name or address of a saved page, a site name appended to its title.

The project's own ``content/outlets.yaml`` comes first: a name or address it gives is matched to
its key. Outlets it does not have yet are looked up in :data:`KNOWN`, the agencies and papers
sources are most often taken from, so that the page gets a stable key (``ria``, not "РИА
Новости" one day and "RIA Novosti" the next) and the editor the lines to add for it. A saved page
of any other site still names its site; its key is made from its address.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from builder.config import KEY_PATTERN
from builder.formats.slugs import slugify
from builder.ingest.sites import (
    DOMAINS,
    address_key,
    host_of,
    is_host,
    is_platform,
    names_site,
    registered_part,
)
from builder.model import Outlet

UNKNOWN = "unknown"
"""The key of a page whose outlet is not known (``outlet: unknown``)."""
NOT_FOUND = (f"no outlet found in the source (no agency in a dateline, no site's name or "
             f"address): the page says 'outlet: {UNKNOWN}', and every build says so. Write the "
             f"outlet's key there (and add it to content/outlets.yaml if it is new); if the "
             f"outlet cannot be known, delete the line")
"""What ``outlet-not-found`` says, when ingest writes a page without its outlet and at that
line of the page in every build after (:mod:`builder.read.validate`)."""


@dataclass(frozen=True)
class KnownOutlet:
    key: str
    names: Mapping[str, str]
    """The name readers see, per language."""
    url: str
    also: tuple[str, ...] = ()
    """Other names it goes by in datelines and titles ("RIA", "Интерфакс", "INTERFAX.RU")."""
    timezone: str | None = None
    """The zone of the clock its pages print times by, where it has one (:data:`HOME_CLOCKS`)."""


MOSCOW = "Europe/Moscow"
HOME_CLOCKS = {
    **dict.fromkeys(("tass", "ria", "interfax", "rt", "dp", "rg", "kommersant", "izvestia", "lenta",
                     "rbc", "vedomosti", "kp", "aif", "vesti", "mail-ru", "gazeta",
                     "sport-express", "novaya-gazeta", "fontanka", "mk", "argumenti", "regnum",
                     "sputnik", "ntv", "1tv", "mfa"), MOSCOW),
    "xinhua": "Asia/Shanghai", "belta": "Europe/Minsk", "anadolu": "Europe/Istanbul",
    "dpa": "Europe/Berlin",
}
"""Outlets whose pages print their times by one clock without naming it ("15:42", «14:35»):
Russian agencies and papers by Moscow's, and a few national agencies by their capital's. The
international ones (Reuters, AP, AFP, the BBC) print times by their readers' zones or name the
zone, so none is assumed for them."""


def _known(key: str, en: str, ru: str, url: str, *also: str) -> KnownOutlet:
    return KnownOutlet(key, {"en": en, "ru": ru}, url, also, HOME_CLOCKS.get(key))


KNOWN: tuple[KnownOutlet, ...] = (
    _known("tass", "TASS", "ТАСС", "https://tass.com", "ТАСС-ДОСЬЕ", "tass.ru"),
    _known("ria", "RIA Novosti", "РИА Новости", "https://ria.ru", "RIA", "РИА", "ria.ru"),
    _known("interfax", "Interfax", "Интерфакс", "https://www.interfax.ru", "interfax.ru",
           "interfax.com", "INTERFAX.RU"),
    _known("reuters", "Reuters", "Рейтер", "https://www.reuters.com", "Рейтерс"),
    _known("ap", "Associated Press", "Ассошиэйтед Пресс", "https://apnews.com", "AP",
           "AP News"),
    _known("afp", "Agence France-Presse", "Франс Пресс", "https://www.afp.com", "AFP",
           "Франс-Пресс"),
    _known("xinhua", "Xinhua", "Синьхуа", "https://english.news.cn"),
    _known("dpa", "dpa", "dpa", "https://www.dpa.com", "dpa international",
           "Deutsche Presse-Agentur"),
    _known("anadolu", "Anadolu Agency", "Анадолу", "https://www.aa.com.tr", "Anadolu", "AA",
           "Anadolu Ajansı", "Агентство Анадолу"),
    _known("bloomberg", "Bloomberg", "Блумберг", "https://www.bloomberg.com"),
    _known("rt", "RT", "RT", "https://www.rt.com", "RT на русском", "RT in Russian",
           "RT International", "RT World News", "russian.rt.com"),
    _known("dp", "Delovoy Peterburg", "Деловой Петербург", "https://www.dp.ru", "DP.RU"),
    _known("rg", "Rossiyskaya Gazeta", "Российская газета", "https://rg.ru", "RG.RU",
           "Российская Газета", "Russian Gazette"),
    _known("kommersant", "Kommersant", "Коммерсантъ", "https://www.kommersant.ru",
           "Коммерсант"),
    _known("izvestia", "Izvestia", "Известия", "https://iz.ru", "IZ.RU", "Izvestiya"),
    _known("lenta", "Lenta.ru", "Лента.ру", "https://lenta.ru", "Lenta.Ru", "Лента"),
    _known("rbc", "RBC", "РБК", "https://www.rbc.ru"),
    _known("vedomosti", "Vedomosti", "Ведомости", "https://www.vedomosti.ru"),
    _known("kp", "Komsomolskaya Pravda", "Комсомольская правда", "https://www.kp.ru",
           "KP.RU", "КП"),
    _known("aif", "Argumenty i Fakty", "Аргументы и факты", "https://aif.ru", "АиФ", "AiF"),
    _known("vesti", "Vesti", "Вести", "https://www.vesti.ru", "Вести.Ru", "Vesti.Ru"),
    _known("belta", "BelTA", "БелТА", "https://www.belta.by", "BELTA", "belta.by"),
    _known("unian", "UNIAN", "УНИАН", "https://www.unian.net", "unian.net", "unian.ua"),
    _known("armenpress", "Armenpress", "Арменпресс", "https://armenpress.am", "ARMENPRESS",
           "armenpress.am"),
    _known("ukrinform", "Ukrinform", "Укринформ", "https://www.ukrinform.net", "ukrinform.ru",
           "ukrinform.ua"),
    _known("kazinform", "Kazinform", "Казинформ", "https://www.inform.kz", "inform.kz",
           "МИА «Казинформ»", "МИА Казинформ", "Kazinform International News Agency"),
    _known("trend", "Trend", "Тренд", "https://www.trend.az", "Trend News Agency", "trend.az"),
    _known("apa", "APA", "АПА", "https://apa.az", "apa.az", "APA Information Agency"),
    _known("meduza", "Meduza", "Медуза", "https://meduza.io"),
    _known("bbc", "BBC News", "Би-би-си", "https://www.bbc.com", "BBC", "BBC News Русская служба",
           "Русская служба Би-би-си"),
    _known("mail-ru", "Mail.ru News", "Новости Mail.ru", "https://news.mail.ru", "Hi-Tech Mail.ru",
           "Hi-Tech", "Mail.ru", "Новости Mail"),
    _known("gazeta", "Gazeta.Ru", "Газета.Ru", "https://www.gazeta.ru", "Gazeta.ru", "Газета.ру"),
    _known("moscowtimes", "The Moscow Times", "The Moscow Times", "https://www.themoscowtimes.com",
           "Moscow Times"),
    _known("guardian", "The Guardian", "The Guardian", "https://www.theguardian.com",
           "the Guardian", "Guardian"),
    _known("sport-express", "Sport-Express", "Спорт-Экспресс", "https://www.sport-express.ru",
           "Sport Express"),
    _known("novaya-gazeta", "Novaya Gazeta", "Новая газета", "https://novayagazeta.ru"),
    _known("fontanka", "Fontanka.ru", "Фонтанка.ру", "https://www.fontanka.ru", "Фонтанка"),
    _known("mk", "Moskovsky Komsomolets", "Московский комсомолец", "https://www.mk.ru", "MK.RU",
           "МК"),
    _known("argumenti", "Argumenty Nedeli", "Аргументы недели", "https://argumenti.ru"),
    _known("regnum", "Regnum", "Регнум", "https://regnum.ru", "ИА REGNUM", "REGNUM"),
    _known("sputnik", "Sputnik", "Спутник", "https://sputniknews.com"),
    _known("dw", "Deutsche Welle", "Немецкая волна", "https://www.dw.com", "DW"),
    _known("svoboda", "Radio Liberty", "Радио Свобода", "https://www.svoboda.org",
           "Radio Free Europe/Radio Liberty", "RFE/RL"),
    _known("nytimes", "The New York Times", "Нью-Йорк таймс", "https://www.nytimes.com",
           "New York Times", "NYT"),
    _known("washingtonpost", "The Washington Post", "Вашингтон пост",
           "https://www.washingtonpost.com", "Washington Post"),
    _known("cnn", "CNN", "CNN", "https://edition.cnn.com", "cnn.com"),
    _known("euronews", "Euronews", "Евроньюс", "https://www.euronews.com"),
    _known("ntv", "NTV", "НТВ", "https://www.ntv.ru"),
    _known("1tv", "Channel One", "Первый канал", "https://www.1tv.ru"),
    _known("mfa", "Ministry of Foreign Affairs of the Russian Federation",
           "Министерство иностранных дел Российской Федерации", "https://mid.ru", "МИД России",
           "MFA Russia", "The Ministry of Foreign Affairs of the Russian Federation"),
)
"""Agencies and papers often quoted, with every name their datelines and titles use."""


def _folded(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").split()).casefold()


@functools.cache
def _known_names() -> dict[str, str]:
    """Folded name -> key, for every name of every outlet in :data:`KNOWN`."""
    names: dict[str, str] = {}
    for known in reversed(KNOWN):
        for name in (known.key, *known.names.values(), *known.also, host_of(known.url)):
            names[_folded(name)] = known.key
    return names


def by_name(name: str, outlets: Mapping[str, Outlet]) -> str | None:
    """The key of the outlet called ``name`` ("РИА Новости", "Reuters", "RG.RU"), if known:
    by the project's outlets first, then by :data:`KNOWN`."""
    folded = _folded(name)
    for key, outlet in outlets.items():
        own = (key, *outlet.names.values(), *([host_of(outlet.url)] if outlet.url else []))
        if any(_folded(one) == folded for one in own):
            return key
    return _known_names().get(folded)


def by_address(url: str | None, outlets: Mapping[str, Outlet]) -> str | None:
    """The key of the outlet whose site hosts ``url`` (``https://ria.ru/2020…``: ``ria``)."""
    host = host_of(url or "")
    if not host:
        return None
    sites = [(key, host_of(outlet.url)) for key, outlet in outlets.items() if outlet.url]
    sites += [(known.key, host_of(known.url)) for known in KNOWN]
    sites += [(known.key, name) for known in KNOWN for name in known.also if "." in name]
    for key, site in sites:
        if site and (host == site or host.endswith("." + site)
                     or registered_part(host) == registered_part(site)):
            return key
    return None


_LOGO = re.compile(r"^(?:логотип|logo)\s+|\s+(?:logo|логотип)$", re.IGNORECASE)


def key_for_site(url: str | None, site_name: str | None, outlets: Mapping[str, Outlet]
                 ) -> str | None:
    """The outlet of a saved page: known by its address or name, else a new key made from the
    site's name ("Example Daily": ``example-daily``; from the site's address when the name is
    its name in another script, not transliterated), or from its address's registered name
    (``https://www.example-news.com/a/b``: ``example-news``). A logo's text names the site
    ("NPR logo", «Логотип РБК»)."""
    site_name = _LOGO.sub("", site_name or "") or None
    known = by_address(url, outlets) or (by_name(site_name, outlets) if site_name else None)
    if known:
        return known
    if site_name and not site_name.isascii() and names_site(site_name, url):
        return address_key(url or "")  # its own Latin spelling ("Спорт-Экспресс": sport-express)
    if site_name and is_host(site_name):
        return address_key(site_name)  # "161.RU", "riverside-daily.com": keyed as addresses
    if site_name and not is_platform(site_name) and (key := slugify(site_name)):
        return key
    return address_key(url or "")


def printed_name(key: str, names: Sequence[str | None], outlets: Mapping[str, Outlet]) -> str:
    """The first of ``names`` the source prints that is the outlet ``key``'s (its key made
    from it, or known by it), as printed: the name for the lines to add to
    content/outlets.yaml; else the site of an address among them that ``key`` is made from;
    "" when none is."""
    for name in names:
        name = " ".join((name or "").split())
        if name and (slugify(name) == key or by_name(name, outlets) == key):
            return name
    addresses = (re.sub(r"^www\.", "", name.strip(), flags=re.IGNORECASE) if is_host(name)
                 else host_of(name) for name in names
                 if name and address_key(name.strip()) == key)
    return next(addresses, "")  # "NGS24.RU"; "https://www.bmstu.ru/news/…": "bmstu.ru"


def clock_of(key: str, outlets: Mapping[str, Outlet]) -> str | None:
    """The zone of the times ``key``'s pages print: the project's ``timezone`` for it, else
    the one :data:`KNOWN` has, else None (unknown: no zone is guessed)."""
    own = outlets.get(key)
    if own is not None and own.timezone:
        return own.timezone
    return next((k.timezone for k in KNOWN if k.key == key), None)


def is_known(key: str) -> bool:
    """Whether :data:`KNOWN` knows the outlet ``key`` (and so its names in every language)."""
    return any(k.key == key for k in KNOWN)


def as_key(given: str, outlets: Mapping[str, Outlet]) -> tuple[str, str | None]:
    """The outlet key for what an editor or a source wrote as ``outlet:`` (a sidecar, a
    Markdown source's front matter), and the name it was when it was one: a key as it is, a
    known outlet's name as that outlet's key ("РИА Новости": ``ria``), any other name as a key
    made from it ("ERR News": ``err-news``), which content/outlets.yaml accepts."""
    if KEY_PATTERN.match(given):
        return given, None
    return by_name(given, outlets) or slugify(given) or UNKNOWN, given


def outlet_advice(outlet: str, url: str | None, printed: str, outlets: Mapping[str, Outlet]
                  ) -> str | None:
    """What to do about a page's ``outlet:`` that content/outlets.yaml lacks (None: it has it):
    a name written for a key becomes the key, and a new outlet's lines are suggested."""
    key, _ = as_key(outlet, outlets)
    if key in outlets and key != outlet:
        return (f"outlet '{outlet}' is a name, not a key: write 'outlet: {key}', its key in "
                f"content/outlets.yaml")
    if outlet in outlets:
        return None
    rename = (f"'{outlet}' is a name, not a key: write 'outlet: {key}' and "
              f"'outlet_name: {outlet}' here, and " if key != outlet else "")
    return (f"outlet '{outlet}' is not in content/outlets.yaml; {rename}add it there as "
            f"{suggestion(outlet, url, flow=True, printed=printed)} (check the names)")


def suggestion(key: str, url: str | None = None, flow: bool = False, printed: str = "") -> str:
    """What to add to content/outlets.yaml for ``key``: a YAML mapping in lines, or on one line
    (``flow``) for a message. The names of an outlet :data:`KNOWN` does not know are the name
    the source ``printed`` (the page's own, in its own language: "Тюмень Today"), else its key
    title-cased, for the editor to correct. A ``key`` that is a name, not a key, is suggested
    under the key :func:`as_key` makes of it, with that name."""
    if not KEY_PATTERN.match(key):
        key, printed = as_key(key, {})[0], printed or key
    known = next((k for k in KNOWN if k.key == key), None)
    guessed = printed or key.replace("-", " ").title()  # "example-daily": "Example Daily"
    names = dict(known.names) if known else {"en": guessed, "ru": guessed}
    address = known.url if known else (f"https://{host_of(url)}" if url and host_of(url) else "")
    zone = known.timezone if known else None
    if flow:
        named = ", ".join(f"{lang}: {_quoted(name)}" for lang, name in names.items())
        return (f"{_quoted(key)}: {{name: {{{named}}}" + (f", url: {address}" if address else "")
                + (f", timezone: {zone}" if zone else "") + "}")
    lines = [f"{_quoted(key)}:", "  name:",
             *(f"    {lang}: {_quoted(name)}" for lang, name in names.items())]
    return "\n".join([*lines, *([f"  url: {address}"] if address else []),
                      *([f"  timezone: {zone}"] if zone else [])])


def _quoted(name: str) -> str:
    """``name`` as a YAML scalar: quoted when YAML would read it as something else."""
    if re.fullmatch(r"[^\W\d_][\w .\-]*", name) and name.strip() == name:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_names(outlets: Mapping[str, Outlet], extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every name a site may append to its titles, longest first."""
    names = {*extra}
    for known in KNOWN:
        names.update((*known.names.values(), *known.also))
    for outlet in outlets.values():
        names.update(outlet.names.values())
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


_PIPE = re.compile(r"\s+(?:\||::|//|·|•)\s+(?P<name>(?:(?!\s(?:\||::|//|·|•)\s)[^|]){1,60})$")
_DASH = re.compile(r"\s+[—–-]{1,2}\s+(?P<name>(?:(?!\s[—–-]{1,2}\s).){1,60})$")
_ADDRESS = re.compile(rf"\b[\w-]+\.(?:{DOMAINS})\b", re.IGNORECASE)
MOST_WORDS_AFTER_A_PIPE = 6


def _site_and_section(words: str, names: set[str]) -> str:
    """The site's name that ``words`` begin with when the rest is a section's name of a few
    capitalised words ("RT Russia & Former Soviet Union": "RT"), else ""."""
    folded = _folded(words)
    for name in names:
        rest = words[len(name):].split() if folded.startswith(name + " ") else []
        if 0 < len(rest) <= MOST_WORDS_AFTER_A_PIPE and all(
                not word[0].isalpha() or word[0].isupper() for word in rest):
            return words[:len(name)]
    return ""


def without_site_name(title: str, outlets: Mapping[str, Outlet], site_name: str = "",
                      url: str | None = None) -> tuple[str, str]:
    """``title`` without the site's name a page appends to it ("… — RT на русском",
    "… | Reuters", "… - Hi-Tech Mail.ru"), and that name ("" when there was none): it tells
    the outlet.

    After a bar the words are the site's whenever they are few; after a dash only when they are
    a site's known name or address, the name of the site at the page's ``url`` ("… —
    Спорт-Экспресс" from sport-express.ru), or such a name and a section's ("… — RT Russia &
    Former Soviet Union"), for agencies end headlines with who said it ("… — Lavrov").
    """
    names = {_folded(name) for name in site_names(outlets, [site_name] if site_name else [])}
    found = ""
    for _ in range(3):  # "Headline | News | DW | 25.07.2020"
        pipe, dash = _PIPE.search(title), _DASH.search(title)
        section = _site_and_section(dash["name"], names) if dash else ""
        if pipe and len(pipe["name"].split()) <= MOST_WORDS_AFTER_A_PIPE:
            cut = pipe
        elif dash and (_folded(dash["name"]) in names or _ADDRESS.search(dash["name"])
                       or section or names_site(dash["name"], url)):
            cut = dash
        else:
            break
        if not title[:cut.start()].strip():
            break
        name = section or cut["name"].strip()
        title = title[:cut.start()].rstrip()
        if re.search(r"[^\W\d_]", name) and (not found or by_name(name, outlets)):
            found = name  # the site's own name, not a section's or a date
    return title, found
