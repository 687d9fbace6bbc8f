"""A site's address, as ingest reads it for the outlet: its host, the part of it its owner
registered, and a key made from it; on a platform where communities, channels and writers
publish (VK, Telegram, Substack), the publisher's part of it, never the platform's.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from builder.formats.slugs import slugify


def host_of(url: str) -> str:
    """The host of ``url``, with or without its scheme, less "www." (``ria.ru``)."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


DOMAINS = (r"ru|com|org|net|info|io|by|ua|kz|su|рф|co\.uk|uk|us|tv|me|news|online|media|am|az|"
           r"ge|uz|kg|md|lv|lt|ee|de|fr|eu|edu|gov|ca|au|in|tr|cn|jp")
"""The top-level domains of the sites sources come from, as a pattern: what tells a site's
address printed without its scheme ("161.ru") from a word with a dot in it."""


def is_host(name: str) -> bool:
    """Whether ``name`` is a site's host alone, as sites print their names ("161.RU",
    "Fontanka.ru", "riverside-daily.com"), not a name of words."""
    return re.fullmatch(r"(?:[\w-]+\.)+[^\W\d_]{2,}", name.strip()) is not None


SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "msk", "spb"})


def registered_part(host: str) -> str:
    """The part of ``host`` its owner registered: ``news.bbc.co.uk``: ``bbc.co.uk``."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:]) if len(labels) >= 2 else ""


PLATFORMS: tuple[tuple[str, ...], ...] = (
    ("vk.com", "VK", "ВКонтакте", "VKontakte", "vk.ru"), ("t.me", "Telegram", "telegram.me"),
    ("substack.com", "Substack"), ("facebook.com", "Facebook"), ("twitter.com", "Twitter", "X"),
    ("x.com",), ("instagram.com", "Instagram"), ("youtube.com", "YouTube"),
    ("ok.ru", "Одноклассники", "OK"), ("dzen.ru", "Дзен", "Яндекс Дзен", "zen.yandex.ru"),
    ("livejournal.com", "LiveJournal", "Живой Журнал"), ("medium.com", "Medium"),
    ("teletype.in", "Teletype"), ("telegra.ph",), ("blogspot.com", "Blogger"),
    ("wordpress.com", "WordPress"),
)
"""Sites where communities, channels and writers publish, each under its own name (an address,
the names it puts after a title): the platform is never the outlet, the one publishing on it is
(``vk.com/spb_online``, ``thebell.substack.com``)."""
_PLATFORM_PATHS = re.compile(r"^(?:s|c|p|watch|status|channel|wall|club|public|id|event|photo|"
                             r"video)(?:-?\d[\d_-]*)?$|\d{5,}", re.IGNORECASE)
"""A platform's path segments that name no publisher: a post's, a preview's, a number's."""


def is_platform(name_or_host: str) -> bool:
    """Whether ``name_or_host`` is a platform's name or address ("ВКонтакте", "t.me")."""
    folded, host = _folded(name_or_host), host_of(name_or_host)
    return any(folded == _folded(name) or "." in name and (host == name or host.endswith(
        "." + name)) for platform in PLATFORMS for name in platform)


def address_key(url: str) -> str | None:
    """A key made from a site's address: its registered name (``www.example-news.com/a/b``:
    ``example-news``; one of digits only, with its domain: ``161.ru``: ``161-ru``); on a
    platform, the publisher's name in it (``thebell.substack.com``: ``thebell``,
    ``vk.com/spb_online``: ``spb-online``), and None when it names none (``vk.com/wall-1_2``)."""
    host = host_of(url)
    owned = registered_part(host)
    if not owned:
        return None
    if is_platform(host):
        own = ".".join(label for label in host.removesuffix(owned).split(".")
                       if label not in ("", "m", "mobile"))
        path = [part for part in urlsplit(url if "//" in url else f"//{url}").path.split("/")
                if part and not _PLATFORM_PATHS.search(part)]
        name = own.split(".")[-1] if own else (path[0].lstrip("@") if path else "")
        return slugify(name.replace("_", "-")) or None
    name = owned.split(".")[0]
    return slugify(name if re.search(r"[^\W\d_]", name) else owned) or None


def names_site(name: str, url: str | None) -> bool:
    """Whether ``name`` is the name of the site at ``url``, spelled in its own script or not
    ("Спорт-Экспресс": sport-express.ru, "The Independent": independent.co.uk, "Фонтанка.ру":
    fontanka.ru), its first words ("Riverside Daily News": riverside-daily.com) or its
    initials ("Российская газета": rg.ru)."""
    owned = registered_part(host_of(url or ""))
    spelled = slugify(name).split("-")
    if not owned or not any(spelled):
        return False
    label = _loose(owned.split(".")[0])
    return any(_loose("".join(words)) == _loose(owned) or any(
        _loose("".join(words[:count])) == label for count in range(1, len(words) + 1)) or (
        len(words) >= 2 and "".join(word[0] for word in words) == label)
        for words in (spelled, spelled[1:] if spelled[0] == "the" else []) if words)


def _loose(name: str) -> str:
    """A name in Latin letters as compared with an address: the ways a Cyrillic name is
    transliterated aside ("ekspress" / "express", "rossiyskaya" / "rossiiskaya")."""
    name = re.sub(r"[^a-z0-9]", "", name.casefold())
    for spelled, loose in (("ks", "x"), ("iy", "i"), ("yy", "y"), ("ii", "i"), ("kh", "h")):
        name = name.replace(spelled, loose)
    return name


def _folded(name: str) -> str:
    """A platform's name as compared: case and spacing aside."""
    return " ".join(name.split()).casefold()
