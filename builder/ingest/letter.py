"""An e-mail newsletter saved or pasted whole: its header block -> facts, the rest -> news text.

    From: The Bell <newsletter@thebell.io>           the outlet: the sender's name
    Date: Mon, 27 Jul 2020 09:00:00 +0300            the date, and when it was sent
    Subject: The Bell: Moscow bends its curve        the title, when the letter has no headline
    To: editor@example.com                           left out

Outlets send their news as letters (The Bell, «Новая газета»'s «рассылка»). Under the header a
letter is laid out as a page is: a "View in browser" line, the outlet's name, perhaps a
greeting ("Good morning! Here's what you need to know…", «Добрый вечер!»), the headline, the
story, and a footer ("Unsubscribe", «Отписаться от рассылки», "You are receiving this
because…"). The header lines and the greeting are left out here, each named; the rest is read
by :mod:`~builder.ingest.generic`, whose furniture knows the letter's controls and footer.

A colleague may forward such a letter, or a story, with a note over it ("FYI - for tomorrow's
round-up."): the note, the client's line for a forward and the original's header are left out,
and the original's sender, subject and date are the letter's. A sender who is a person
writing from a mailbox of their own is no outlet; the story then names it. The signature at
the letter's end (under its "-- " mark, "Sent from my iPhone") is left out too. A letter about
the reader's subscription (a request to confirm it) is no news and makes no page.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import replace

from builder.formats.slugs import slugify
from builder.ingest import generic
from builder.ingest import outlets as known_outlets
from builder.ingest.assemble import not_news
from builder.ingest.dates import FoundDate, date_line
from builder.ingest.draft import Draft, Dropped, Source
from builder.ingest.layout import ends_sentence

OUTLET = generic.OUTLET
HEADER_LINES = 12
"""Lines at the top of a letter in which its header block is looked for."""
_HEADER = re.compile(r"^(?P<key>from|date|subject|to|cc|reply-to|sent|от|дата|тема|кому)\s*:\s*"
                     r"(?P<value>.*)$", re.IGNORECASE)
_KEYS = {"от": "from", "дата": "date", "тема": "subject", "кому": "to", "sent": "date"}
_GREETING = re.compile(r"^(?:good (?:morning|afternoon|evening|day)|hello|hi|dear\s+\w+|"
                       r"greetings|доброе утро|добрый (?:день|вечер)|доброй ночи|здравствуйте|"
                       r"привет\w*|уважаем\w+\s+\w+)(?:,?\s+(?-i:[A-ZА-ЯЁ])\w+)?\s*(?:[!.]|,\s+"
                       r"(?:and )?(?:welcome|добро пожаловать)|,$)", re.IGNORECASE)
"""A greeting, said as one ("Good morning!", "Dear Anna!": a name or nothing
after it, then "!" or a full stop; or "Hello, and welcome…"; or a letter's salutation alone on
its line, "Hi Anna,"): "Hello, the president told the crowd" is a story's sentence."""
GREETING_LINES = 4
"""Lines under the header in which a greeting is looked for."""
MOST_GREETING_WORDS = 25
"""Words of a letter's greeting at most: a sentence or two before the news."""


def recognise(text: str) -> bool:
    """Whether ``text`` opens with a letter's header block: a sender and a subject or date."""
    keys = {key for key, _, _ in _header(text.split("\n"))}
    return "from" in keys and bool(keys & {"subject", "date"})


def _header(lines: list[str]) -> list[tuple[str, str, int]]:
    """The header block's (key, value, line index) entries: consecutive header lines, from the
    first non-blank line on."""
    found = []
    for index, line in enumerate(lines[:HEADER_LINES]):
        if not line.strip() and not found:
            continue
        match = _HEADER.match(line.strip())
        if match is None:
            break
        key = match["key"].lower()
        found.append((_KEYS.get(key, key), match["value"].strip(), index))
    return found


def sender(value: str) -> str:
    """The sender's display name ("The Bell" of "The Bell <newsletter@thebell.io>"), else the
    address's domain without its top level ("thebell" of "news@thebell.io")."""
    name, address = email.utils.parseaddr(value)
    if name.strip():
        return name.strip().strip('"«»')
    return address.rpartition("@")[2].rsplit(".", 1)[0] if "@" in address else value.strip()


def sent(value: str) -> FoundDate | None:
    """The header's date with its time and zone, if it parses."""
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return FoundDate(when.day, when.month, when.year, when.time().replace(tzinfo=None), 0,
                     len(value), when.tzinfo)


_ABOUT_THE_ACCOUNT = re.compile(
    r"\b(?:confirm (?:your |the )?(?:subscription|e-?mail(?: address)?|sign-?up)|verify (?:your )?"
    r"e-?mail|(?:you(?:'ve| have)? (?:been |successfully )?|successfully )unsubscribed|"
    r"unsubscribe confirmation|subscription (?:confirmed|cancell?ed)|reset your password|"
    r"order (?:confirmation|confirmed|received|(?:no\.?|number|#)\s*[\w-]*\d)|your order|"
    r"(?:payment|purchase) (?:confirmation|received)|your (?:receipt|invoice)|"
    r"thank(?:s| you) for (?:registering|your (?:order|purchase|payment))|"
    r"подтвердите (?:вашу |свою )?(?:подписку|адрес|e-?mail|почту|электронную почту)|"
    r"подтверждение (?:подписки|адреса|e-?mail|заказа|оплаты)|вы (?:успешно )?отписаны|"
    r"вы (?:успешно )?отписались|подписка (?:подтверждена|отменена)|восстановлени\w+ пароля|"
    r"ваш заказ|заказ (?:№|n|номер)\s*[\w-]*\d|(?:оплата|платеж|платёж) (?:прошл\w*|получен\w*)|"
    r"спасибо за (?:регистрацию|заказ|покупку|оплату)|"
    r"^(?:automatic reply|auto-?reply|out of (?:the )?office|автоответ|автоматический ответ)\s*:|"
    r"\bi (?:am|will be) (?:currently )?out of (?:the )?office|я (?:сейчас )?в отпуске|"
    r"(?:нахожусь|буду) (?:в отпуске|вне офиса))\b",
    re.IGNORECASE)
"""What a letter about the reader's account says: a request to confirm a subscription, a notice
that it ended, a password's reset, an order's or a payment's confirmation, thanks for
registering; and what a mailbox answers by itself ("Automatic reply: …", "I am out of the
office until…"). Such a letter is no issue of the newsletter, and no news."""
MOST_LIST_LETTER_WORDS = 150
"""Words of a letter about a subscription or an order at most."""
LIST_LETTER_OPENING = 300
"""Characters at the start of such a letter within which it says what it is about: an issue
that asks to confirm a subscription does so in its footer, under the news."""


def about_the_account(subject: str, text: str) -> bool:
    """Whether a letter with ``subject`` and body ``text`` is about the reader's subscription or
    order, not news: its subject says so, or a short body does as it opens."""
    if _ABOUT_THE_ACCOUNT.search(subject):
        return True
    opening = " ".join(text.split())
    return len(opening.split()) <= MOST_LIST_LETTER_WORDS and bool(
        _ABOUT_THE_ACCOUNT.search(opening[:LIST_LETTER_OPENING]))


def extract(source: Source) -> Draft:
    lines = source.text.split("\n")
    header = _header(lines)
    if not header:
        return generic.extract(source)
    facts = {key: (value, index) for key, value, index in header}
    dropped = [Dropped(index + 1, lines[index], "letter's header") for _, _, index in header]
    if (forward := _forwarded(lines, header[-1][2] + 1)) is not None:
        # "FYI - for tomorrow's round-up." / "---------- Forwarded message ---------" / From: …
        note, inner = forward
        dropped += [Dropped(i + 1, lines[i], "forwarder's note") for i in note if lines[i].strip()]
        dropped += [Dropped(i + 1, lines[i], "forwarded letter's header") for _, _, i in inner]
        end = next((i for i in range(inner[-1][2] + 1, len(lines)) if _FORWARD_END.match(lines[i])),
                   None)
        after = [i for i in range(end, len(lines)) if lines[i].strip()] if end is not None else []
        if len(after) <= NOTE_LINES and all(len(lines[i].split()) <= MOST_GREETING_WORDS
                                            for i in after):  # the end mark, "С уважением, Ольга"
            dropped += [Dropped(i + 1, lines[i], "forwarder's note") for i in after]
            note = [*note, *after]
        for i in note:
            lines[i] = ""
        header = [*header, *inner]
        facts = {**{k: v for k, v in facts.items() if k not in ("from", "subject")},
                 **{key: (value, index) for key, value, index in inner}}
    subject, at = facts.get("subject", ("", header[0][2]))
    subject = _FORWARD_PREFIX.sub("", subject)
    body = "\n".join(lines[header[-1][2] + 1:])
    if about_the_account(subject, body) and source.meta.get("news") is not True:
        raise not_news(source.path, at + 1, "a letter about a subscription or an order, or an "
                       f"automatic reply ({subject.strip() or 'no subject'})")
    for _, _, index in header:
        lines[index] = ""  # the line numbers stay the source's
    opening = [i for i in range(header[-1][2] + 1, len(lines)) if lines[i].strip()]
    rule = next((n for n, i in enumerate(opening[:MASTHEAD_LINES + 1]) if _RULE.match(lines[i])),
                None)
    if rule and rule >= 2 and all(_masthead(lines[i]) for i in opening[:rule]):
        # «Рассылка "Подмосковье сегодня"» / «Выпуск No 1542 от 2020-07-26» / "-----" (one line
        # over a rule is a headline underlined)
        dropped += [Dropped(i + 1, lines[i], "newsletter's masthead") for i in opening[:rule + 1]]
        for i in opening[:rule + 1]:
            lines[i] = ""
        opening = opening[rule + 1:]
    for at in opening[:GREETING_LINES]:  # under "View in browser" and the outlet's name
        if _greeting(lines, at):
            dropped.append(Dropped(at + 1, lines[at], "letter's greeting"))
            lines[at] = ""
            break
    for at in _signature(lines, header[-1][2] + 1):
        dropped.append(Dropped(at + 1, lines[at], "letter's signature"))
        lines[at] = ""
    draft = generic.extract(replace(source, text="\n".join(lines)))
    name = sender(facts["from"][0]) if "from" in facts else ""
    personal = bool(name) and _person(name, facts["from"][0])
    if personal:
        name = ""  # a colleague's letter, or one forwarded: the outlet is the story's
    outlet = (known_outlets.by_name(name, source.outlets) or slugify(name)) if name else ""
    if outlet and draft.outlet != OUTLET and outlet.startswith(draft.outlet + "-"):
        outlet = draft.outlet  # "Bloomberg Alerts" over "(Bloomberg) --": the agency's
    date = (sent(facts["date"][0]) or date_line(facts["date"][0])) if "date" in facts else None
    if (forward is not None or personal) and draft.date is not None:
        date = None  # the story's own date, forwarded or copied in, over the hour it was sent
    title = draft.title or subject
    return replace(
        draft, outlet=outlet or draft.outlet, title=title,
        outlet_name=name if outlet else draft.outlet_name,
        date=date or draft.date, date_line=facts["date"][1] + 1 if date else draft.date_line,
        stamp=date if date else draft.stamp,
        dropped=tuple(sorted([*dropped, *draft.dropped], key=lambda d: d.line)))


_SENT_FROM = re.compile(
    r"^(?:sent from (?:my )?(?:iphone|ipad|android|samsung|galaxy|mobile|phone|blackberry|"
    r"huawei|xiaomi|(?:mail|outlook|yahoo mail|gmail) for \w+)\b.{0,30}|get outlook for \w+|"
    r"отправлено (?:с|из|через) (?:моего )?(?:iphone|ipad|android|samsung|galaxy|мобильного|"
    r"мобильной почты|почты mail\.ru|яндекс[ .]почты|яндекс\.почта|mail\.ru)\b.{0,30})\.?$",
    re.IGNORECASE)
"""What a mail client writes under a letter sent from a phone ("Sent from my iPhone", «Отправлено
из мобильной Почты Mail.ru»)."""
SIGNATURE_LINES, SIGNATURE_WORDS = 6, 10
"""Lines under a letter's signature mark ("-- ", as RFC 3676 has it) at most, and words of each:
a name, a role, a telephone; more, or longer, is text."""


def _signature(lines: list[str], body: int) -> list[int]:
    """The indices of the letter's signature at its end: what a phone's mail client adds, and
    the lines under the last signature mark with it."""
    filled = [i for i in range(body, len(lines)) if lines[i].strip()]
    found = []
    while filled and _SENT_FROM.match(lines[filled[-1]].strip()):
        found.append(filled.pop())
    mark = next((n for n in range(len(filled) - 1, max(-1, len(filled) - SIGNATURE_LINES - 2), -1)
                 if lines[filled[n]].strip() == "--"), None)
    if mark is not None and mark > 0 and all(
            len(lines[i].split()) <= SIGNATURE_WORDS for i in filled[mark + 1:]):
        found += filled[mark:]
    return sorted(found)


NOTE_LINES = 12
"""Lines of a forwarder's note over the letter forwarded at most ("FYI - for tomorrow's
round-up." / "Anna")."""
_FORWARD = re.compile(r"^\s*(?:-{2,}\s*(?:forwarded message|original message|пересылаемое "
                      r"сообщение|перенаправленное сообщение|исходное сообщение|"
                      r"переадресованное сообщение)\s*-{2,}|begin forwarded message\s*:?)\s*$",
                      re.IGNORECASE)
"""The line a mail client prints over a letter it forwards (Gmail's, Thunderbird's, Apple
Mail's, Yandex's)."""
_FORWARD_END = re.compile(r"^\s*-{2,}\s*(?:конец пересылаемого сообщения|end of forwarded "
                          r"message|end of original message)\s*-{2,}\s*$", re.IGNORECASE)
"""The line a client prints under the letter it forwarded; the forwarder's sign-off follows."""
_QUOTED_SENDER = re.compile(r"^\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{2,4},?\s+\d{1,2}:\d{2}),\s*"
                            r"(?P<from>.+<[^<>@\s]+@[^<>\s]+>)\s*:\s*$")
"""The sender and date a client prints under that line instead of a header (Yandex's:
'26.07.2020, 18:44, "Елена Сорокина" <e.sorokina@example.ru>:')."""
_FORWARD_PREFIX = re.compile(r"^(?:\s*(?:fwd?|fw|пересл|переслано|re|ответ)\s*:\s*)+",
                             re.IGNORECASE)


def _forwarded(lines: list[str], start: int
               ) -> tuple[list[int], list[tuple[str, str, int]]] | None:
    """The lines of a forwarder's note and the forwarded letter's header fields, if the letter
    under its header at ``start`` forwards one: a few lines of note, then the client's line
    for a forward and the original's header block or sender line, or the original's header
    block alone (Outlook's "From: …" / "Sent: …" / "To: …" / "Subject: …"). None otherwise."""
    for at in range(start, min(len(lines), start + NOTE_LINES)):
        marked = _FORWARD.match(lines[at]) is not None
        below = at + 1 if marked else at
        found = [(key, value, index + below) for key, value, index in _header(lines[below:])]
        if "from" in {key for key, _, _ in found} and (marked or len(found) >= 3):
            return list(range(start, below)), found
        quoted = next((i for i in range(below, min(len(lines), below + 3)) if lines[i].strip()),
                      None)
        if marked and quoted is not None and (who := _QUOTED_SENDER.match(lines[quoted])):
            return list(range(start, below)), [("from", who["from"], quoted),
                                               ("date", who["date"], quoted)]
    return None


def _person(name: str, address: str) -> bool:
    """Whether the sender ``name`` is a person writing from a mailbox of their own (a colleague
    forwarding a story: "Anna Kovaleva" <anna.kovaleva@…>): the surname is in the address,
    with the first name or its initial ("Morning Digest" <digest@…> is a newsletter)."""
    _, mailbox = email.utils.parseaddr(address)
    local = mailbox.partition("@")[0].casefold()
    words = [slugify(word) for word in name.split()]
    if not 2 <= len(words) <= 3 or len(words[-1]) < 3 or not words[0]:
        return False
    initials = {words[0][0], words[0].removeprefix("y")[:1]}  # «Елена»: "yelena", "e."
    return words[-1].replace("-", "") in local.replace("-", "") and (
        words[0] in local or local[:1] in initials)  # "anna.kovaleva", "e.sorokina"


MASTHEAD_LINES = 4
"""Lines of a newsletter's masthead over the rule that parts it from the issue at most: its
name, the issue's number and date, a tagline."""
_RULE = re.compile(r"^\s*(?:[-=_*~—–]\s*){3,}$")


def _masthead(line: str) -> bool:
    """A line of a newsletter's masthead: its name, its issue ("Issue #412", «Выпуск No 1542
    от 2020-07-26»), a tagline; no sentence."""
    return len(line.split()) <= MOST_GREETING_WORDS and not ends_sentence(line)


def _greeting(lines: list[str], at: int) -> bool:
    """Whether the paragraph at ``at`` is the letter's greeting: short, opening with one."""
    text = lines[at].strip()
    return (at + 1 >= len(lines) or not lines[at + 1].strip()) and bool(
        _GREETING.match(text)) and len(text.split()) <= MOST_GREETING_WORDS and (
        ends_sentence(text) or text.endswith(("!", ",")))
