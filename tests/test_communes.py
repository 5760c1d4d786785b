"""Matching typed commune names against the official list (Đồng Nai, 95 communes)."""

from __future__ import annotations

import time
import tracemalloc
import unicodedata

import pytest

from bot.services.communes import CommuneDirectory
from bot.services.divisions import country

LOC_THANH, LOC_THANH_A, LOC_TAN, DAK_O = 25294, 25280, 25279, 25225


@pytest.fixture(scope="module")
def directory() -> CommuneDirectory:
    return CommuneDirectory("Đồng Nai")


def test_province_has_95_communes(directory: CommuneDirectory) -> None:
    communes = directory.all()
    assert len(communes) == 95
    assert {c.kind for c in communes} == {"xã", "phường"}
    dak_o = directory.by_code(DAK_O)
    assert dak_o is not None
    assert (dak_o.name, dak_o.short, dak_o.kind) == ("Xã Đăk Ơ", "Đăk Ơ", "xã")


def test_the_country_is_read_without_a_tree_of_dicts_and_kept_small() -> None:
    """34 provinces and 3,321 communes, read once for the life of the process (issue 18:
    idle memory): kept in well under a megabyte, one "xã" for all the communes."""
    country.cache_clear()
    tracemalloc.start()
    try:
        whole = country()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    communes = [ward for wards in whole.communes.values() for ward in wards]
    assert (len(whole.provinces), len(communes)) == (34, 3321)
    assert len({id(ward.kind) for ward in communes}) == len({ward.kind for ward in communes})
    assert kept < 0.75 * 1024 * 1024


@pytest.mark.parametrize("name", ["Đồng Nai", "dong nai", "Tỉnh Đồng Nai", "tinh dong nai"])
def test_province_name_forms(name: str) -> None:
    assert len(CommuneDirectory(name).all()) == 95


@pytest.mark.parametrize("name", ["thành phố Hà Nội", "Ha Noi", "TP Hồ Chí Minh"])
def test_city_prefixes(name: str) -> None:
    assert CommuneDirectory(name).all()


@pytest.mark.parametrize("name", ["Atlantis", "", "Đồng"])
def test_unknown_province(name: str) -> None:
    with pytest.raises(ValueError, match="unknown province"):
        CommuneDirectory(name)


def test_resolve_is_diacritic_exact(directory: CommuneDirectory) -> None:
    assert (c := directory.resolve("Xã Đăk Ơ")) is not None and c.code == DAK_O
    assert (c := directory.resolve("Đăk Ơ")) is not None and c.code == DAK_O
    assert (c := directory.resolve("Lộc Thạnh")) is not None and c.code == LOC_THANH_A
    assert directory.resolve("Loc Thanh") is None
    assert directory.resolve("Đắc Ô") is None
    assert directory.resolve("Xã Không Có") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lộc Thành", LOC_THANH),
        ("lộc thành", LOC_THANH),
        ("LỘC THÀNH", LOC_THANH),
        ("Xã Lộc Thành", LOC_THANH),
        ("Lộc Thạnh", LOC_THANH_A),
        ("x. Lộc Thạnh", LOC_THANH_A),
        ("Đắc Ô", DAK_O),
        ("dac o", DAK_O),
        ("Đăk Ơ", DAK_O),
        ("xa dak o", DAK_O),
        ("Lộc Tấn", LOC_TAN),
        ("loc tan", LOC_TAN),
        ("loc tann", LOC_TAN),
        ("lôc tân", LOC_TAN),
        ("thien hugn", 25308),
        ("Thiện Hưng", 25308),
        ("bu gia map", 25222),
        ("bugiamap", 25222),
        ("bu gia mapp", 25222),
        ("Phường Biên Hòa", 26068),
        ("p. bien hoa", 26068),
        ("P Biên Hoà", 26068),
        ("phuong tran bien", 26041),
        ("Long Thành", 26368),
        ("long thanh, dong nai", 26368),
        ("xã Trảng Bom, tỉnh Đồng Nai", 26248),
        ("  \u200bLộc   Tấn\ufeff ", LOC_TAN),
    ],
)
def test_match_exact(directory: CommuneDirectory, text: str, code: int) -> None:
    match = directory.match(text)
    assert match.status == "exact", match
    assert match.commune is not None and match.commune.code == code
    nfd = directory.match(unicodedata.normalize("NFD", text))
    assert nfd == match


@pytest.mark.parametrize(
    "text", ["loc thanh", "Loc Thanh", "LOC THANH", "xa loc thanh", "lộc thanh"]
)
def test_match_ambiguous_fold(directory: CommuneDirectory, text: str) -> None:
    match = directory.match(text)
    assert match.status == "ambiguous"
    assert [c.code for c in match.candidates] == [LOC_THANH, LOC_THANH_A]
    assert match.commune is None


def test_match_ambiguous_candidates_are_few(directory: CommuneDirectory) -> None:
    match = directory.match("bu gia")
    assert match.status == "ambiguous"
    assert 1 <= len(match.candidates) <= 5
    assert match.candidates[0].code == 25222


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "asdfgh",
        "qwertyuiop",
        "xyz",
        "hội nghị",
        "thành phố",
        "tháng",
        "ngày nào",
        "ở đâu",
        "khi nào",
        "Nguyễn Văn An",
        "hello",
        "😀😀",
        "123",
        "'; DROP TABLE x;--",
        "xã",
        "phường",
    ],
)
def test_match_none(directory: CommuneDirectory, text: str) -> None:
    assert directory.match(text).status == "none"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Hội nghị ở xã Lộc Tấn khi nào?", [[LOC_TAN]]),
        ("loc tan hop luc may gio", [[LOC_TAN]]),
        ("Lộc Thành họp ngày nào", [[LOC_THANH]]),
        ("loc thanh hop ngay nao", [[LOC_THANH, LOC_THANH_A]]),
        ("hội nghị ở Đắc Ô", [[DAK_O]]),
        ("thien hugn o dau", [[25308]]),
        ("Long Thành có hội nghị không", [[26368]]),
        ("Lộc Tấn và Tân Tiến", [[LOC_TAN], [25318]]),
        ("hội nghị cấp thành phố ngày nào", []),
        ("tháng 8 có hội nghị ở đâu", []),
        ("hội nghị tiếp theo khi nào", []),
        ("ngày nào họp, ở đâu, khi nào", []),
        ("bao nhiêu đại biểu", []),
        ("nội dung hội nghị là gì", []),
        ("tuần này có hội nghị không", []),
    ],
)
def test_find_mentions(directory: CommuneDirectory, text: str, codes: list[list[int]]) -> None:
    mentions = directory.find_mentions(text)
    assert [[c.code for c in m.candidates] for m in mentions] == codes


def test_speed(directory: CommuneDirectory) -> None:
    texts = ["Hội nghị ở xã Lộc Tấn khi nào vậy bạn ơi?", "thien hugn o dau", "loc thanh"] * 300
    started = time.perf_counter()
    for text in texts:
        directory.find_mentions(text)
        directory.match(text)
    per_call = (time.perf_counter() - started) / (2 * len(texts))
    assert per_call < 0.001
