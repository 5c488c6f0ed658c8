"""大写 amounts at the edges where the 零 and 整 rules bite."""

from __future__ import annotations

import pytest

from salestui.services.chinese_numerals import capital_amount, whole_number
from salestui.services.spec import money_max

CASES = [
    (0, "人民币零元整"),
    (5, "人民币伍分"),
    (50, "人民币伍角整"),
    (55, "人民币伍角伍分"),
    (100, "人民币壹元整"),
    (110, "人民币壹元壹角整"),
    (105, "人民币壹元零伍分"),
    (1000, "人民币壹拾元整"),
    (1050, "人民币壹拾元伍角整"),
    (10_001_000, "人民币壹拾万零壹拾元整"),
    (100_000_005, "人民币壹佰万元零伍分"),
    (100_000_000, "人民币壹佰万元整"),
    (101_000_000, "人民币壹佰零壹万元整"),
    (1_000_100_000, "人民币壹仟万壹仟元整"),  # no zero before a group whose thousands digit is set
    (1_010_000_000, "人民币壹仟零壹拾万元整"),
    (10_000_000_000, "人民币壹亿元整"),
    (10_001_000_000, "人民币壹亿零壹万元整"),
    (10_010_000_000, "人民币壹亿零壹拾万元整"),
    (1_000_000_000_001, "人民币壹佰亿元零壹分"),
    (123_456_789, "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
    (money_max("CNY"), "人民币玖万亿元整"),
]


@pytest.mark.parametrize(("minor", "words"), CASES)
def test_capital_amounts(minor: int, words: str) -> None:
    assert capital_amount(minor, "CNY") == words


def test_other_currencies_and_yen_without_minor_units() -> None:
    assert capital_amount(123_400, "USD") == "美元壹仟贰佰叁拾肆元整"
    assert capital_amount(1200, "JPY") == "日元壹仟贰佰元整"
    assert capital_amount(money_max("JPY"), "JPY") == "日元玖万亿元整"


def test_whole_numbers_collapse_runs_of_zeros() -> None:
    assert whole_number(1001) == "壹仟零壹"
    assert whole_number(100_001) == "壹拾万零壹"
    assert whole_number(100_000_001) == "壹亿零壹"
    assert whole_number(10_000_000_000_000) == "壹拾万亿"
    with pytest.raises(ValueError):
        whole_number(10**16)
    with pytest.raises(ValueError):
        capital_amount(-1)
