"""Real news text dressed as pages of blogs, columns and regional sites, copied whole from a
browser: what the agency pages of :mod:`tests.dressed_sources` do not show.

Every story of the shared corpus, in both languages, under the banner of a site no list knows
(its name alone over its menu or slogan, or with its tagline on one line: "Calcio Corner — a
blog about Italian football"), perhaps a rubric; the headline; a date line (a blog's "Posted by …
on …" among them); perhaps the column's author with a role, a photo's caption with its credit on
one line, a video's label; the story; and under it what such pages print, glued to the story's
last paragraph or parted from it by a blank line: tags with no label (on one line, or one a
line), a "See also" and another story's headline, an author's box with a bio, likes and comments
and a subscribe box on one line, an editor's initials over the footer's menu, the author's
signature. The kinds are taken in turn, so that each comes with many stories and layouts.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tests.dressed_sources import (
    EN_MONTHS,
    MENUS,
    Dressed,
    Story,
    _headline_shaped,
    _stamp,
    stories,
)

BLOGS = {
    # language -> (the banner's lines, the outlet key its name gives)
    "en": [(["Calcio Corner — a blog about Italian football"], "calcio-corner"),
           (["Irkutsk Region News", "Politics Society Economy Sport Culture"],
            "irkutsk-region-news"),
           (["Baltic Notes: independent news from the Baltics", "News  Politics  Culture  Opinion"],
            "baltic-notes"),
           (["Russia in Translation", "Home   About   Archive   Subscribe"],
            "russia-in-translation"),
           (["ERR News", "News | Politics | Economy | Culture | Sports"], "err-news"),
           (["The Moscow Times — independent news from Russia"], "moscowtimes")],
    "ru": [(["Тюмень сегодня", "Новости Тюмени и Тюменской области",
             "Новости | Общество | Город | Происшествия"], "tyumen-segodnya"),
           (["Новости ERR", "Эстония  Экономика  Мир  Культура  Спорт"], "novosti-err"),
           (["Северный блог — блог о жизни Заполярья"], "severny-blog"),
           (["Советский спорт", "Футбол  Хоккей  Бокс/ММА  Теннис  Биатлон"], "sovetsky-sport"),
           (["Новые Известия", "Политика  Общество  Экономика  В мире  Мнения"],
            "novye-izvestiya"),
           (["Фонтанка.ру — городской портал о Петербурге"], "fontanka")],
}
AUTHORS = {"en": ["Laura Kim, film critic", "Ivan Petrov, political analyst",
                  "Anna Smith, a special correspondent"],
           "ru": ["Андрей Десницкий, писатель", "Мария Иванова, специальный корреспондент",
                  "Олег Сидоров, обозреватель «Новых Известий»"]}
CAPTIONS = {"en": ["The city centre on Sunday. Sergei Kiselev / Moskva News Agency",
                   "The building of the ministry. Source: Anne Pein / ERR",
                   "The square before the parade. Credit: John Smith / Getty Images"],
            "ru": ["Здание министерства. Автор: Аннэ Пейн / ERR",
                   "Площадь перед парадом. Сергей Киселев / Агентство «Москва»",
                   "Центр города в воскресенье. Источник: Мария Иванова / ТАСС"]}
VIDEOS = {"en": ["Video: CNN", "Video: Reuters TV"], "ru": ["Видео: Россия 24", "Видео: YouTube"]}
TAGS = {"en": ["Documentary", "Film", "Civil Rights", "Football", "Serie A", "Politics"],
        "ru": ["Политика", "Общество", "Россия", "Экономика", "Происшествия", "Спорт", "Москва"]}
SEE_ALSO = {"en": ["See also", "Read also"], "ru": ["Смотрите также", "Читайте также"]}


def dress_blog_pages_all(corpus: Path, seed: int = 2023) -> list[Dressed]:
    """Every story of the corpus as a blog's, a column's or a regional site's page."""
    chance = random.Random(seed)
    dressed = []
    for lang in ("en", "ru"):
        told = stories(corpus, lang)
        others = [s for s in told if _headline_shaped(s)]
        for index, story in enumerate(told):
            other = chance.choice([s for s in others if s is not story])
            dressed.append(_blog_page(story, other, index, chance))
    return dressed


def _posted(date: dt.date, hour: int, minute: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(date.day, "th")
    return (f"Posted by marco_b on {EN_MONTHS[date.month - 1]} {date.day}{suffix}, {date.year} "
            f"at {hour % 12 or 12}:{minute:02d} {'pm' if hour >= 12 else 'am'}")


def _tail(kind: int, lang: str, banner: str, other: Story, chance: random.Random
          ) -> tuple[list[str], list[str]]:
    """What the page prints under the story, one line each, and the headlines it links to."""
    if kind == 1:
        tags = chance.sample(TAGS[lang], 3)
        return ([" ".join(tags)] if lang == "ru" else tags) + [
            chance.choice(SEE_ALSO[lang]), other.title], [other.title]
    if kind == 2:
        return (["Written by Laura Kim", "1.2K Followers", "Film critic. Writes about "
                 "documentaries.", "More from Laura Kim", "Help  Status  About  Careers  Blog  "
                 "Privacy  Terms"] if lang == "en" else
                ["Автор: Мария Иванова", "312 подписчиков", "Журналист, пишет о науке."]), []
    if kind == 3:
        return (["♥ 23 likes   💬 5 comments", f"Subscribe to {banner}", "Type your email… "
                 "Subscribe", "« Previous post   Next post »"] if lang == "en" else
                ["♥ 12   💬 3 комментария", "Введите ваш e-mail   Подписаться",
                 "« Предыдущая запись   Следующая запись »"]), []
    if kind == 4:
        return (["ip", "About | Contacts | Jobs | Terms of use"] if lang == "en" else
                ["ЕП", "О нас | Контакты | Вакансии | Правила"]), []
    if kind == 5:
        return ([AUTHORS[lang][0], "Originally published in Russian by Novye Izvestia. "
                 "Translated by our volunteers."] if lang == "en" else
                [AUTHORS[lang][0], "Перевод: Анна Смит"]), []
    return [], []


def _blog_page(story: Story, other: Story, index: int, chance: random.Random) -> Dressed:
    lang = story.lang
    banner, outlet = BLOGS[lang][index % len(BLOGS[lang])]
    date = dt.date(chance.randint(2014, 2021), chance.randint(1, 12), chance.randint(1, 28))
    hour, minute = chance.randint(6, 22), chance.randint(0, 59)
    paragraphs = [" ".join(p) for p in story.paragraphs]
    top = [*banner, *([chance.choice(MENUS[lang][:8])] if index % 3 == 1 else [])]
    stamp = (_posted(date, hour, minute) if lang == "en" and index % 2
             else _stamp(lang, date, index // 2, hour, minute))
    head = [stamp, *([chance.choice(AUTHORS[lang])] if index % 4 in (1, 2) else []),
            *([chance.choice(CAPTIONS[lang])] if index % 5 in (0, 3) else []),
            *([chance.choice(VIDEOS[lang])] if index % 7 == 2 else [])]
    name = banner[0].split(" — ")[0].split(": ")[0]
    tail, related = _tail(index % 6, lang, name, other, chance)
    glued_tail = index // 6 % 2 == 1  # under the last paragraph with no blank line between
    if index % 2:  # each part of the head parted by a blank line, as a browser copies many pages
        text = "\n\n".join(["\n".join(top), story.title, *head, *paragraphs])
    else:
        text = "\n".join([*top, story.title, *head, paragraphs[0]]) + "".join(
            f"\n\n{paragraph}" for paragraph in paragraphs[1:])
    if tail:
        text += ("\n" if glued_tail else "\n\n") + "\n".join(tail)
    return Dressed(
        name=f"{story.name}.blog.txt", text=text + "\n", lang=lang, title=story.title, date=date,
        outlet=outlet, place="", lede="", paragraphs=tuple(paragraphs),
        related=tuple((title, "") for title in related),
        summary_start=" ".join(story.paragraphs[0][0].split()[:4]),
        kind=f"blog/{outlet}/head={len(head)}/tail={index % 6}/glued={glued_tail}/"
             f"parted={bool(index % 2)}")
