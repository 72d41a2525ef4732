from search.text import expand, index_text, parse_synonym_lines, query_terms


def test_everyday_questions_keep_their_topic_words():
    assert query_terms("孩子不想上学怎么办") == ["不想", "上学", "不想上学"]
    assert query_terms("挑食怎么办？") == ["挑食"]
    assert query_terms("怎么办") == ["怎么", "怎么办"]  # only stop words: keep them


def test_family_education_terms_are_whole_words():
    words = index_text("家校共育与研学实践，培养心理韧性").split()
    for term in ("家校共育", "研学实践", "心理韧性"):
        assert term in words


def test_full_width_and_case_are_normalised():
    assert query_terms("ＡＢＣ 手机") == ["abc", "手机"]


def test_hostile_text_becomes_plain_words():
    terms = query_terms('"; DROP TABLE x; -- a:b/c (d) OR 1=1 😀 \\ *')
    assert all(term.isalnum() for term in terms)
    assert query_terms("长" * 10000) == query_terms("长" * 100)


def test_synonym_expansion_keeps_the_term_first():
    groups = parse_synonym_lines("挑食，偏食、饮食习惯\n# a comment\n单独")
    assert groups == [("挑食", "偏食", "饮食习惯")]
    assert expand(["挑食", "手机"], groups) == ["挑食", "偏食", "饮食习惯", "手机"]
