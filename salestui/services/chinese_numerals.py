"""Amounts in Chinese capital numerals (大写), as invoices and order confirmations write them.

人民币壹拾万零壹拾元整 for 100,010.00 CNY; 壹佰万元零伍分 for 1,000,000.05; 伍分 for 0.05. One 零 stands for any
run of zeros inside the number, none is written at the end, 整 follows 元 or 角 when there are no 分.
"""

from __future__ import annotations

from salestui.services.spec import minor_digits

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")
CURRENCY_NAMES = {"CNY": "人民币", "USD": "美元", "EUR": "欧元", "HKD": "港币", "JPY": "日元", "GBP": "英镑"}


def _group(number: int) -> str:
    """0 < number < 10000 in capitals, zeros inside collapsed to one 零 and none at the end (1010 -> 壹仟零壹拾)."""
    text, zero = "", False
    for place in range(3, -1, -1):
        digit = number // 10**place % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + PLACES[place]
    return text


def whole_number(number: int) -> str:
    """A whole number from 0 to under 10**16 in capitals (壹拾万零壹拾 for 100010)."""
    if number == 0:
        return "零"
    if not 0 < number < 10**16:
        raise ValueError(f"{number} is out of range")
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    text, zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(text)
            continue
        if text and (zero or group < 1000):
            text += "零"
        zero = False
        text += _group(group) + GROUPS[index]
    return text


def capital_amount(minor: int, currency: str = "CNY") -> str:
    """The amount `minor` (in minor units of `currency`) in capitals with its currency's name first."""
    if minor < 0:
        raise ValueError("a negative amount has no capital form here")
    prefix = CURRENCY_NAMES.get(currency, currency)
    if minor_digits(currency) == 0:
        return f"{prefix}{whole_number(minor)}元整"
    whole, cents = divmod(minor, 100)
    jiao, fen = divmod(cents, 10)
    text = f"{whole_number(whole)}元" if whole or not cents else ""
    if jiao:
        text += DIGITS[jiao] + "角"
    elif fen and whole:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return prefix + text
