"""What pages print after a story, and among its paragraphs, in the shapes an outside trial on
sources the project had never seen found kept in the body: a copyright line with what it says
of the rights, a footer's row of links one a line, an advertisement's label in other words, a
market ticker, controls glued on one line, readers' comments in other layouts, widgets of other
headlines under titles no list knows, appeals for support in other wordings.

Every source is a real story of the shared corpus, in both languages, dressed as a page (see
:func:`tests.test_ingest_story_furniture.page`), the furniture parted from the story by a blank
line or glued to it. The story must come out whole, the furniture not at all; and a story's
sentence that only looks like furniture (one about copyright, advertising, Reuters, a reply)
must stay.
"""

from __future__ import annotations

import pytest

from builder.ingest.layout import ends_sentence
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus, page


def _headlines(lang: str) -> list[str]:
    """Three other stories' headlines of the corpus, as a widget lists them."""
    return [headline for headline, _ in corpus_stories(lang, 12)[4:]
            if not ends_sentence(headline)][:3]


def _assert_left_out(lang: str, below: str = "", between: str = "") -> None:
    for index in range(4):
        glued = index % 2 == 1 and bool(below)
        draft, paragraphs = page(lang, index, below=below, between=between, glued=glued)
        assert body_of(draft) == paragraphs, (below or between, index)
        if below:
            related = {item.title for item in draft.related}
            assert not {line for line in below.split("\n") if line} & set(body_of(draft))
            assert all(line in related or line in [d.text for d in draft.dropped]
                       for line in below.split("\n") if line), below


def _assert_kept(lang: str, sentence: str) -> None:
    for where in ("between", "below"):
        draft, paragraphs = page(lang, 2, **{where: sentence})
        expected = ([paragraphs[0], sentence, *paragraphs[1:]] if where == "between"
                    else [*paragraphs, sentence])
        assert body_of(draft) == expected, (where, sentence)


COPYRIGHT = {
    "en": ["© 2020 Bloomberg L.P. All rights reserved", "© Reuters",
           "Copyright 2020 The Associated Press. All rights reserved. This material may not be "
           "published, broadcast, rewritten or redistributed.", "All rights reserved.",
           "© Bloomberg L.P. All rights reserved. Reproduction without permission prohibited."],
    "ru": ["© 2020 Фонтанка.ру", "Все права защищены. При цитировании ссылка обязательна",
           "© Коммерсантъ, 1991–2020", "© РИА Новости. Все права защищены",
           "Перепечатка материалов без согласия редакции запрещена."],
}
COPYRIGHT_STORY = {
    "en": ["Copyright infringement cases rose by 20% last year, the court said.",
           "© is the copyright sign.", "All rights reserved, the company said of its logo.",
           "Copyright Office officials said the fee would rise."],
    "ru": ["Все права защищены законом, заявил министр.",
           "Авторское право на песню принадлежит ее автору.",
           "© — знак охраны авторского права, пояснил юрист."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_copyright_line_and_what_it_says_of_the_rights_are_left_out(lang):
    for line in COPYRIGHT[lang]:
        _assert_left_out(lang, below=line)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_about_copyright_stays(lang):
    for sentence in COPYRIGHT_STORY[lang]:
        _assert_kept(lang, sentence)
