"""A page's controls and counters, as live blogs, mobile pages, social networks and blogs (a
repost's credit, reads and claps), newsletters (their footer and feedback buttons), agencies'
promos, market-data footers and printed pages (a page's number) print them around a story: each
line known by its form, in both languages, and left out with the rest of
:mod:`~builder.ingest.furniture` (whose table takes :data:`PATTERNS`). Apart from them,
:func:`without_end_mark` takes an agency's end mark glued to the story's last sentence ("…
reservoir. Enditem", "… (END)"), which is no line of its own, and :func:`cut_control` a control
a narrow column cut over two lines ("Читать ria.ru в" / "Telegram"), neither of which is a
control alone, and :func:`in_a_row` controls a page glued on one line with single spaces ("Back
to top Close"), which no pattern can list.

Each is matched whole and is short, so a story's sentence that mentions a Telegram channel,
quotes "show more" or counts views never is one: what tells them apart is that a control has no
sentence around it, and a story's sentence has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from builder.ingest.draft import Dropped
from builder.ingest.layout import Line
from builder.ingest.promos import QUOTED

_COUNT = r"(?:\d{1,3}(?:[\s\u00a0]\d{3})+|\d+(?:[.,]\d+)?\s*(?:[KkКкMМ]|тыс\.?|млн\.?)?)"
"""A counter's number as pages print it ("14", "1.2K", "1,2 тыс.")."""
_SOCIAL_WORDS = (r"нравится|не нравится|поделиться|репост\w*|просмотр\w*|комментари\w*|"
                 r"ответить|показать список оценивших|оценили|лайк\w*|like[sd]?|comments?|"
                 r"shares?|views?|repl(?:y|ies)|retweets?|reposts?|reactions?|love|haha|wow|"
                 r"прочтени\w*|дочитывани\w*|reads|claps?|responses?")
_SOCIAL_PART = rf"(?:(?:{_SOCIAL_WORDS})(?:\s*:?\s*{_COUNT})?|{_COUNT}\s*(?:{_SOCIAL_WORDS}))"
_SOCIAL = rf"[👁❤♥💬🔁👍]?\s*{_SOCIAL_PART}(?:\s*[·•|,]?\s*[👁❤♥💬🔁👍]?\s*{_SOCIAL_PART})*"
"""Counters and buttons of a social post or a blog's, on one line or one a line ("Нравится 14
Поделиться 2 Показать список оценивших Просмотры 1.2K", "Like · Comment · Share", "1.2K views",
«1 234 прочтения», "56 claps")."""

_STOP = (r"unsubscribe(?: (?:from|here)(?: (?:this|our|the) (?:list|newsletter|mailing list|"
         r"e-?mails?))?)?|update (?:your )?(?:subscription |e-?mail )?preferences|manage (?:your )?"
         r"(?:subscription|preferences|e-?mail preferences)|отписаться(?: от (?:этой )?(?:рассылки|"
         r"писем))?|настроить рассылку|управл(?:ение|ять) подпиской")
"""A letter's links to leave its list or change what it sends ("Unsubscribe from this list")."""
PAGE_NUMBER = (r"^(?:[-–—]\s*)?(?:(?:page|p\.|стр\.?|страница|с\.)\s*)?\d{1,4}"
               r"(?:\s*(?:of|из|/)\s*\d{1,4})?(?:\s*[-–—])?$")
"""A printed page's number ("2", "1/2", "Page 2 of 3", «Страница 1 из 2»)."""
_PROMO_CHANNEL = (r"(?:telegram|телеграм|телеграмм)[- ]?канал\w*|канал\w* в (?:telegram|телеграм"
                  r"\w*)|(?:нашем|наш) (?:канале?|telegram|телеграме?)|дзен\w*|вконтакте|"
                  r"(?:our )?telegram(?: channel)?|(?:twitter|x|facebook|instagram|threads)")

FOOTER_LINK = (r"apps|newsletters?|advertise(?: with us)?|advertising(?: guidelines)?|ad choices|"
               r"cookies?(?: policy| settings| preferences)?|terms(?: of (?:use|service))?|"
               r"terms (?:&|and) conditions|privacy(?: policy| notice| settings)?|"
               r"(?:do not|don't) sell my (?:personal )?info(?:rmation)?|your privacy choices|"
               r"contact(?: us)?|about(?: us)?|careers|jobs|sitemap|site map|"
               r"accessibility(?: statement)?|help|feedback|corrections|"
               r"reprints(?: & permissions)?|"
               r"реклама(?: на сайте)?|рекламодателям|контакты|о (?:нас|проекте|компании|сайте)|"
               r"вакансии|политика (?:конфиденциальности|обработки персональных данных)|"
               r"карта сайта|пользовательское соглашение|правила (?:использования|сайта)|"
               r"правообладателям|редакция|rss")
"""A link of a site's footer ("Advertise with Us", «Политика конфиденциальности»): two or
more of them on one line, with or without bars between, are the footer's row of links; one a
line, a run of them under the story (:mod:`~builder.ingest.page_tail`)."""

_ITEM = r"[^\s/›>»|→]+(?:\s[^\s/›>»|→]+){0,3}"
"""An item of a breadcrumb line: a section's name, four words at most. (Items parted by bars
are a menu on one line, which :mod:`~builder.ingest.page_top` reads as a page's top.)"""

_HOME = r"home|main page|главная(?: страница)?|на главную"
"""A breadcrumb line's first item. Three items or more parted by slashes are a menu on one
line, which :mod:`~builder.ingest.page_top` reads as a page's top: here only "Home / News"."""

SECTIONS = (r"(?:latest |top |breaking |world |main )?news|latest|top stories|home|world|"
            r"politics|business|economy|markets?|finance|sports?|opinions?|culture|arts?|science|"
            r"tech(?:nology)?|health|society|lifestyle|travel|entertainment|video|videos|photos?|"
            r"live|more|regions?|главная|главное|новости|политика|экономика|бизнес|финансы|"
            r"общество|мир|в мире|спорт|культура|наука|технологии|здоровье|видео|фото|мнения|"
            r"происшествия|регионы|страна|ещё|еще")
"""The names of a news site's sections, as its menu, a rubric or a breadcrumb prints them
("News", "World", «Общество», «Мир»; "News / Governor", «Новости / Губернатор»: a headline
with a slash in it names no section first)."""

_BACK_HOME = (r"(?:back|go|return) to (?:the )?home(?: ?page)?|(?:go to )?(?:the )?home ?page|"
              r"(?:вернуться |перейти )?на главную(?: страницу)?|(?:logo|логотип)")
"""A logo's link to the site's front page with no name ("Go to homepage", «На главную»); one
with the site's name ("Sky News - back to home") is the site's name, which
:mod:`~builder.ingest.page_top` reads."""

_SEARCH_THINGS = (r"quotes|news|videos?|articles|stories|topics|people|companies|keywords?|"
                  r"tickers?|symbols?|archives?|the (?:site|website|archive)|site|website|"
                  r"новости|новостей|статьи|статей|видео|материалы|материалов|котировки|"
                  r"по сайту|на сайте|в архиве|по архиву")
_SEARCH = (rf"(?:search|поиск|найти|искать)(?:\s+(?:for\s+)?(?:{_SEARCH_THINGS})"
           rf"(?:\s*(?:,|&|and|or|и|или)\s*(?:{_SEARCH_THINGS}))*)?|"
           r"type (?:here )?to search|enter (?:a )?search term|what are you looking for\?|"
           r"введите (?:поисковый )?запрос|что вы ищете\?|поиск\.{3}|search\.{3}|"
           r"(?:search|поиск(?: по)?)\s+(?-i:[A-ZА-ЯЁ])[\w.&-]*(?=\s*(?:…|\.{3})$)")
"""A search box's placeholder ("Search quotes, news & videos", «Поиск по сайту», "Search
CNN..."): "Search for missing climbers resumes" is a headline, not one."""

_RELATIVE_LABEL = r"updated|last updated|published|posted|обновлено|опубликовано|изменено"
_RELATIVE_COUNT = (r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|"
                   r"несколько|полчаса|пару")
_UNITS = (r"s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|"
          r"сек(?:\.|унд[уы]?)?|мин(?:\.|ут[уы]?)?|ч\.?|час(?:а|ов)?|д(?:ень|ня|ней)|"
          r"недел[юиь]|месяц(?:а|ев)?")
"""A relative time as pages print it under their date line ("Updated 2 hours ago", "5 min ago",
«обновлено 5 минут назад»): when the page was shown, not when the story was published."""

_QUOTE_NAME = r"(?-i:[A-ZА-ЯЁ])[\w&./-]*(?:\s+[\w&./-]+){0,2}"
_QUOTE_CHANGE = (r"(?:\s+[+\-−–]\s?\d[\d,.]*%?|\s*\(\s*[+\-−–]?\d[\d,.]*\s*%?\s*\)|"
                 r"\s+\d[\d,.]*\s*%|\s*[▲▼△▽↑↓⬆⬇])")
_QUOTE = (rf"{_QUOTE_NAME}\s+\d{{1,3}}(?:[ ,.\u00a0]?\d{{3}})*[.,]\d+{_QUOTE_CHANGE}+")
"""A market ticker's quote: a name or symbol of a word or three, a value with its decimals and
how it changed, signed or by an arrow ("DJIA 26,469.89 +0.68%", "USD/RUB 73.45 ▲", «Нефть
Brent 43,20 +0,5%»): no story's sentence is a name and figures only."""

_READ_ON = (r"(?:(?:the |this )?(?:story|article|text|content) continues (?:below|after (?:this |"
            r"the )?(?:advertisement|ad))(?: (?:this |the )?(?:advertisement|ad))?|continue reading"
            r"(?: (?:the main story|below|after (?:the )?(?:advertisement|ad)))?|scroll (?:down )?"
            r"to continue(?: reading)?|(?:статья|материал|текст|новость) продолжается (?:ниже|"
            r"после рекламы)|продолжение (?:(?:статьи|материала|текста|новости|истории) )?(?:ниже|"
            r"под рекламой|после рекламы)|читайте (?:далее|дальше) (?:ниже|после рекламы))")
"""What a page prints where an advertisement cuts the story, alone or after its label ("Story
continues below advertisement", "Advertisement - Scroll to continue", «Продолжение ниже»)."""

RELATIVE_TIME = (rf"^(?:(?:{_RELATIVE_LABEL})\s*:?\s*)?(?:(?:(?:{_RELATIVE_COUNT})\s*)?"
                 rf"(?:{_UNITS})\s+(?:ago|назад)|just now|только что|(?:yesterday|today|вчера|"
                 rf"сегодня),?\s+(?:(?:at|в)\s+)?\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?"
                 rf"(?:\s+(?:[a-z]{{1,4}}t|msk|мск)(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?)?)\.?$")
"""A relative time alone on its line ("Updated 2 hours ago", «вчера в 14:05», «Сегодня,
13:45», "Today 07:40 am JST")."""

LINKED = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*<?https?://\S+?>?$")
"""A control with the link it leads to, printed as a letter prints it ("View online: https://…",
«Отписаться: https://rg.ru/subscribe/off/»): what the label alone is."""

PATTERNS: tuple[tuple[str, str], ...] = (
    ("live blog controls", r"^(?:show (?:key events|all updates|more updates|more|newer|older)"
                           r"(?: only)?|key events|load (?:more|newer|older)(?: updates| posts)?|"
                           r"please turn on javascript to use this feature|"
                           r"turn on javascript\b.{0,60}|(?:обновить|обновлять) ленту|"
                           r"показать (?:ещё|еще|больше|все|новые)(?: (?:записи|новости|"
                           r"сообщения|комментарии))?|загрузить (?:ещё|еще)|"
                           r"(?:live|в эфире|онлайн)(?: updates| трансляция)?|"
                           r"auto-?update\s*(?:on|off)?|автообновление)\s*[.:]?$"),
    ("mobile version link", r"^(?:читать в полной версии|(?:перейти к |открыть |читать )?"
                            r"(?:полн|мобильн)ую версию(?: сайта)?|"
                            r"(?:полная|мобильная) версия(?: сайта)?|"
                            r"(?:view|read) (?:the )?(?:full|desktop|mobile) (?:version|site)|"
                            r"switch to (?:the )?(?:desktop|mobile|full)(?: version| site)?|"
                            r"(?:desktop|mobile|full) (?:version|site))\s*[.»]?$"),
    ("source credit", r"^(?:source|источник)\s*:\s*[^.!?\d|]{3,80}$"),  # a press service
    ("clipping's source", r"^(?:pasted from|вставлено из)\s*<?https?://\S+>?$"),  # OneNote
    ("link to the news list", r"^(?:все новости|все материалы|лента новостей|(?:вернуться )?к "
                              r"списку новостей|архив новостей|all news|all stories|more news|"
                              r"news archive|back to (?:all )?news)\s*[»→>]?$"),
    ("agency's promo", rf"^(?:[^.!?]{{0,80}}(?:\s[—–-]|[?!:])\s+)?(?:объясняем|рассказываем|разбираемся|"
                       rf"читайте|читать|следите|подписывайтесь|больше (?:новостей|подробностей)|"
                       rf"(?:все|главные) новости|(?:ещё|еще) больше|explained|follow|join|"
                       rf"read (?:more|us)|get (?:the )?(?:latest|news))\b[^.!?]{{0,80}}\b"
                       rf"(?:в|во|на|on|in|at)\s+(?:{_PROMO_CHANNEL})\b[^.!?]{{0,60}}[.!]?$"),
    ("market data", r"^(?:(?:all )?quotes (?:are )?delayed (?:by )?(?:a minimum of|at least) \d+ "
                    r"minutes|see here for a complete list of exchanges and delays|"
                    r"market data (?:provided|powered) by\b[^.]{0,60}|"
                    r"data is a real-time snapshot|\*?data is delayed at least \d+ minutes|"
                    r"(?:котировки|данные) (?:приводятся )?с задержкой (?:не менее |на )?\d+ "
                    r"минут\w*)(?:[.*]\s*(?:(?:all )?quotes (?:are )?delayed (?:by )?(?:a minimum "
                    r"of|at least) \d+ minutes|see here for a complete list of exchanges and "
                    r"delays|\*?data is delayed at least \d+ minutes|market data (?:provided|"
                    r"powered) by\b[^.]{0,60}))*\.?$"),
    ("advertisement", rf"^(?:(?:advertisement|advertising|реклама)\s*[-–—:.]?\s*)?{_READ_ON}$"),
    ("market data", rf"^{_QUOTE}(?:\s*[|·•]?\s+{_QUOTE})*$"),
    ("age banner", r"^(?:this (?:article|story|content|page) is (?:more|over) than (?:\d+|a|an|"
                   r"one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|months?) old|"
                   r"(?:эт(?:ой|ому) (?:статье|материалу|новости|публикации)|(?:статье|материалу|"
                   r"новости|публикации)) (?:больше|более)(?: чем)? (?:\d+|года|год|месяца) ?"
                   r"(?:лет|года?|месяц\w*)?)\.?$"),
    ("accessible version link", r"^(?:(?:версия|режим) (?:сайта )?для слабовидящих|"
                                r"(?:обычная|стандартная) версия(?: сайта)?|"
                                r"(?:version|site) for (?:the )?(?:visually impaired|blind)|"
                                r"(?:accessible|high[ -]contrast|low[ -]vision) version"
                                r"(?: of (?:the|this) (?:site|page))?|accessibility)\s*[.»]?$"),
    ("skip link", r"^(?:skip (?:links|navigation|to (?:the )?(?:main |page )?(?:content|"
                  r"navigation|search|menu|footer|main))|jump to (?:main )?(?:content|navigation)|"
                  r"accessibility (?:links|menu|options|help)|keyboard shortcuts(?: for [\w ]{1,30})?|"
                  r"(?:(?:перейти|вернуться) к|к|пропустить) (?:основному )?(?:содержани\w*|"
                  r"контенту|навигаци\w*|меню|поиску))\s*[.»]?$"),
    ("page controls", r"^(?:(?:(?:open|close|toggle|main|site|show|hide) )?(?:navigation menu|"
                      r"navigation|menu|search)|(?:главное |открыть |закрыть )?(?:меню|навигация|"
                      r"поиск(?: по сайту)?))$"),
    ("page controls", r"^(?:[^.!?]{1,40}\s)?(?:(?:expand|collapse|toggle)(?:\s*/\s*(?:expand|"
                      r"collapse))?\s+(?:sub-?menu|menu|navigation)(?:\s+for\s+[^.!?]{1,40})?|"
                      r"(?:развернуть|свернуть)(?:\s*/\s*(?:развернуть|свернуть))?\s+(?:подменю|"
                      r"меню|раздел)(?:\s+[^.!?]{1,40})?)$"),  # "Culture Expand/collapse submenu"
    ("page controls", r"^(?:(?:switch to (?:the )?)?(?:international|global|uk|us|u\.s\.|europe|"
                      r"asia|africa|australia|canada|india)(?:n)? edition|edition\s*:\s*\w+(?: \w+)?"
                      r"|(?:международная|российская|русская) версия)$"),  # an edition's switch
    ("relative time", RELATIVE_TIME),
    ("subscription consent", r"^(?:by (?:signing up|subscribing|registering|clicking\b[^,]{0,40}|"
                             r"entering your e-?mail[^,]{0,20}),? you (?:agree|accept|consent|"
                             r"acknowledge)|(?:нажимая (?:на )?кнопку\b[^,]{0,40}|подписываясь"
                             r"(?: на рассылку)?|регистрируясь|оставляя (?:свой )?(?:e-?mail|адрес)"
                             r"[^,]{0,20}),? вы (?:соглашаетесь|принимаете|подтверждаете|"
                             r"даете согласие|даёте согласие))\b.{0,200}$"),
    ("subscribe call", r"^(?:подписаться|подписаться на (?:рассылку|канал|блог|автора)|подписка на "
                       r"рассылку|subscribe now|join now|get the newsletter|(?:мы|наш\w*|следите "
                       r"за нами) (?:в|во) (?:соц(?:иальных )?сетях|соцсетях|telegram|телеграм\w*|"
                       r"vk|вконтакте|дзен\w*|youtube)|(?:find|join) us on(?: social media)?)"
                       r"\s*[!.:]?$"),
    ("letter's controls", rf"^(?!{QUOTED})(?:view (?:this email |it )?(?:in (?:your )?browser|"
                          rf"online)|(?:если|в случае если) письмо (?:отображается|не отображается)\b.{{0,80}}|"
                          rf"(?:открыть|откройте) (?:веб-версию|в браузере)|(?:читать|открыть) "
                          rf"(?:на сайте|в браузере|онлайн)|read (?:it |this )?(?:online|on (?:the|"
                          rf"our) (?:web)?site)|forward (?:this (?:e-?mail )?)?to a friend|"
                          rf"переслать другу|(?:more|less) like this|(?:you can )?(?:{_STOP})"
                          rf"(?:\s*(?:[|·•]|or|или)\s*(?:{_STOP}))*\.?|want to change how you "
                          rf"receive these e-?mails\?|our mailing address is:?|add us to your "
                          rf"address book|(?:если вы не хотите получать|чтобы отписаться(?: от)?|вы"
                          rf" подписаны на) (?:(?:эт|наш)\w+ )?(?:рассылк|письм)\w*(?:,\s*(?:"
                          rf"перейдите|нажмите|кликните|отпишитесь)\b[^.?!]{{0,80}}|[^.?!,]{{0,60}})"
                          rf"[.!]?|"
                          rf"(?:you are|you're|you) (?:receiving|received|get(?:ting)?)"
                          rf" this (?:e-?mail|newsletter|message)?\s*because\b[^?]{{0,150}}|вы "
                          rf"(?:получили|получаете) (?:это |эту )?(?:письмо|рассылку|сообщение)\b"
                          rf"[^?]{{0,150}})$"),
    ("repost credit", r"^(?:перепост из|репост из|оригинал взят у|originally posted by|"
                      r"reposted from)\b.{0,120}$"),
    ("tags", r"^записи из этого журнала по тегу\b.{0,60}$"),  # a blog's tag under the post
    ("tags", r"^(?:regions?|sections?|categor(?:y|ies)|рубрик[аи]|регион(?:ы)?|раздел|категори[яи])"
             r"\s*:\s*[^.!?]{2,60}$"),  # "Regions: Murmansk Oblast", «Рубрика: Общество»
    ("syndication disclaimer", r"^(?:disclaimer\s*:?(?:\s.{0,200}\b(?:syndicated|auto-?generated"
                               r"|not (?:been )?edited|unedited)\b.{0,200})?|\(?(?:this story|"
                               r"this article)\b.{0,80}\b(?:auto-?generated|syndicated feed|not "
                               r"been edited by)\b.{0,160})$"),  # Indian sites' wire stories
    ("page controls", r"^(?:member-only story|see more)$"),
    ("comments", r"^(?:показать (?:следующие|предыдущие|ещё|еще|все)(?: \d+)? комментари\w*|"
                 r"(?:show|load|view) (?:more|previous|next|all)(?: \d+)? (?:comments|replies))$"),
    ("HTML comment", r"^<!--.*-->$"),  # a saved page's or an exported post's, never shown
    ("audio player", r"^(?:text to speech|озвучить(?: текст)?|прослушать статью)$"),
    ("breadcrumbs", rf"^(?:{_HOME})(?:\s*/\s*{_ITEM}|(?:\s*[›>»→]\s*{_ITEM}){{1,6}})$|"
                    rf"^{_ITEM}(?:\s*[›>→]\s*{_ITEM}){{1,6}}$|"
                    rf"^(?:{SECTIONS})\s+(?:/|\|(?!.*\d))\s+{_ITEM}$"),
    ("logo link", rf"^(?:{_BACK_HOME})\s*[.»]?$"),
    ("search box", rf"^(?:{_SEARCH})\s*(?:…|\.{{3}})?$"),
    ("subscribe call", r"^[^.!?]{2,60}[.!]\s+(?:subscribe(?: now)?|sign in|sign up|"
                       r"подписаться|подпишитесь|войти)\s*[.!]?$"),
    ("share buttons", r"^(?:ссылка скопирована|link copied(?: to clipboard)?|"
                      r"скопировать ссылку|copy link|(?:click (?:here )?to )?share (?:on|via|to) "
                      r"social media|(?:нажмите, чтобы )?поделиться в соц(?:иальных )?сетях)"
                      r"\s*[.!]?$"),
    ("links to the site's sections", rf"^(?:{FOOTER_LINK})(?:\s*[|·•,]?\s*(?:{FOOTER_LINK}))+$"),
    ("counter", rf"^{_SOCIAL}$"),
    ("counter", r"^(?:👁|👀|views?:?|просмотр\w*:?)?\s*(?!(?:19|20)\d\d$)\d{4,9}$"),
    ("counter", rf"^(?:👁|👀)\s*{_COUNT}$"),  # a post's views under it: "👁 1.2K", "👀 512"
    ("page number", rf"(?!\d+$){PAGE_NUMBER}"),  # a bare number is a counter
    ("counter", r"^(?:👏\s*)?\d+(?:[.,]\d+)?\s*[KkКкMМ]$"),  # a blog's claps, counted: "1.2K"
)
"""The lines, each with what it is: a live blog's controls ("Show key events only", «Обновить
ленту», «Показать ещё»); a link to the page's other version («Читать в полной версии», "Switch
to desktop"); an agency's promo of its channels ("Почему это интересно — объясняем в
Telegram-канале Интерфакса", "Follow us on Telegram"); a market-data footer ("All quotes delayed
a minimum of 15 minutes") and a ticker's quotes ("DJIA 26,469.89 +0.68%", «USD/RUB 73,45 ▲»); a
banner on an old article ("This article is more than 6 years old", «Этой статье больше 5 лет»);
a breadcrumb line ("Home / Press service / News", «Главная › Новости»); a social post's counters
and buttons; a view count alone ("12340", "👁 12340", never a year); a newsletter's controls and
footer ("View in browser", "Unsubscribe from this list", "More like this", «Вы получили это
письмо, потому что…»); a blog's repost credit («Оригинал взят у …», "Originally posted by …")
and its comment controls; an HTML comment ("<!--more-->"), which no page shows; a printed page's
number ("1/2", «Страница 1 из 2»). Over the headline: the skip line at a page's very top ("Skip
links", «Перейти к содержанию»), the link to the site's version for the visually impaired
(«Версия для слабовидящих») and its menu's controls ("Navigation menu", "Search", «Меню»); and a
sign-up box's consent line ("By signing up, you agree to our Privacy Policy", «Нажимая кнопку,
вы соглашаетесь…») and button («Подписаться»), whose name and pitch
:mod:`~builder.ingest.signup` finds around them. By the date line, a relative time on a line of
its own ("Updated 3 hours ago", «3 часа назад»): when the page was shown, not when the story was
published."""

_END_MARK = re.compile(r"(?<=[.!?…\"»”)])\s+(?P<mark>enditem|end item|\((?:end|ends|конец|"
                       r"окончание)\)|\[end\]|-30-|###|==\s*[\w.-]{2,20}|/\s*ends?|[-—–]0[-—–]|"
                       r"(?-i:[a-zа-яё]{1,4}(?:/[a-zа-яё]{1,4})+)\s*\((?-i:[A-ZА-ЯЁ][\w.&-]*|dpa)"
                       r"(?:\s*(?:,|/|and|и)\s*(?-i:[A-ZА-ЯЁ][\w.&-]*|dpa)){0,4}\)|"
                       r"\((?-i:[A-Z])[\w.&-]{1,15}(?:/(?-i:[A-Z])[\w.&-]{1,15})+\))\s*$",
                       re.IGNORECASE)


def without_end_mark(line: str) -> tuple[str, str]:
    """``line`` without the agency's end mark glued to its last sentence ("… reservoir.
    Enditem" -> "… reservoir.", "… relations. ==Kyodo", "… talks. /ENDS", the editors'
    initials over the agencies, "… products. dr/rt (Reuters, AP)", the agencies a wire passed
    through, "… waters. (ANI/Sputnik)"), and the mark ("" when there is none)."""
    found = _END_MARK.search(line)
    if found is None or not line[:found.start()].strip():
        return line, ""
    return line[:found.start()].rstrip(), found["mark"]


_HANGING = re.compile(r"(?:^|\s)(?:в|во|на|и|от|on|in|at|to|via|and|of|the|our|from|with)$",
                      re.IGNORECASE)
"""A word no line ends with unless the page cut it there: a preposition, a conjunction."""
_GOING_ON = re.compile(r"^(?:в|во|на|on|in|at|via)\s", re.IGNORECASE)
"""A preposition opening the second line of a control cut before it ("в Telegram")."""
MOST_CUT_WORDS = 3
"""Words of a control's second line at most ("Telegram", "Google News")."""
LONGEST_CUT = 80
"""Characters of a control cut over two lines at most."""
_SENTENCE_END = re.compile(r"[.!?…;:][\"'»”’)\]]*$")


def cut_control(text: str, after: str, furniture: Callable[[str], str | None]) -> str | None:
    """What the two lines ``text`` and ``after`` are when they are one control cut in two, as a
    narrow column prints it ("Читать ria.ru в" / "Telegram", "Follow us on" / "Google News"),
    told by ``furniture`` of the two joined: one line ends in a preposition or the other opens
    with one, the second is a word or a few, and neither ends a sentence ("Read also" / "A
    Russian record" is a sidebar's title and its first headline)."""
    text, after = text.strip(), after.strip()
    if (not after or len(after.split()) > MOST_CUT_WORDS or _SENTENCE_END.search(text)
            or _SENTENCE_END.search(after) or len(text) + len(after) > LONGEST_CUT):
        return None
    if not (_HANGING.search(text) or _GOING_ON.match(after)):
        return None
    return furniture(f"{text} {after}")


MOST_ROW_WORDS = 8
"""Words of a row of controls parted by single spaces at most ("Back to top Close")."""


def in_a_row(text: str, control: Callable[[str], str | None]) -> str | None:
    """What ``text`` is when it is controls glued with single spaces, as a page's buttons copy
    ("Back to top Close", «Наверх Закрыть», "Reply Like 4"): every run of its words, from the
    first, a control as ``control`` tells them; the first one's name. A line that ends a
    sentence is never one."""
    words = text.split()
    if not 1 < len(words) <= MOST_ROW_WORDS or _SENTENCE_END.search(text):
        return None

    def row_from(start: int) -> str | None:
        for end in range(len(words), start, -1):
            if (found := control(" ".join(words[start:end]))) and (
                    end == len(words) or row_from(end)):
                return found
        return None

    return row_from(0)


def without_cut_controls(lines: Sequence[Line], furniture: Callable[[str], str | None]
                         ) -> tuple[list[Line], list[Dropped]]:
    """``lines`` without the controls cut over two lines (:func:`cut_control`), and those lines,
    both named as the control they make; the blank lines after one part what is around it."""
    kept: list[Line] = []
    dropped: list[Dropped] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 1] if index + 1 < len(lines) and not line.blanks_after else None
        reason = cut_control(line.text, after.text, furniture) if after is not None else None
        if after is None or reason is None:
            kept.append(line)
            index += 1
            continue
        dropped += [Dropped(line.number, line.text, reason), Dropped(after.number, after.text,
                                                                     reason)]
        if kept and after.blanks_after:
            kept[-1] = Line(kept[-1].text, kept[-1].number,
                            max(kept[-1].blanks_after, after.blanks_after))
        index += 2
    return kept, dropped
