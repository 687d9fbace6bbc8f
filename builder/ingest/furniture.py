"""The lines a page prints around a story that are not the story, each on its own: among the
paragraphs (share buttons, reading times, view and comment counts, tags, photo credits, alone or
after their caption, a video's label, "Advertisement", subscribe calls and boxes, an agency's,
a translator's credits and copyright). A line that goes with one of them, with no blank line
between, goes with it: the tags one a line under "Tags", the caption under a photo's credit.
Controls glued on one line, parted by wide spaces or bars ("♥ 23 likes   💬 5 comments", "«
Previous post   Next post »"), are furniture when each of them is, and so is one with its link
(«Отписаться: https://…»). A line that is no more than
the name of a known outlet (:func:`names_outlet`) is the site's, which the reader of it
(:mod:`~builder.ingest.generic`) leaves out where pages print it, around the headline and under
the story. The top of a copied page, above the headline, is :mod:`~builder.ingest.page_top`'s;
what it prints under the story, :mod:`~builder.ingest.page_tail`'s.

Each is known by its form, in both languages; a line is furniture only when it is short and
matches whole, so that a sentence that mentions a photo or a subscription is never taken for
one. What is left out is named in the report."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from builder.ingest import controls, layout, promos
from builder.ingest import outlets as known_outlets
from builder.ingest.dates import date_line
from builder.ingest.draft import Dropped, TextBlock
from builder.model import Outlet

BYLINE = re.compile(r"^(?:(?:By|Автор|Авторы|Текст|Author|Text by|Written by|Reporting by)[:\s]+|"
                    r"(?:Words|Reporting)\s*:\s*)[^\W\d_]", re.IGNORECASE)
"""A byline's opening ("By AMY FORLITI", "Автор: Иван Петров", "Words: Anna Smith")."""
LONGEST_SIGNATURE = 8
"""Words of an author's signature with a role at most ("Ivan Petrov, political analyst")."""


def signature(text: str) -> bool:
    """Whether ``text`` is an author's name and role, as a column prints it over or under the
    text ("Андрей Десницкий, писатель"): no sentence ("Ivan Petrov, a political analyst, said
    so.") and, being furniture only there, never looked for among the paragraphs, where such a
    line says whose a quote is."""
    return _SIGNATURE.match(text.strip()) is not None and len(text.split()) <= LONGEST_SIGNATURE


LONGEST_FURNITURE = 150
"""Characters: a longer line is text, whatever it opens with."""

_DISCLAIMER = (r"^(?:мнение (?:автора|редакции) может не совпадать|the views expressed|(?:this "
               r"(?:article|story) was )?originally published (?:in|by|on)|reprinted (?:with|by) "
               r"(?:kind )?permission|(?:первоначально|впервые) опубликован\w* (?:в|на)|"
               r".{0,60}(?:website contains only a portion of the news|публикуется лишь часть "
               r"новостей)).*$")
"""A site's disclaimer under the story, which may be as long as a paragraph."""

_WORD = r"[A-ZА-ЯЁ][^\W\d_]*(?:[-'’][^\W\d_]+)?"
_PERSON = rf"(?-i:{_WORD}\.?(?:\s+{_WORD}){{1,2}})"
"""A person's name: two or three words with a capital ("Sergei Kiselev", "Аннэ Пейн")."""
_AGENCY_WORD = r"[«\"]?[A-ZА-ЯЁ0-9][\w'’&.»\"-]*"
_AGENCY = rf"(?-i:{_AGENCY_WORD}(?:\s+(?:{_AGENCY_WORD}|of|and|и)){{0,4}})"
_SIGNATURE = re.compile(rf"^{_PERSON},\s+(?:(?:a|an|the)\s+)?(?-i:[a-zа-яё])[^.!?;:,\d]*$",
                        re.IGNORECASE)
_CAPTION_AND_CREDIT = (rf"^.{{10,140}}[.!?]\s+(?:(?:source|credit|автор|источник)\s*:\s*)?"
                       rf"{_PERSON}\s*/\s*{_AGENCY}$")
"""A photo's caption and its credit on one line: a sentence, then who took it and for whom,
labelled or not ("The bank's headquarters. Sergei Kiselev / Moskva News Agency", "Валво
Семиларски. Автор: Аннэ Пейн / ERR"). Unlabelled, or labelled with a word that may name a
story's source too ("Source:", "Автор:"), the credit is a name and an agency parted by a slash:
"Production fell. Source: Rosstat" is no credit."""

_NAMES = r"(?-i:[A-ZА-ЯЁ][\w'’.-]*)(?:\s+(?-i:[A-ZА-ЯЁ][\w'’.-]*)){0,2}"
_UNDER_THE_STORY: tuple[tuple[str, str], ...] = (
    ("comments", r"(?:обсудить|discuss|join (?:the|our) (?:discussion|conversation|commenting "
                 r"forum)|(?:оставить|оставьте|написать|напишите|добавить) (?:свой |ваш )?"
                 r"комментарий|leave a comment|(?:войдите|авторизуйтесь),? чтобы "
                 r"(?:комментировать|оставить комментарий)|(?:log|sign) in to (?:comment|"
                 r"join the discussion))\.?"),
    ("story being updated", r"(?:(?:материал|новость|информация|текст) (?:дополняется|"
                            r"обновляется|уточняется)|(?:this (?:is a )?)?(?:breaking|developing)"
                            r" (?:news )?story(?:[,.]? (?:it |and )?(?:will|may) be updated|"
                            r" (?:is )?(?:developing|being updated))?|this (?:story|article) "
                            r"(?:is developing|will be updated|is being updated)\b[^.!?]{0,40})"
                            r"\.?"),
    ("appeal for support", r"(?:.{0,120}[.!?]\s+)?(?:(?:contribute|donate|support us|help us)"
                           r"(?: (?:today|now|here))?|support (?:independent|our|quality) "
                           r"(?:journalism|reporting)|помогите|поддержите|пожертвуйте)"
                           r"(?:\s+(?:«[^»]{1,40}»|(?-i:[A-ZА-ЯЁ])\S*(?:\s+\S+){0,2}))?\s*!?"),
    ("appeal for support", r".{0,80}(?:нам (?:очень |так )?нужна ваша (?:помощь|поддержка)|"
                           r"we need your (?:help|support)|your support (?:matters|helps us)|"
                           r"(?:без|without) (?:вашей|your) (?:помощи|поддержки|help|support) "
                           r"(?:нам не|we can)\w*"
                           r"[^.!?]{0,40})[.!]?"),
    ("byline", rf"(?:беседовал[аи]?|интервью (?:взял[аи]?|записал[аи]?)|записал[аи]?|"
               rf"interviewed by|interview by)\s*:?\s+{_NAMES}\.?"),
    ("byline", r"(?:\S+\s+){0,2}(?:(?:staff|senior|chief|special|political|foreign|sports?|"
               r"business|investigative|contributing|national|economics|science) )*(?:writer|"
               r"correspondent|reporter|editor|columnist|contributor|journalist)|(?:(?:специальный|"
               r"собственный|старший|политический|военный|научный|главный|спортивный|"
               r"экономический) )*(?:корреспондент|обозреватель|колумнист|журналист|редактор)"
               r"(?:\s+(?:«[^»]{1,30}»|(?-i:[А-ЯЁA-Z])\S*|отдела \S+(?: \S+)?)){0,2}"),
    ("error report", r".{0,80}\bctrl\s*\+\s*enter\b.{0,40}"),
    ("related links", r"(?:все (?:материалы|новости) (?:сюжета|по теме|темы)|all (?:stories|"
                      r"articles|news|coverage) (?:on|about) (?:this|the) (?:topic|story))"
                      r"(?:\s*:?\s*«[^»]+»)?"),
    ("page controls", r"(?:close|закрыть|click to copy|copy link|link copied|скопировать ссылку|ссылка "
                      r"скопирована)"),
    ("agency credits", r"(?:(?:\S+\s+){1,12}contributed (?:reporting )?to this (?:report|story|"
                       r"article)|в подготовке (?:материала|текста|статьи) (?:принял[аи]? участие|"
                       r"участвовал[аи]?)\s+.{2,80})\.?"),
    ("end of the story", r"(?:\(\s*(?:end|ends|конец)\s*\)|\[\s*end\s*\]|-\s*(?:30|end)\s*-|"
                         r"#{3}|ends|конец)\.?"),
    ("advertisement", r"(?:before it's here, it's on the bloomberg terminal|sponsored (?:headlines|"
                      r"links|stories|content)|(?:get|download) the \S+(?: \S+)? app|"
                      r"(?:try|start) (?:your )?(?:\S+ )?free trial)\.?"),
    ("links to the site's pages", r"(?:terms of (?:use|service)|privacy (?:policy|notice)|"
                                  r"cookie (?:settings|policy)|contact us|about us|advertise(?: "
                                  r"with us)?|пользовательское соглашение|политика "
                                  r"конфиденциальности|правила (?:использования|сайта)|контакты)"),
    ("photo caption and credit", r".{5,140}\s[\[(](?=[^\])]*\s)(?:(?:file|photo|фото|архив)\s*:"
                                 r"\s*)?[^\]\[()]{2,60}/[^\]\[()]{2,40}[\])]"),  # a name in it
    ("photo credit", r"(?:фото(?:графия)?|снимок|иллюстрация) (?:из (?:открытых источников|"
                     r"архива|соцсетей|социальных сетей)|(?:пресс-служб\w*|автора|с сайта|"
                     r"предоставлен\w*|(?-i:[A-ZА-ЯЁ«]))[^.!?]{0,90})"),
    ("photo credit", r"(?:(?:photo(?:graph)?|image|picture)s? (?:by|courtesy(?: of)?|via|from)|"
                     r"courtesy(?: of)?)\s[^.!?]{2,80}"),
    ("photo credit", r"(?:[\w.' -]{2,40}\s*/\s*)?(?:(?:\w+ via )?getty images|ap photo|"
                     r"shutterstock|alamy)(?:\s*/\s*[\w.' -]{2,40})?|[\w.' -]{2,40}\s*/\s*"
                     r"(?:afp|epa(?:-efe)?|reuters|ap|tass|тасс|риа новости)"),
)
"""Lines a page prints after or around the story, each matched whole (an opening ``^`` and a
closing ``$`` are added): a call to comment, "the story is being updated", an appeal for
donations, the interviewer's credit, a link to report an error, the agency's end mark ("(END)",
"-30-", "###"), other reporters' credits, the outlet's own advertisement, the footer's links,
and photo credits in the forms without a colon ("Фото пресс-службы губернатора", "Photo by
John Smith/Reuters", "Getty Images", a caption's "[File: Name/EPA]")."""

_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in (
        ("reading time", r"^(?:(?:reading time|время чтения)\s*:?\s*)?\d+\s*(?:min(?:ute)?s?|"
                         r"мин(?:ут[аы]?)?)\.?\s*(?:(?:to |of )?read(?:ing)?|(?:на )?чтени[яе])?$"),
        ("advertisement", r"^(?:(?-i:AD|Ad)|advertisement|advertising|реклама(?:\s*\d{1,2}\+)?|"
                          r"sponsored|paid content|партнерский материал|video ad feedback)$"),
        ("page controls", r"^(?:story continues|view (?:\d+ )?comments|add to blog|print version|"
                          r"оцените (?:материал|статью|новость)\b.*|открыть в приложении|"
                          r"есть чем поделиться\?.*|пишите нам\b.*|previous post(?: next post)?|"
                          r"next post|(?:предыдущ|следующ)(?:ая|ий) (?:запись|пост|статья|новость)|"
                          r"больше видео|open in app|sign (?:up|in)|log in|write|follow|"
                          r"войти|зарегистрироваться|"
                          r"feedback\s*:.*|send us your feedback\b.*|print(?:\s+print)?\s+this "
                          r"page|добавить в избранное|в избранное|add to (?:favou?rites|bookmarks)|"
                          r"сообщите об ошибке\b.*|"
                          r"reuse this content|версия для печати|обратная связь|"
                          r"нашли (?:ошибку|опечатку)\?.*|"
                          r"(?:add to blog|print version)(?:\s+(?:add to blog|print version))+)$"),
        ("paper's credits", r"^(?:опубликован[ао]? в газете|заголовок в газете|"
                            r"published in (?:the )?print edition)\b.*$"),
        ("rule", r"^(?:[_*=~\-—–]{3,}|--|[·•|])$"),  # "--": a letter's signature under it
        ("press release label", r"^(?:(?:press|news|media) release|(?:for )?immediate release|"
                                r"for release\s*:?\s+\S.{0,40}|embargoed (?:until|till)\b.{0,40}|"
                                r"пресс-релиз|для (?:немедленной публикации|немедленного "
                                r"распространения)|информационное сообщение)\s*[.:]?$"),
        ("disclaimer", _DISCLAIMER),
        ("share buttons", r"^(?:поделиться|share)\s*(?::|эт\w+ стать\w+|this (?:article|story|"
                          r"page))(?:\s+\S+){0,5}$"),
        ("tags", r"^filed under\s*:.*$"),
        ("video credit", r"^(?:видео|video|audio|аудио|фото и видео|photo and video)\s*:\s*\S+"
                         r"(?:\s+\S+){0,4}(?<![.!?…])$"),
        ("subscribe call", r"^(?=(?:type|enter|your)\s|.*\s(?:subscribe|sign up|join)$)(?:(?:type|"
                           r"enter)\s+)?(?:your\s+)?e-?mail(?:\s+address)?\s*(?:…|\.{3})?"
                           r"(?:\s+(?:subscribe|sign up|join))?$"),  # an e-mail box and its button
        ("subscribe call", r"^(?=(?:введите|ваш)\s|.*\s(?:подписаться|подпишитесь)$)(?:введите\s+)?"
                           r"(?:ваш\s+)?(?:e-?mail|адрес электронной почты|электронн\w+ почт\w+)\s*"
                           r"(?:…|\.{3})?(?:\s+(?:подписаться|подпишитесь))?$"),
        ("translator's credits", r"^(?:translated (?:from \w+ )?by(?:\s+\S+){1,5}|"
                                 r"перевод(?: с \w+)?\s*:(?:\s+\S+){1,5}|"
                                 r"перевел[аи]?(?: с \w+)?(?:\s+(?-i:[А-ЯЁ])\S*){1,3})\.?$"),
        ("counter", r"^[♥❤]?\s*(?:\d{1,3}(?:[\s,.]\d{3})+|\d+(?:[.,]\d+)?\s*[KkКкMМ]?)\s+"
                    r"(?:likes?|followers|подписчик\w*)$"),
        ("agency credits", r"^(?:\(?(?:reporting|writing|editing|additional reporting|compiled)"
                           r"\s+by\b.*|enditem|end item|[a-z]{2,4}(?:\s+[a-z0-9]{1,3}){2,}|[a-z]{2,4}(?:[-/][a-z]{2,4})*/[a-z]{2,4}|"
                           r"editor\s*:\s*[\w ]{2,40}|(?:the )?associated press (?:writers? )?.{2,120} "
                           r"contributed(?: to this report)?\.?)$"),
        ("counter", r"^(?:просмотр(?:ов|ы)?|views|comments?|комментари(?:ев|и|й)|обсуждение|"
                    r"reactions|likes)\s*[:(]?\s*\d*\s*\)?$"),
        ("tags", r"^(?:(?:теги|метки|tags|topics|темы)\s*:|(?:tags|теги|topics|темы)\s+"
                 r"(?-i:[A-ZА-ЯЁ])|"
                 r"(?:tags|теги|метки|related topics|topics)$|more about\s*(?-i:[A-ZА-ЯЁ])|browse (?:today's )?tags|"
                 r"keywords\b|ключевые слова\b|related subjects\b).*$"),
        ("photo caption and credit", r"^.{10,140}(?:\s[-–—|]\s*|[.!?]\s+)(?:copyright|©|(?:photo"
                                     r"(?:graph)?|фото|credit|image|picture|снимок|иллюстрация|"
                                     r"кадр)\s*:)[^.!?]{2,60}$"),
        ("photo caption and credit", _CAPTION_AND_CREDIT),  # no caption under it: it has its own
        ("advertisement", r"^.{0,100}(?:\b(?-i:LEARN MORE|READ MORE|ПОДРОБНЕЕ)|[|•›»—–-]\s*"
                          r"(?:learn more|подробнее|читать далее))\s*[»›→]?$"),
        ("appeal for support", r"^(?:support|поддержите)\s+(?:«[^»]{1,40}»|(?-i:(?:[Tt]he\s+)?"
                               r"[A-ZА-ЯЁ]\S*(?:\s+[A-ZА-ЯЁ]\S*){0,3}))\s*[!.]?"
                               r"(?:\s+(?:contribute|donate|помогите|пожертвуйте)\b.*)?$"),
        ("subscribe call", r"^follow\s+(?-i:[A-Z])\S*(?:\s+(?-i:[A-Z])\S*){0,3}"
                           r"(?:\s+on\s+\w+(?:\s+and\s+\w+)?(?:\s+and never miss [^.]*)?)?\s*[:!]?$"),
        ("subscribe call", rf"^(?!{promos.QUOTED})(?:подписывайтесь|подпишитесь|subscribe|"
                           r"sign up|follow us|would you like to subscribe|download (?:the|our) |"
                           r"скачайте|читайте (?:нас|также нас)|следите за (?:нами|новостями)|"
                           r"присоединяйтесь)\b.*$"),
        ("photo credit", r"^©\s*[^/©]{2,40}\s/\s[^/©]{2,40}$"),  # "© РИА Новости / Иван Петров"
        ("copyright", promos.COPYRIGHT),
        ("photo credit", r"^(?:image|media) (?:copyright|source|caption).{0,150}$"),
        ("photo credit", r"^(?:(?:иллюстративное|архивное|главное|file|archive|illustrative|"
                         r"lead|main|top) )?(?:фото|photo(?:graph)?|foto|pic|picture|image|"
                         r"credit|источник фото|автор фото|подпись к фото|иллюстрация|кадр)"
                         r"\s*[:,/].{0,100}$"),  # «Иллюстративное фото: Bel.Ru»
        ("share buttons", r"^(?:share|поделиться|send|print|отправить|печать|"
                          r"facebook|twitter|vk|telegram|whatsapp|email|e-mail|reddit|"
                          r"messenger|linkedin|pinterest|viber|instagram|youtube|одноклассники|"
                          r"вконтакте)(?:[\s,|/·•]+(?:share|send|print|facebook|"
                          r"twitter|tweet|vk|telegram|whatsapp|email|e-mail|reddit|linkedin|instagram|youtube|"
                          r"одноклассники|вконтакте|this|article|статьей|новостью|в соцсетях|"
                          r"в социальных сетях))*\s*:?$"),
        ("text size", r"^(?:текст|text)\s*(?:size|размер)\b.*$"),
        ("skip link", r"^(?:skip to (?:main )?(?:content|navigation|search)|"
                      r"перейти к (?:основному )?(?:содержанию|контенту))$"),
        ("cookie notice", r"^.{0,300}\b(?:we use cookies|this (?:web)?site uses cookies|"
                          r"(?:мы )?используем (?:файлы )?cookie|использует (?:файлы )?cookie|"
                          r"cookies? policy|политик[аеуи] (?:использования )?(?:файлов )?cookie|"
                          r"соглашаетесь с (?:использованием |обработкой )?(?:файлов )?cookie|"
                          r"agree to (?:our |the )?use of cookies)"
                          r".{0,300}$"),
        ("audio player", r"^(?:listen(?: to (?:this |the )?(?:article|story|news|report))?|"
                         r"(?:слушать|прослушать)(?: (?:статью|новость|материал|текст))?)"
                         r"(?:\s*[(·|•,-]?\s*\d{1,2}(?::\d{2})?\s*(?:min(?:ute)?s?|"
                         r"мин(?:ут[аы]?)?)?\.?\)?)?$"),
        ("time stamp", r"^\d{1,2}:\d{2}$"),  # a player's length, a live feed's or a sidebar's
        ("share buttons", r"^(?:tweet|твитнуть|pin|save|сохранить|post|share (?:on|via|it|this)"
                          r"\b.*|like this story\?.*|поделиться (?:в|во|через)(?:\s+\S+){1,3})$"),
        ("counter", r"^\d{1,3}(?:[\s\u00a0,]\d{3})*(?:\s+(?:comments?|views|shares|"
                    r"комментари(?:ев|я|й)|просмотр(?:ов|а)?))?$"),
        ("link to the page", r"^(?:permalink|short (?:url|link)|get short url|"
                             r"короткая ссылка|ссылка на (?:статью|материал))\b.*$"),
        ("source line", r"^(?:source|источник)\s*:\s*(?:«[^»]{1,40}»|[A-ZА-ЯЁ][^\s.!?\d]*"
                        r"(?:\s+[^\s.!?\d]+){0,3})(?:\s+(?:and|и)\s+(?:news agencies|"
                        r"other agencies|агентства))?$"),
        ("agency credits", r"^(?:our standards:.*|contact the author\b.*|"
                           r"have a confidential tip\b.*|to contact the (?:reporters?|editors?|"
                           r"authors?)\b.*|\S.{0,60}\s(?:at|@)\s?[\w.+-]+@[\w-]+\.[\w.]+|"
                           r"(?:редактор|редакторы|editor|editors|выпускающий редактор)\s*:\s*"
                           r"[^\W\d_][^.!?\d]{1,60}|(?:staff|reuters staff) and agencies|agencies)$"),
        ("byline", r"^(?:автор:?\s+[^\W\d_]+\s+[^\W\d_]+|"
                   r"(?:written )?by\s+[^\W\d_]+(?:\s+[^\W\d_.]+){1,3})$"),
        ("related links", r"^(?:related (?:content|coverage|stories|articles)|ссылки по теме|"
                          r"новости по теме)\s*:?\s+\S.*$"),
        ("related links", r"^more\s+(?-i:[A-Z])\S*(?:\s+\S+){0,4}\s*:\s*https?://\S+.*$"),
        ("related links", r"^(?:also on (?-i:[A-Z])\S*|читайте также|read (?:more|also)|see also|"
                          r"подробнее(?=\s*:))\s*:?\s+\S.*(?<![.!?…\"»”])$"),
        ("subscribe call", r"^(?:читайте|читать|смотрите|следите за)\s+\S+\s+в\s+(?:telegram|"
                           r"телеграм|дзен|vk|вконтакте|яндекс).*$"),
        *((reason, rf"^(?:{pattern})$") for reason, pattern in _UNDER_THE_STORY),
        *controls.PATTERNS,  # live blogs', mobile pages', social posts' controls and counters
        *promos.PATTERNS,  # an app's promo, an error page, hashtags, more end marks and credits
    ))


def furniture_of(line: str) -> str | None:
    """What ``line`` is, if it is a page's furniture; None for text. A run of related links or
    tags glued on one line under its title may be long; any other furniture is short."""
    text = line.strip()
    if len(text) > LONGEST_FURNITURE and not (len(text) <= layout.LONGEST_SIDEBAR_LINE and (
            _GLUED_LIST.match(text) or re.match(_DISCLAIMER, text, re.IGNORECASE))):
        return promos.promo_of(text) if len(text) <= layout.LONGEST_SIDEBAR_LINE else None
    if (reason := _furniture_alone(text)) is not None or len(text) > LONGEST_FURNITURE:
        return reason
    # controls glued on one line, parted by wide spaces or bars ("♥ 23 likes   💬 5 comments",
    # "« Previous post   Next post »"): furniture when every one of them is
    parts = [part for part in _GLUED_PARTS.split(text) if part]
    reasons = [_furniture_alone(part) for part in parts]
    if len(parts) > 1 and all(reasons) and any(_LETTER.search(part) for part in parts):
        return reasons[0]
    return controls.in_a_row(text, _control_of)


_CONTROLS = frozenset({"page controls", "share buttons", "counter", "live blog controls",
                       "links to the site's sections", "links to the site's pages"})
"""What a row of buttons glued by single spaces is made of: never a tag, a byline, a credit."""
_ANY_CONTROL = re.compile("|".join(f"(?:{pattern.pattern})" for reason, pattern in _FURNITURE
                                  if reason in _CONTROLS), re.IGNORECASE)


def _furniture_alone(text: str) -> str | None:
    """What ``text`` is as one control, perhaps with the arrows, hearts or icons a page prints
    around it ("« Previous post", "💬 5 comments"); a quote that hugs its words is no arrow."""
    found = next((reason for reason, pattern in _FURNITURE if pattern.match(text)), None)
    found = found or promos.promo_of(text)  # a donation's appeal, a promo of another article
    if found is None and (linked := controls.LINKED.match(text)) is not None:
        return _furniture_alone(linked["label"])  # «Читать на сайте: https://rg.ru/…»
    bare = _DECORATION_END.sub("", _DECORATION_START.sub("", text))
    if found is None and bare and bare != text:
        found = next((reason for reason, pattern in _FURNITURE if pattern.match(bare)), None)
    return found


def _control_of(text: str) -> str | None:
    """What ``text`` is when it is one of a page's :data:`_CONTROLS`, icons around it or not."""
    bare = _DECORATION_END.sub("", _DECORATION_START.sub("", text)) or text
    if not _ANY_CONTROL.match(bare):  # most runs of words are none: one pass tells
        return None
    return next((reason for reason, pattern in _FURNITURE
                 if reason in _CONTROLS and pattern.match(bare)), None)


_GLUED_PARTS = re.compile(r"\s{2,}|\s+[|•·]\s+")
_DECORATION_START = re.compile(r"^(?:[«‹<]\s|[^\w\s©(\"'«“„‹<]\s*)+")
_DECORATION_END = re.compile(r"(?:\s[»›>]|\s*[^\w\s.!?)\"'»”›>])+$")
"""Arrows, guillemets set off by a space, hearts and icons around a control's words."""
_LETTER = re.compile(r"[^\W\d_]")


_GLUED_LIST = re.compile(r"^(?:(?:related (?:content|coverage|stories|articles)|(?:ссылки|новости)"
                         r" по теме|tags|теги|to contact the \w+)\b|also on (?-i:[A-Z]))", re.I)


def without_furniture(blocks: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``blocks`` without their furniture lines, each named for the report."""
    kept: list[layout.Line] = []
    lines, dropped = controls.without_cut_controls(layout.lines_of(blocks), furniture_of)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) and not line.blanks_after else None
        if (following is not None and following.text[:1].islower()
                and furniture_of(following.text) is None):  # not a control: "share2"
            kept.append(line)  # a wrapped line going on ("Also on Red Square … BMP-2 / infantry")
        elif (reason := furniture_of(line.text) or _goes_with(dropped, lines, index)) is not None:
            dropped.append(Dropped(line.number, line.text, reason))
            if kept and line.blanks_after:  # the blank lines after it part what is around it
                kept[-1] = layout.Line(kept[-1].text, kept[-1].number,
                                       max(kept[-1].blanks_after, line.blanks_after))
        else:
            text, mark = controls.without_end_mark(line.text)  # "… reservoir. Enditem"
            kept.append(layout.Line(text, line.number, line.blanks_after) if mark else line)
            dropped += [Dropped(line.number, mark, "end of the story")] if mark else []
    if not dropped:
        return list(blocks), []
    return (layout.blocks_of(kept, blocks[0].blanks_before) if kept else [],
            sorted(dropped, key=lambda d: d.line))


MOST_TAG_WORDS, MOST_AD_WORDS = 4, 12
"""Words of a tag, and of an advertisement's line under its label, at most; a sentence of the
story ends with a full stop, an advertisement with none or with "!"."""
MOST_CAPTION_WORDS = 25
"""Words of a photo's caption at most."""


def _goes_with(dropped: Sequence[Dropped], lines: Sequence[layout.Line], index: int) -> str | None:
    """What the line at ``index`` is when it goes with the furniture line just above it (no
    blank line between): a tag under "Tags" ("Tags / Weather / St. Petersburg", one a line), the
    caption under a photo's credit ("Фото: РИА Новости / Алексей Даничев / Президент на
    катере"), the title of a video between its label and its length, none ending a sentence."""
    if not dropped or index == 0 or lines[index - 1].blanks_after \
            or dropped[-1].line != lines[index - 1].number:
        return None
    text = lines[index].text.strip()
    words = len(text.split())
    if layout.SIDEBAR_TITLES.match(text):  # "Читайте также" under the tags: a sidebar starts
        return None
    if dropped[-1].reason == "advertisement" and words <= MOST_AD_WORDS and (
            not layout.ends_sentence(text) or text.endswith("!")):
        return "advertisement"  # "Реклама" / "Купите пластиковые окна со скидкой до 40%!"
    if layout.ends_sentence(text):
        return None
    if dropped[-1].reason == "tags" and words <= MOST_TAG_WORDS:
        return "tags"
    if dropped[-1].reason == "photo credit" and words <= MOST_CAPTION_WORDS:
        return "photo caption"
    below = lines[index + 1] if index + 1 < len(lines) and not lines[index].blanks_after else None
    if (below is not None and words <= layout.SIDEBAR_HEADLINE_WORDS and date_line(text) is None
            and dropped[-1].reason == "advertisement" and furniture_of(below.text) == "audio player"):
        return "embedded video's title"  # "Video Ad Feedback" / a headline / its length, "01:02"
    return None


_PUBLISHED_IN = re.compile(r"^(?:опубликовано в|published (?:in|by)|источник|source)\s*:?\s+",
                           re.IGNORECASE)
_EDITION = re.compile(r"\s+[-–—|/]\s+")
MOST_NAME_WORDS = 4
EDITION_WORDS = 2


def names_outlet(text: str, outlets: Mapping[str, Outlet]) -> str | None:
    """The known outlet a line is no more than the name of, with what pages print around it
    ("Русская служба Би-би-си", "Российская газета - Федеральный выпуск", "Опубликовано в АиФ
    Иркутск", "Meduza"): such a line is the site's, never the story's. None for any other line."""
    text = _PUBLISHED_IN.sub("", text.strip())
    if len(text.split()) == 1:
        text = text.rstrip(".")  # "euronews." as the site prints its name
    words = _EDITION.split(text, maxsplit=1)[0].split()
    if not words or len(text.split()) > 2 * MOST_NAME_WORDS or layout.ends_sentence(text):
        return None
    for count in range(min(len(words), MOST_NAME_WORDS), 0, -1):
        edition = words[count:]  # a place: "АиФ Иркутск"; a sentence goes on in lower case
        if edition[:1] in (["в"], ["во"]):
            edition = edition[1:]  # "МК в Волгограде"
        if len(edition) <= EDITION_WORDS and all(word[:1].isupper() for word in edition) and (
                key := known_outlets.by_name(" ".join(words[:count]), outlets)):
            return key
    return None
