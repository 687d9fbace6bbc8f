"""What a page prints about itself around a story rather than of it: promos of the outlet's app,
of another of its articles and of its donations, the text a page shows when what it held is
gone ("Page not found"), a line of hashtags, the editors' initials over the agencies a wire
was made from ("dr/rt (Reuters, AP)"), more agencies' end marks ("==Kyodo", "/ENDS", "—0—"),
"Send to friend", a comment counter («Обсудить (37)»), and the page's copyright line
(:data:`COPYRIGHT`). :data:`PATTERNS` joins the table of :mod:`~builder.ingest.furniture`, and
:func:`promo_of` the lines it cannot say in one pattern.

Each is matched whole, so a story's sentence that mentions an app, a donation, a hashtag or an
explainer stays: a promo speaks to the reader (an imperative, "you", «вы»), a story's sentence
says who did what. A sentence that reports speech ("…, the minister urged") is never a promo,
whatever it asks for.
"""

from __future__ import annotations

import re

_TEXT = r"(?:[^.!?]|\.(?=[^\s.]))"
"""A character of one sentence: a full stop only inside a name or an address ("Газеты.Ru")."""
_TO_YOU = (r"(?:[^.!?]{0,80}(?:!|\b(?:you|your|вы|вас|вам|ваш\w*|тебя|твой)\b[^.!?]{0,40}[.!?])"
           r"\s+)?")
"""A promo's first sentence, which speaks to the reader ("Take international news everywhere
with you!"); a story's sentence before a promo makes the line the story's."""

QUOTED = (r".*[,?!—–]\s*[—–-]?\s*(?:(?:\w+\s+){0,3}?(?:said|says|urged|told|asked|added|shouted|"
          r"chanted|warned|explained|noted|wrote|stated|insisted|replied|announced|reminded|"
          r"pleaded|demanded|advised|claimed)\b|[а-яё]+(?:л|ла|ли|ло)(?:сь)?(?![а-яё]))")
"""A call quoted in a story's sentence, with who made it after a comma or a dash ("Download the
app, the minister urged"; in Russian the verb first, in the past tense: «Помогите нам найти
ребенка, — попросила мать», not «…, потому что подписались»): a lookahead that keeps a promo's
pattern off it."""

_YEARS = r"(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?"
_RIGHTS = (r"(?:all rights reserved|все права (?:защищены|охраняются)(?: законом)?|"
           r"при (?:полном или частичном )?(?:цитировании|использовании|перепечатке|копировании)"
           r"\b[^.!?]{0,100}\b(?:ссылка|гиперссылка)\b[^.!?]{0,80}\bобязательн\w*|"
           r"this material may not be (?:published|reproduced)\b[^.!?]{0,150}|"
           r"(?:reproduction|republication|redistribution)\b[^.!?]{0,100}\b(?:prohibited|"
           r"without (?:the )?(?:prior )?(?:written )?(?:consent|permission))\b[^.!?]{0,60}|"
           r"(?:(?:любое|любая) )?(?:перепечатка|воспроизведение|использование)(?: материалов)?\b"
           r"[^.!?]{0,100}\b(?:запрещен\w*|разрешен\w* только|допускается только)\b[^.!?]{0,80}|"
           r"материалы (?:сайта|издания) не могут быть (?:воспроизведены|перепечатаны|использованы)\b[^.!?]{0,80})")
"""What a copyright line says of the rights after the holder's name ("All rights reserved.",
«При цитировании ссылка обязательна»), a whole sentence each."""
_HOLDER_WORD = r"(?:[^\s.!?,]|\.(?=\S))+"
COPYRIGHT = (rf"^(?:(?:©|\(c\)|copyright|авторское право)\s*(?:©|\(c\))?\s*:?\s*{_YEARS}\b.*|"
             rf"(?:(?:copyright|авторское право)\s*)?(?:©|\(c\))\s*(?:[^.!?,]{{1,60}}?,?\s*"
             rf"{_YEARS}|(?=(?-i:[«\"“A-ZА-ЯЁ0-9])){_HOLDER_WORD}(?:\s+{_HOLDER_WORD}){{0,4}})"
             rf"(?:[.,;]?\s*{_RIGHTS})*|{_RIGHTS}(?:[.,;]?\s*{_RIGHTS})*)\s*\.?$")
"""A copyright line: its sign and years, then whatever the holder prints («© 2020 Фонтанка.ру»,
"Copyright 2020 The Associated Press. All rights reserved. This material may not be …"); or the
sign and the holder's name of a few words, perhaps with its years after it ("© Reuters", «©
Коммерсантъ, 1991–2020»); or what it says of the rights alone («Все права защищены. При
цитировании ссылка обязательна»). The word "copyright" opening a sentence about copyright
("Copyright cases rose by 20%, the court said.") has neither years nor a sign, and stays."""

PATTERNS: tuple[tuple[str, str], ...] = (
    ("app promo", rf"^{_TO_YOU}(?:download|get|install|try)(?: (?:the|our))?(?: (?:free|new|"
                  r"official|mobile))?(?: [\w.&'’-]+){0,3} app(?:lication)?"
                  r"(?:\s+(?:for|on|in|from|now|today|here)\b[^.!?,;:—–]{0,40})?\s*[.!]?$"),
    ("app promo", rf"^{_TO_YOU}(?:скачайте|установите|загрузите|читайте нас в)(?: (?:наше|нашем|"
                  r"бесплатное|официальное|мобильное|новое))* приложени\w*(?:\s+(?:«[^»]{1,40}»|"
                  r"[\w.&-]+)){0,4}\s*[.!]?$|^(?:скачать|установить) приложение$"),
    ("app promo", r"^(?:(?:download|available) on the app store|get it on google play|"
                  r"(?:доступно|скачайте|загрузите) (?:в|на) (?:app store|google play)|"
                  r"app store|google play)(?:\s*[|·•,]?\s*(?:app store|google play|"
                  r"(?:download|available) on the app store|get it on google play))*$"),
    ("error page", r"^(?:(?:sorry|oops|we're sorry|к сожалению)[,!.]?\s+)?(?:(?:error\s*)?404"
                   r"(?:\s*[-–—:.]?\s*(?:error|(?:page )?not found|страница не найдена))?|"
                   r"(?:the )?page (?:you (?:are|were) looking for |you requested )?(?:was |is )?"
                   r"(?:not found|(?:does not|doesn't|no longer) exists?|(?:could not|cannot|"
                   r"can't) be found)|the (?:content|page|article|story) you (?:have )?"
                   r"(?:requested|are looking for|were looking for) (?:does not|doesn't|no longer) "
                   r"exists?"
                   r"(?: or (?:is|has been) (?:not available|removed|moved)(?: anymore)?)?|"
                   r"(?:ошибка 404|(?:запрашиваемая |такой )?страниц[аы] (?:не найдена|не "
                   r"существует|(?:была )?удалена)|(?:запрашиваемый |такой )?(?:материал|"
                   r"документ) (?:не найден|не существует|(?:был )?удал[её]н))|(?:this|the) "
                   r"(?:page|article|story|content|video|post) (?:has been |was |is )(?:removed|"
                   r"deleted|(?:no longer |not |un)available)(?: in your (?:country|region))?|"
                   r"(?:эта |данная )?(?:страница|статья|публикация|запись|видеозапись) (?:была )?"
                   r"(?:удален[аоы]|недоступн[аоы]|больше не доступн[аоы]))\s*[.!]?$"),
    ("tags", r"^(?:\\?#[^\s#\\.!?,]+(?:\s+[^\s#\\.!?,]+){0,2}[\s,]*){1,15}$"),
    ("agency credits", r"^[a-zа-яё]{1,4}(?:[-/][a-zа-яё]{1,4})*/[a-zа-яё]{1,4}\s*\(\s*"
                       r"[\w.&' -]{2,20}(?:\s*(?:,|/|and|и)\s*[\w.&' -]{2,20}){0,4}\s*\)$"),
    ("end of the story", r"^(?:==\s*[\w.-]{2,20}|/\s*ends?|[-—–]\s*0\s*[-—–]|[-—–]{2,}\s*end\s*"
                         r"[-—–]{2,}|\(\s*(?:окончание|продолжение(?: следует)?)\s*\)|"
                         r"продолжение следует|\(\s*more\s*\)|(?-i:END|ENDS))\s*\.?$"),
    ("page controls", r"^(?:(?:click|tap) (?:here )?to share(?: (?:on|via) [\w ]{2,20}| this "
                      r"(?:article|story|page))?|send to (?:a )?friend|e-?mail (?:this )?(?:(?:article|story|page) )?"
                      r"to a friend|отправить (?:другу|по почте|на почту)|printer[- ]friendly "
                      r"(?:version|page)|print (?:this )?(?:article|story)|распечатать|"
                      r"поддержать(?: (?:нас|проект|редакцию|«[^»]{1,40}»))?|donate(?: now| here|"
                      r" today)?|support us(?: now| today)?|back to (?:the )?(?:list|news|top|"
                      r"previous page|all news)|(?:вернуться|назад) к (?:списку(?: новостей)?|"
                      r"новостям|разделу)|наверх|к списку новостей)\s*[.!]?$"),
    ("counter", r"^(?:💬\s*)?(?:(?:view|show|read|показать|читать) (?:all |все )?)?(?:обсудить|"
                r"обсуждение|комментировать|комментарии|комментариев|discuss(?:ion)?|comments?|"
                r"replies|отзывы)\s*[:(\[]?\s*\d{1,6}\s*[)\]]?$"),
    ("counter", r"^💬\s*\d{1,6}$"),
    ("agency credits", r"^(?:(?:to )?contact (?:the )?(?:[\w.&'’ ]{1,30} )?(?:reporter|editor|"
                       r"staff)s?(?: responsible)?(?: (?:on|for|about) this (?:story|article|"
                       r"report))?|связаться с (?:автором|редакцией)|написать (?:автору|в "
                       r"редакцию))\s*:.*$"),  # "To contact Bloomberg News staff for this story:"
    ("audio player", r"^(?:your |this )?browser (?:does not|doesn't|cannot|can't) (?:support|play)"
                     r"\b.{0,60}$|^ваш браузер не (?:поддерживает|может воспроизвести)\b.{0,60}$|"
                     r"^(?:enjoy|listen to|get) more (?:audio|podcasts)(?: and (?:audio|podcasts))?"
                     r"\b.{0,60}$"),  # a player's fallback text: "…does not support the <audio> element."
    ("app promo", r"^(?:app[_ -]?store|google[_ -]?play|apple)[_ -]?(?:download[_ -]?)?badge"
                  r"[\w.-]*$"),  # a store's badge, by its image's text: "App_Store_Badge"
    ("subscribe call", r"^(?:(?:новости|наш канал|мы|читайте нас|news|follow us)\b[^.!?]{0,40} "
                       r")?(?:в|on|in) (?:telegram|телеграм\w*|vk|вк|вконтакте|дзен\w*|"
                       r"яндекс\.?\s?дзен\w*|whatsapp|viber)(?:\s*[—–:-]\s*(?:подписывайтесь|"
                       r"подпишитесь|subscribe|join us))?\s*[!.]?$"),  # «Новости Волгограда в Telegram»
    ("share buttons", r"^(?:you can )?share (?:(?:or|and) comment on )?this (?:story|article|"
                      r"page|post)(?: on social media| with (?:your )?friends)?\s*[:.!]?$|"
                      r"^(?:вы можете )?поделиться (?:этой )?(?:новостью|статьей|статьёй|"
                      r"материалом)(?: в соц(?:иальных )?сетях)?\s*[:.!]?$"),
    ("page controls", r"^(?:[\w-]+ ){0,2}(?:icon|иконка|значок)$"),  # "Facebook Icon": an icon's text
    ("photo credit", r"^(?:supplied|handout|pool|файл|архив)\s*:\s*[^.!?]{2,60}$"),
    ("photo caption and credit", r"^.{5,200}\((?:supplied|handout|photo|credit|picture|фото|"
                                 r"источник фото)\s*:\s*[^()]{2,60}\)\.?$"),  # "(Supplied: …)"
    ("photo credit", r"^(?-i:[A-ZА-ЯЁ][\w'’-]+(?:\s+[A-ZА-ЯЁ][\w'’-]+){1,2})\s*/\s*"
                     r"(?:[\w.&'’«»\"-]+\s+){0,4}(?:news agency|agency|images|photos?|press|pool|"
                     r"media|агентств\w*|фото|пресс-служб\w*)(?:\s+[\w.&'’«»\"-]+){0,3}$"),
)
"""The lines, each with what it is: an app's promo ("Download the France 24 app", «Скачайте
приложение РИА Новости», "Get it on Google Play"); a page's error text ("Page not found", "The
content you requested does not exist or is not available anymore.", «Страница не найдена»); a
line of hashtags ("#Mexico #Hurricane #Natural disasters", "\\#COVID-19 #Россия", as Markdown
escapes them); editors' initials over the agencies ("dr/rt (Reuters, AP)"); an agency's end
mark ("==Kyodo", "/ENDS", "—0—", «(Окончание)»); "Send to friend", «Поддержать», "Donate"; a
comment counter ("Comments (12)", «Обсудить (37)»); a line to write to the reporter ("Contact the
reporter: …", «Написать автору: …»)."""

_SPEECH = re.compile(r"\b(?:said|says|told|asked|urged|added|noted|wrote|explained|according|"
                     r"reported|сказал\w*|заявил\w*|призвал\w*|отметил\w*|добавил\w*|"
                     r"написал\w*|сообщ\w+|пояснил\w*|рассказал\w*|говорится|по словам|"
                     r"по данным)\b", re.IGNORECASE)
"""Words of a report of what someone said or asked: such a sentence is the story's."""
_SENTENCES = re.compile(r"(?<=[.!?…])\s+(?=[\"«“„A-ZА-ЯЁ0-9])")
LONGEST_PROMO_SENTENCE = 24
"""Words of one sentence of a promo at most."""
MOST_PROMO_SENTENCES = 3

_WHOM = (r"(?:нас|редакци\w+|проект\w*|журналистик\w*|«[^»]{1,40}»|us|our (?:work|journalism|"
         r"newsroom|reporting)|journalism|reporting|(?:supporter|member|patron|donor|sponsor)s?|"
         r"(?:a )?(?:donation|contribution)|пожертвовани\w*|(?:спонсор|меценат|донор)\w*)")
"""Who or what an appeal for money asks to support, or what it asks the reader to become."""
_APPEAL = re.compile(
    rf"^(?:please,?\s+|пожалуйста,?\s+)?(?:consider\s+)?(?:поддержите|помогите|пожертвуйте|"
    rf"поддержать|станьте|support(?:ing)?|help|donat(?:e|ing)|contribut(?:e|ing)|give|become|"
    rf"make|join)\b.{{0,120}}?(?:\b|(?=«)){_WHOM}(?:\b|(?<=»))", re.IGNORECASE)
"""An appeal for money: an imperative, and who or what it asks to support ("Поддержите нас",
"Support independent journalism", "Please consider supporting our journalism", "Make a
donation")."""
_BUTTON = re.compile(rf"^(?:помочь|стать)\s+{_WHOM}$", re.IGNORECASE)
"""An appeal for money as a button prints it, an infinitive and whom it asks to support
(«Помочь проекту», «Стать спонсором»): as a story's sentence it would go on."""
_SUBSCRIBE = re.compile(r"^(?:subscribe|подпишитесь|оформите подписку)\b[^.!?]{0,40}[.!]?$",
                        re.IGNORECASE)
"""A call to subscribe after an appeal for money ("Support our journalism. Subscribe today.")."""
_BY_SUBSCRIBING = re.compile(r"^(?:by (?:subscribing|becoming a (?:subscriber|member|supporter))|"
                             r"(?:подписавшись|оформив подписку)),? (?:you|вы)\b[^.!?]{0,80}[.!]?$",
                             re.IGNORECASE)
"""What a subscription does for the outlet, as its pitch says ("By subscribing, you can help us
get the story right.", «Подписавшись, вы поддержите редакцию»)."""
_FUNDING = re.compile(
    r"\b(?:независим\w* благодаря|существу\w+ (?:только )?благодаря|работа\w* (?:только )?"
    r"благодаря (?:вам|читателям)|благодаря (?:вам|вашей поддержке|читателям)|"
    r"(?:\w+ )?пожертвовани\w+|донат\w*|ваша поддержка|independent thanks to|thanks to (?:you|"
    r"our readers|readers like you)|(?:funded|supported) by (?:our |its )?readers|reader-funded|"
    r"relies on (?:our |its )?readers|существу\w+ на (?:деньги|средства) читателей|"
    r"(?:every|any|your) (?:donation|contribution|gift|dollar|euro)|your support)\b",
    re.IGNORECASE)
"""What a donation promo says around its appeal: that the outlet lives on its readers'
money, that every gift counts."""
_MONEY = re.compile(r"поддерж|пожертв|донат|спонсор|меценат|support|donat|contribut|fund|patron|"
                    r"member|sponsor", re.IGNORECASE)
"""What an appeal for money names, and an appeal for anything else does not ("Help us find
the driver")."""


def promo_of(text: str) -> str | None:
    """What ``text`` is when it is a promo a pattern cannot say: an appeal for donations of a
    sentence or a few («"Новая газета" остается независимой благодаря вам. Поддержите нас —
    каждое пожертвование важно.», "Support independent journalism. Every contribution
    matters.") or the outlet's tagline that its readers pay for it, or a promo of another of the
    outlet's articles («Подробнее о «Панцирях» в Ливии — в материале «Ъ».», "Read more about the
    deal in our explainer"); None for text."""
    text = " ".join(text.split())
    if not text or _SPEECH.search(text):
        return None
    sentences = _SENTENCES.split(text)
    if len(sentences) > MOST_PROMO_SENTENCES or any(
            len(sentence.split()) > LONGEST_PROMO_SENTENCE for sentence in sentences):
        return None
    # a button, or a tagline ("Available for everyone, funded by readers"), which has no stop
    if _BUTTON.match(text) or (len(text.split()) <= MOST_TAGLINE_WORDS and _FUNDING.search(text)
                               and not text.endswith((".", "?", "…"))):
        return "appeal for support"
    if any(_APPEAL.match(s) for s in sentences) and _MONEY.search(text) and all(
            _APPEAL.match(s) or _FUNDING.search(s) or _SUBSCRIBE.match(s) for s in sentences):
        return "appeal for support"
    if len(sentences) == 2 and _SUBSCRIBE.match(sentences[1]) and len(sentences[1].split()) <= 3:
        return "appeal for support"  # what the outlet is, then "Subscribe today."
    if _BY_SUBSCRIBING.match(text):
        return "appeal for support"  # "By subscribing, you can help us get the story right."
    if len(sentences) == 1 and (_STORY_PROMO.match(text) or _READ_ALSO.match(text)):
        return "promo of another article"
    if (len(text.split()) <= MOST_APP_PROMO_WORDS and not text.endswith((".", "?", "…"))
            and _APP.search(text) and _STORE.search(text)):
        return "app promo"  # "Stay informed wherever you are with the Meduza app on iOS"
    return None


MOST_TAGLINE_WORDS = 8
"""Words of an outlet's tagline that it lives on its readers' money at most."""
MOST_APP_PROMO_WORDS = 16
_APP = re.compile(r"\b(?:app|apps|application|приложени\w*)\b", re.IGNORECASE)
_STORE = re.compile(r"\b(?:download|install|get|ios|iphone|android|app store|google play|"
                    r"скачай\w*|установи\w*|загрузи\w*|доступн\w+)\b", re.IGNORECASE)
"""An app's promo in other words: short, never a sentence (it ends with no stop, or with
"!"), naming the app and where to get it; a story's sentence about an app ends with its stop."""


_PIECE = (r"(?:материал\w*|стать\w*|текст\w*|интервью|обзор\w*|репортаж\w*|колонк\w*|разбор\w*|"
          r"карточк\w*|видео|подкаст\w*|спецпроект\w*|инфографик\w*|сюжет\w*|рубрик\w*|"
          r"галере\w*|explainer|story|article|report|analysis|piece|coverage|feature|interview|"
          r"guide|live ?blog|q&a|timeline|factbox|special report|in-depth|video|podcast)")
"""What another of the outlet's pieces is called in its promo."""
_WHOSE = (r"(?:\s+(?:«[^»]{1,40}»|\"[^\"]{1,40}\"|(?-i:[A-ZА-ЯЁ])[\w.&-]*(?:\s+(?-i:[A-ZА-ЯЁ])"
          r"[\w.&-]*)?|here|(?:on|at) (?:our|the) (?:site|website)|на (?:нашем )?сайте))?")
"""Whose the piece is, or where («Ъ», «РИА Новости», "here"), at most, after the piece: a promo
that goes on to name the piece by its title ("… в материале "Ъ" "Израиль ждет мести…"") cites
it, as a reference to a source does, and stays the story's."""
_STORY_PROMO = re.compile(
    rf"^(?:(?:подробнее|подробности|детали|больше подробностей|об этом)(?: читайте)?"
    rf"(?:\s+(?:о|об|обо|про)\s+{_TEXT}{{1,100}}?)?\s*(?:[—–-]\s*|:\s*)?(?:читайте\s+|"
    rf"смотрите\s+)?(?:в|во)\s+(?:нашем |наших |этом |большом |свежем |специальном |отдельном |"
    rf"новом |подробном )?{_PIECE}|(?:о том|почему|как|что)\b{_TEXT}{{3,120}}?,?\s+"
    rf"(?:читайте|смотрите|рассказываем|узнайте)\s+(?:в|во)\s+(?:\S+\s+)?{_PIECE}|"
    rf"(?:read|find out|learn|see|get)(?: more| all)?(?: (?:about|on)\s+{_TEXT}{{1,100}}?)?\s+"
    rf"(?:in|on|at|with)\s+our(?:\s+[\w'’-]+){{0,3}}\s+{_PIECE}|"
    rf"(?:for more(?: (?:on|about)\s+{_TEXT}{{1,80}}?)?,?\s+)?(?:read|see|watch|listen to|"
    rf"check out)\s+(?:our|the full)(?:\s+[\w'’-]+){{0,2}}\s+{_PIECE}\b"
    rf"(?:\s+(?:on|about|of)\b[^.!?\"«“]{{0,100}})?){_WHOSE}\s*[.!]?$",
    re.IGNORECASE)
"""A promo of another of the outlet's pieces: «Подробнее о … — в материале «Ъ».», «Подробности
— в нашем обзоре», «О том, почему …, читайте в материале …», "Read more about … in our
explainer", "Read our explainer on …". In English the piece is the outlet's own ("our"):
"Read more about the situation in the Kommersant report." points to a source of the story."""
_READ_ALSO = re.compile(r"^(?:читайте также|смотрите также|читайте по теме|по теме|read also|"
                        r"also read|see also|read more|more on this)\s*:\s+\S.{0,200}$",
                        re.IGNORECASE)
"""A link to another story after its label and a colon, full stop or none («Читайте также:
Путин провел парад ВМФ.»)."""
