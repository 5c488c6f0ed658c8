"""Who the demo customers are: profiles, names, companies, phones, e-mails and places."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from salestui.demo import words
from salestui.services.search_keys import pinyin_forms

STATUS_BY_TIER = {
    "vip": (("active", 85), ("dormant", 10), ("lost", 5)),
    "regular": (("active", 60), ("dormant", 25), ("lead", 10), ("lost", 5)),
    "potential": (("lead", 55), ("active", 20), ("dormant", 15), ("lost", 10)),
}
CURRENCY_BY_COUNTRY = {
    "United Kingdom": "GBP",
    "Germany": "EUR",
    "Netherlands": "EUR",
    "France": "EUR",
    "Italy": "EUR",
    "Japan": "JPY",
}
# Distinct Chinese person and company names: past these they repeat, as common names do in life, and the
# pinyin search columns are worked out once per name (it is the slowest part of a row otherwise).
PERSON_NAMES = 24_000
COMPANY_NAMES_PER_INDUSTRY = 2_500


@dataclass
class NamePool:
    """Values made so far; once `size` are made, new picks repeat one of them."""

    size: int
    made: list[Any] = field(default_factory=list)

    def pick(self, rng: random.Random, make: Callable[[], Any]) -> Any:
        if len(self.made) < self.size:
            self.made.append(make())
            return self.made[-1]
        return rng.choice(self.made)


@dataclass
class NamePools:
    """Chinese person names, and Chinese companies by industry as (name, city, province)."""

    people: NamePool = field(default_factory=lambda: NamePool(PERSON_NAMES))
    companies: dict[str, NamePool] = field(default_factory=dict)

    def company_pool(self, industry: str) -> NamePool:
        return self.companies.setdefault(industry, NamePool(COMPANY_NAMES_PER_INDUSTRY))


@dataclass
class CustomerDraft:
    """One customer's profile drawn before its rows are written."""

    tier: str
    status: str
    weight: float
    owner_id: str | None = None
    chinese: bool = True
    country: str = ""
    interactions: int = 0
    products: tuple[str, ...] = ()


def draft_customer(rng: random.Random) -> CustomerDraft:
    """Tier (about 10% vip, 50% regular, 40% potential), status, and a heavy-tailed share of the contacts."""
    tier = rng.choices(("vip", "regular", "potential"), (10, 50, 40))[0]
    statuses, weights = zip(*STATUS_BY_TIER[tier], strict=True)
    status = rng.choices(statuses, weights)[0]
    weight = min(rng.paretovariate(1.5), 300.0) * {"vip": 2.0, "regular": 1.0, "potential": 0.6}[tier]
    if status == "lead":
        weight *= 0.3
    return CustomerDraft(tier, status, weight)


def customer_values(rng: random.Random, pools: NamePools, draft: CustomerDraft) -> dict[str, Any]:
    """Names, company, phone, e-mail, WeChat id, place, industry and terms in the customer's language."""
    chinese = draft.chinese
    kind = "company" if rng.random() < 0.55 else "person"
    industry_cn, industry_en, products_cn, products_en = rng.choice(words.INDUSTRIES)
    draft.products = products_cn if chinese else products_en
    if chinese:
        company, city, region = pools.company_pool(industry_cn).pick(rng, lambda: chinese_company(rng, industry_cn))
    else:
        city, region = rng.choice(words.OVERSEAS_PLACES)
        company = f"{rng.choice(words.ENGLISH_COMPANY_WORDS)} {industry_en} {rng.choice(words.COMPANY_FORMS[region])}"
    draft.country = "China" if chinese else region
    person = person_name(rng, pools, chinese)
    name = company if kind == "company" else person
    if kind == "person" and rng.random() < 0.3:
        company = ""
    email = email_address(rng, chinese, person, company if kind == "company" else "")
    currency = "CNY" if chinese else CURRENCY_BY_COUNTRY.get(region, "USD")
    credit = {
        "vip": rng.randint(50, 500) * 1000,
        "regular": rng.randint(5, 50) * 1000,
        "potential": rng.choice((0, 0, 2000, 5000)),
    }[draft.tier]
    return {
        "kind": kind,
        "name": name,
        "company": company,
        "phone": phone_number(rng, draft.country),
        "email": email,
        "im_handle": wechat_or_handle(rng, chinese, person),
        "address": street_address(rng, chinese, city),
        "region": _region(chinese, city, region),
        "industry": industry_cn if chinese else industry_en,
        "source": rng.choices(*zip(*words.SOURCES, strict=True))[0],
        "tier": draft.tier,
        "status": draft.status,
        "needs": rng.choice(words.NEEDS),
        "preferences": rng.choice(words.PREFERENCES),
        "credit_limit": credit * (1 if currency == "JPY" else 100),
        "currency": currency,
        "payment_terms": rng.choice(words.PAYMENT_TERMS),
        "tags": rng.choice(words.TAGS),
        "cadence_days": rng.choice((7, 14, 21, 60)) if rng.random() < 0.05 else None,
    }


def _region(chinese: bool, city: str, province_or_country: str) -> str:
    """浙江 宁波, or Lyon, France (a city-state is just its name)."""
    if city == province_or_country:
        return city
    return f"{province_or_country} {city}" if chinese else f"{city}, {province_or_country}"


def person_name(rng: random.Random, pools: NamePools, chinese: bool) -> str:
    if chinese:
        return pools.people.pick(rng, lambda: chinese_person(rng))
    return f"{rng.choice(words.ENGLISH_FIRST)} {rng.choice(words.ENGLISH_LAST)}"


def chinese_person(rng: random.Random) -> str:
    given = "".join(rng.choice(words.GIVEN_CHARACTERS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(words.SURNAMES) + given


def chinese_company(rng: random.Random, industry: str) -> tuple[str, str, str]:
    """(name, city, province) of a company, e.g. 宁波海润包装材料贸易有限公司."""
    city, province = rng.choice(words.CHINESE_PLACES)
    brand = rng.choice(words.COMPANY_WORDS) + rng.choice(words.COMPANY_WORDS)
    name = (city if rng.random() < 0.7 else "") + brand + industry + rng.choice(words.COMPANY_SUFFIXES)
    return name, city, province


def ascii_word(text: str) -> str:
    """Latin letters for an e-mail or a handle: pinyin for hanzi, accents and punctuation dropped."""
    full, _initials = pinyin_forms(text)
    return re.sub(r"[^a-z0-9]", "", (full or text).lower())


def email_address(rng: random.Random, chinese: bool, person: str, company: str) -> str:
    roll = rng.random()
    if roll < 0.15:
        return ""
    if company and roll < 0.45:
        return f"sales@{ascii_word(company)[:14]}.{'com.cn' if chinese else 'com'}"
    if chinese:
        local = rng.choice((ascii_word(person), str(rng.randint(10_000_000, 3_999_999_999))))
        return f"{local}{rng.randint(1, 99) if rng.random() < 0.5 else ''}@{rng.choice(words.CHINESE_MAIL_DOMAINS)}"
    first, _space, last = person.partition(" ")
    return f"{ascii_word(first)}.{ascii_word(last)}@{rng.choice(words.ENGLISH_MAIL_DOMAINS)}"


def phone_number(rng: random.Random, country: str) -> str:
    """A Chinese mobile number, or a number in the overseas customer's country."""
    if country not in words.OVERSEAS_PHONES:
        return f"{rng.choice(words.MOBILE_PREFIXES)} {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}"
    return re.sub("x", lambda _match: str(rng.randint(0, 9)), words.OVERSEAS_PHONES[country])


def wechat_or_handle(rng: random.Random, chinese: bool, person: str) -> str:
    """A WeChat id for Chinese customers; sometimes a messenger handle for others."""
    roll = rng.random()
    if chinese:
        if roll < 0.5:
            return f"{ascii_word(person)}_{rng.randint(1970, 2005)}"
        return "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(10))
    return ascii_word(person) if roll < 0.4 else ""


def street_address(rng: random.Random, chinese: bool, city: str) -> str:
    if chinese:
        road = rng.choice(("人民", "解放", "建设", "中山", "和平", "长江", "科技", "工业"))
        return f"{city}市{road}路{rng.randint(1, 999)}号"
    street = rng.choice(("Harbour", "Market", "Station", "Mill", "Park", "Bridge"))
    return f"{rng.randint(1, 250)} {street} Street, {city}"
