#!/usr/bin/env python3
"""Generate a synthetic gongbo site for benchmarking.

Usage: gen_corpus.py N OUTDIR [--seed S]

Writes OUTDIR/site.toml, OUTDIR/content/tags.yaml, OUTDIR/content/milestones.yaml
and N bilingual releases OUTDIR/content/releases/r-00001.{ko,en}.md.

Standard library only. The output depends only on N and the seed (byte for byte
identical between runs): every random choice comes from one random.Random(seed)
and nothing iterates over a set or a hash-ordered container.

Every free-text value in YAML is written with json.dumps, which is valid YAML
(a double-quoted scalar), so quotes, colons and `#` in titles are safe. Left
unquoted are identifiers (tag slugs, milestone/phase ids, statuses), the release
`date` (e.g. 2021-03-04T09:30), the milestone `planned` month (e.g. 2023-10) and
the phase years; all of them are plain strings (years: integers) in both YAML 1.1
and 1.2.
"""

import argparse
import datetime
import json
import os
import random
import sys

SITE_TOML = """\
base_url = "https://bench.example.org/"
timezone = "Asia/Seoul"
theme = "default"
releases_per_page = 20
default_kogl = 1

[languages.ko]
title = "벤치마크 공보"
description = "성능 측정용 가상 보도자료"

[languages.en]
title = "Benchmark bulletin"
description = "Synthetic press releases for benchmarking"

[organization]
url = "https://bench.example.org/"
name = { ko = "벤치마크시", en = "Bench City" }
department = { ko = "인공지능산업실", en = "AI Industry Office" }
"""

KINDS = ["보도자료", "보도참고자료", "설명자료", "해명자료"]
KIND_WEIGHTS = [70, 18, 7, 5]

# Milestone statuses are derived from the planned month relative to this month
# (SOURCE_DATE_EPOCH=1764000000 used by bench.sh is 2025-11-24): past milestones
# are mostly done, some delayed or cancelled; this year's are in progress.
STATUS_REFERENCE = (2025, 11)

RELEASE_YEARS = (2015, 2025)

# --------------------------------------------------------------------------
# Vocabulary. Every entry is a (ko, en) pair so that the two language files of
# a release talk about the same things.
# --------------------------------------------------------------------------

TAGS = [
    ("ai", "인공지능", "Artificial intelligence"),
    ("generative-ai", "생성형 AI", "Generative AI"),
    ("data", "데이터", "Data"),
    ("open-data", "공공데이터 개방", "Open data"),
    ("cloud", "클라우드", "Cloud"),
    ("semiconductor", "반도체", "Semiconductors"),
    ("ai-chip", "AI 반도체", "AI chips"),
    ("robotics", "로봇", "Robotics"),
    ("autonomous-driving", "자율주행", "Autonomous driving"),
    ("drone", "드론", "Drones"),
    ("smart-city", "스마트시티", "Smart city"),
    ("digital-twin", "디지털 트윈", "Digital twin"),
    ("healthcare", "의료", "Healthcare"),
    ("bio", "바이오", "Biotech"),
    ("manufacturing", "제조", "Manufacturing"),
    ("smart-factory", "스마트공장", "Smart factories"),
    ("logistics", "물류", "Logistics"),
    ("mobility", "모빌리티", "Mobility"),
    ("agriculture", "농업", "Agriculture"),
    ("education", "교육", "Education"),
    ("talent", "인재 양성", "Talent development"),
    ("startup", "스타트업", "Start-ups"),
    ("sme", "중소기업", "SMEs"),
    ("investment", "투자", "Investment"),
    ("funding", "예산 지원", "Funding"),
    ("regulation", "규제 개선", "Regulatory reform"),
    ("sandbox", "규제 샌드박스", "Regulatory sandbox"),
    ("ethics", "AI 윤리", "AI ethics"),
    ("privacy", "개인정보 보호", "Privacy"),
    ("cybersecurity", "사이버보안", "Cybersecurity"),
    ("standards", "표준화", "Standards"),
    ("international", "국제협력", "International cooperation"),
    ("mou", "업무협약", "MOUs"),
    ("research", "연구개발", "R&D"),
    ("testbed", "실증", "Testbeds"),
    ("public-service", "공공서비스", "Public services"),
    ("welfare", "복지", "Welfare"),
    ("safety", "안전", "Public safety"),
    ("disaster", "재난 대응", "Disaster response"),
    ("environment", "환경", "Environment"),
    ("energy", "에너지", "Energy"),
    ("carbon-neutral", "탄소중립", "Carbon neutrality"),
    ("transport", "교통", "Transport"),
    ("culture", "문화", "Culture"),
    ("tourism", "관광", "Tourism"),
    ("finance", "금융", "Finance"),
    ("jobs", "일자리", "Jobs"),
    ("region", "지역균형", "Regional development"),
    ("infrastructure", "인프라", "Infrastructure"),
    ("5g", "5G", "5G"),
    ("metaverse", "메타버스", "Metaverse"),
    ("blockchain", "블록체인", "Blockchain"),
    ("quantum", "양자기술", "Quantum technology"),
    ("hpc", "초고성능 컴퓨팅", "High-performance computing"),
    ("language-model", "언어모델", "Language models"),
    ("accessibility", "디지털 포용", "Digital inclusion"),
    ("survey", "실태조사", "Surveys"),
    ("event", "행사", "Events"),
    ("award", "시상", "Awards"),
    ("budget", "예산", "Budget"),
    ("legislation", "법제도", "Legislation"),
]

ORG = ("벤치마크시", "Bench City")

DEPARTMENTS = [
    ("인공지능산업실", "AI Industry Office"),
    ("데이터정책과", "Data Policy Division"),
    ("디지털혁신국", "Digital Innovation Bureau"),
    ("미래산업과", "Future Industries Division"),
    ("스마트도시과", "Smart City Division"),
    ("정보보호팀", "Information Security Team"),
    ("인재양성과", "Talent Development Division"),
    ("기업지원과", "Business Support Division"),
    ("대변인실", "Office of the Spokesperson"),
    ("연구개발지원과", "R&D Support Division"),
]

PROJECTS = [
    ("인공지능 실증 사업", "AI testbed programme"),
    ("데이터 댐 구축 사업", "Data Dam project"),
    ("초거대 AI 플랫폼", "hyperscale AI platform"),
    ("공공 클라우드 전환", "public cloud migration"),
    ("디지털 트윈 시범도시", "digital twin pilot city"),
    ("자율주행 실증 구간", "autonomous driving test corridor"),
    ("스마트공장 보급 사업", "smart factory roll-out"),
    ("AI 바우처 지원 사업", "AI voucher scheme"),
    ("지능형 CCTV 관제 시스템", "intelligent CCTV monitoring system"),
    ("디지털 배움터", "digital learning centres"),
    ("AI 반도체 팹리스 육성", "AI chip fabless support programme"),
    ("의료 데이터 중심병원", "medical data hub hospitals"),
    ("스마트 물류 허브", "smart logistics hub"),
    ("드론 배송 실증", "drone delivery trial"),
    ("공공 언어모델 개발", "public-sector language model"),
    ("AI 윤리 가이드라인", "AI ethics guidelines"),
    ("청년 AI 인재 아카데미", "youth AI talent academy"),
    ("탄소중립 에너지 관리 플랫폼", "carbon-neutral energy management platform"),
    ("스마트 농업 실증단지", "smart farming demonstration complex"),
    ("AI 돌봄 서비스", "AI-assisted care service"),
    ("초고성능 컴퓨팅 센터", "high-performance computing centre"),
    ("재난 예측 AI 시스템", "AI disaster forecasting system"),
    ("양자 보안 통신망", "quantum-secure network"),
    ("메타버스 민원실", "metaverse civil service desk"),
    ("AI 영상 판독 지원", "AI-assisted imaging diagnostics"),
]

FIELDS = [
    ("의료", "healthcare"),
    ("제조", "manufacturing"),
    ("물류", "logistics"),
    ("교통", "transport"),
    ("농업", "agriculture"),
    ("교육", "education"),
    ("환경", "the environment"),
    ("안전", "public safety"),
    ("에너지", "energy"),
    ("금융", "finance"),
    ("문화", "culture"),
    ("관광", "tourism"),
    ("복지", "welfare"),
    ("국방", "defence"),
]

TECHS = [
    ("생성형 AI", "generative AI"),
    ("AI 반도체", "AI chips"),
    ("디지털 트윈", "digital twins"),
    ("자율주행", "autonomous driving"),
    ("컴퓨터 비전", "computer vision"),
    ("대규모 언어모델", "large language models"),
    ("엣지 컴퓨팅", "edge computing"),
    ("협동 로봇", "collaborative robots"),
    ("음성 인식", "speech recognition"),
    ("연합학습", "federated learning"),
    ("예측 정비", "predictive maintenance"),
    ("5G 특화망", "private 5G networks"),
    ("블록체인", "blockchain"),
    ("양자 암호", "quantum cryptography"),
    ("설명 가능한 AI", "explainable AI"),
]

PLACES = [
    ("첨단산업단지", "the Advanced Industrial Complex"),
    ("시청 대회의실", "the City Hall conference room"),
    ("판교 테크노밸리", "Pangyo Techno Valley"),
    ("AI 혁신허브", "the AI Innovation Hub"),
    ("북부 스마트밸리", "North Smart Valley"),
    ("도심 항공 실증장", "the urban air mobility test site"),
    ("국가산업단지", "the National Industrial Complex"),
    ("시민청", "the Citizens' Hall"),
    ("데이터센터 특구", "the data centre special zone"),
    ("항만 배후단지", "the port logistics district"),
    ("대학 연구단지", "the university research park"),
    ("구도심 재생지구", "the old town regeneration district"),
]

PARTNERS = [
    ("정보통신산업진흥원", "the National IT Industry Promotion Agency"),
    ("한국지능정보사회진흥원", "the National Information Society Agency"),
    ("벤치마크대학교", "Bench University"),
    ("벤치마크과학기술원", "the Bench Institute of Science and Technology"),
    ("지역 상공회의소", "the local Chamber of Commerce"),
    ("한국전자통신연구원", "ETRI"),
    ("벤치마크의료원", "Bench Medical Centre"),
    ("창업진흥원", "the Start-up Promotion Agency"),
    ("벤치마크테크노파크", "Bench Technopark"),
    ("한국인터넷진흥원", "the Korea Internet & Security Agency"),
    ("국립중앙도서관", "the National Library"),
    ("벤치마크교육청", "the Bench Office of Education"),
    ("소상공인시장진흥공단", "the Small Business Market Service"),
    ("한국표준협회", "the Korean Standards Association"),
    ("벤치마크도시공사", "Bench Urban Development Corporation"),
]

FACILITIES = [
    ("AI 실증센터", "AI testbed centre"),
    ("데이터 안심구역", "secure data zone"),
    ("창업 보육센터", "start-up incubator"),
    ("로봇 테스트필드", "robot test field"),
    ("디지털 미디어센터", "digital media centre"),
    ("자율주행 관제센터", "autonomous driving control centre"),
    ("AI 교육관", "AI education hall"),
    ("클라우드 혁신센터", "cloud innovation centre"),
]

OFFICIAL_TITLES = [
    ("시장", "Mayor"),
    ("부시장", "Deputy Mayor"),
    ("인공지능산업실장", "Director General for AI Industry"),
    ("디지털혁신국장", "Director of Digital Innovation"),
    ("미래산업과장", "Head of Future Industries"),
]

SURNAMES = [
    ("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"),
    ("강", "Kang"), ("조", "Cho"), ("윤", "Yoon"), ("장", "Jang"), ("임", "Lim"),
    ("한", "Han"), ("오", "Oh"), ("서", "Seo"), ("신", "Shin"), ("권", "Kwon"),
    ("황", "Hwang"), ("안", "Ahn"), ("송", "Song"), ("전", "Jeon"), ("홍", "Hong"),
]

GIVEN_NAMES = [
    ("민준", "Min-jun"), ("서연", "Seo-yeon"), ("도윤", "Do-yun"), ("지우", "Ji-woo"),
    ("하준", "Ha-jun"), ("서윤", "Seo-yun"), ("지호", "Ji-ho"), ("하은", "Ha-eun"),
    ("예준", "Ye-jun"), ("수아", "Su-a"), ("현우", "Hyun-woo"), ("지민", "Ji-min"),
    ("준서", "Jun-seo"), ("채원", "Chae-won"), ("건우", "Geon-woo"), ("다은", "Da-eun"),
    ("우진", "Woo-jin"), ("수빈", "Su-bin"), ("선우", "Sun-woo"), ("유나", "Yu-na"),
    ("상훈", "Sang-hoon"), ("미경", "Mi-kyung"), ("영수", "Young-soo"), ("은정", "Eun-jung"),
]

CONTACT_ROLES = [
    (("책임자", "Responsible"), [("과장", "Director"), ("팀장", "Team Leader"), ("국장", "Director General")]),
    (("담당자", "Contact"), [("사무관", "Deputy Director"), ("주무관", "Officer"), ("연구관", "Senior Researcher")]),
]

QUOTES = [
    ("인공지능은 더 이상 선택이 아닌 필수가 되었다", "AI is no longer optional; it is essential"),
    ("시민이 체감할 수 있는 성과를 내는 데 역량을 집중하겠다",
     "we will focus on results that citizens can actually feel"),
    ("기업과 연구기관이 마음껏 도전할 수 있도록 지원을 아끼지 않겠다",
     "we will spare no effort so that companies and researchers can take bold risks"),
    ("이번 사업이 지역 산업 생태계를 바꾸는 전환점이 될 것", "this programme will be a turning point for the local industrial ecosystem"),
    ("데이터와 인공지능이 결합된 새로운 공공서비스 모델을 만들겠다",
     "we will build a new model of public service that combines data and AI"),
    ("안전과 신뢰를 바탕으로 기술 혁신을 이어가겠다", "we will keep innovating on a foundation of safety and trust"),
    ("누구도 소외되지 않는 디지털 전환을 실현하겠다", "we will deliver a digital transition that leaves no one behind"),
]

SOURCE_TITLES = [
    ("{project} 세부 추진계획", "{project} implementation plan"),
    ("{year}년 {field} 분야 실태조사 보고서", "{year} survey report on {field}"),
    ("{org} 인공지능 산업 육성 기본계획", "{org} master plan for the AI industry"),
    ("관련 법령 및 고시", "Related laws and notices"),
    ("공모 안내문", "Call for proposals"),
    ("통계 데이터셋", "Statistical data set"),
]

# --------------------------------------------------------------------------
# Korean particles (조사): choose the form from the final consonant of the word.
# --------------------------------------------------------------------------

JOSA = {
    "은": ("은", "는"), "는": ("은", "는"),
    "이": ("이", "가"), "가": ("이", "가"),
    "을": ("을", "를"), "를": ("을", "를"),
    "과": ("과", "와"), "와": ("과", "와"),
    "으로": ("으로", "로"), "로": ("으로", "로"),
    "이나": ("이나", "나"), "나": ("이나", "나"),
    "이라고": ("이라고", "라고"), "라고": ("이라고", "라고"),
    "이며": ("이며", "며"), "며": ("이며", "며"),
}

# How a trailing Latin letter or digit is read aloud: (has final consonant, final is ㄹ).
_LATIN_FINAL = {c: (True, False) for c in "MN"}
_LATIN_FINAL.update({"L": (True, True), "R": (True, True)})
_DIGIT_FINAL = {
    "0": (True, False), "1": (True, True), "2": (False, False), "3": (True, False),
    "4": (False, False), "5": (False, False), "6": (True, False), "7": (True, True),
    "8": (True, True), "9": (False, False),
}


def final_consonant(word):
    """(has final consonant, final is ㄹ) for the last pronounced character."""
    for ch in reversed(word):
        code = ord(ch)
        if 0xAC00 <= code <= 0xD7A3:
            jong = (code - 0xAC00) % 28
            return jong != 0, jong == 8
        if ch.isdigit():
            return _DIGIT_FINAL[ch]
        if ch.isalpha():
            return _LATIN_FINAL.get(ch.upper(), (False, False))
    return False, False


def josa(word, particle):
    forms = JOSA.get(particle)
    if forms is None:
        return word + particle
    has_final, is_rieul = final_consonant(word)
    if particle in ("으로", "로"):
        return word + ("으로" if has_final and not is_rieul else "로")
    return word + (forms[0] if has_final else forms[1])


# --------------------------------------------------------------------------
# Templates. `{slot}` inserts a value; `{slot|을}` appends the right particle (ko).
# --------------------------------------------------------------------------

KO_SENTENCES = [
    "{org|은} {year}년부터 {project|을} 본격적으로 추진한다고 밝혔다.",
    "이번 사업에는 총 {amount}억 원이 투입되며, {field} 분야를 중심으로 {n}개 과제가 선정될 예정이다.",
    "{partner|은} {place}에서 {tech} 기반 실증을 진행하고, 그 결과를 {org}에 제출한다.",
    "특히 {field} 분야에서는 {tech|을} 활용한 서비스가 시민의 일상에 빠르게 확산될 것으로 기대된다.",
    "지난해 {field2} 분야 참여 기업의 매출은 전년 대비 {pct}% 증가한 것으로 나타났다.",
    "{org|은} 관계 기관과 협의체를 구성해 {project}의 추진 상황을 분기마다 점검할 계획이다.",
    "이와 함께 {partner|과} 협력하여 전문 인력 {n2}명을 양성하고, 현장 맞춤형 교육 과정을 운영한다.",
    "{person|은} {quote_said} 강조했다.",
    "참여를 희망하는 기관은 {month}월 {day}일까지 누리집을 통해 신청서를 제출하면 된다.",
    "선정된 기관에는 최대 {amount2}억 원의 사업비와 함께 컨설팅, 실증 공간, 데이터 이용권이 지원된다.",
    "{tech|은} 아직 초기 단계이지만, {field} 현장의 생산성을 크게 높일 수 있는 핵심 기술로 평가받고 있다.",
    "{org|은} 앞으로도 규제 개선과 제도 정비를 병행하여 기업이 신기술을 쉽게 시험할 수 있는 환경을 조성할 방침이다.",
    "한편, {place}에 조성되는 {facility|은} {year2}년 상반기 개소를 목표로 하고 있다.",
    "이번 조치로 {field} 분야의 공공데이터 개방 건수는 {n3}건으로 늘어날 전망이다.",
    "시민 {n3}명을 대상으로 실시한 설문조사에서는 응답자의 {pct2}%가 {project}의 필요성에 공감한다고 답했다.",
    "또한 개인정보 보호와 알고리즘 투명성을 확보하기 위해 외부 전문가로 구성된 검증단을 운영한다.",
    "{partner|은} 이번 협약을 계기로 {field} 분야 공동 연구와 인력 교류를 확대하기로 했다.",
    "사업 초기에는 {place|을} 중심으로 시범 운영한 뒤, 성과를 분석하여 단계적으로 확대할 예정이다.",
    "중소기업과 스타트업의 참여를 늘리기 위해 컨소시엄 구성 요건도 완화된다.",
    "{org}의 {dept|은} 관련 예산을 전년보다 {pct}% 늘린 {amount}억 원으로 편성했다.",
    "업계에서는 이번 발표가 {field} 분야 투자 심리를 회복시키는 계기가 될 것으로 보고 있다.",
    "다만 일부 전문가는 {tech}의 안전성과 책임 소재에 대한 사회적 합의가 먼저 필요하다고 지적했다.",
    "이에 대해 {org|은} 공청회와 온라인 의견 수렴을 거쳐 세부 지침을 마련하겠다고 설명했다.",
    "{year}년 기준 {field} 분야 인공지능 도입률은 {pct2}% 수준으로, 주요국 평균에 비해 낮은 편이다.",
    "정부는 이를 해소하기 위해 {project|과} 연계한 전주기 지원 체계를 구축하고 있다.",
    "행사에는 {partner}, 지역 대학, 연구기관 관계자 등 {n2}여 명이 참석했다.",
    "참석자들은 {tech}의 활용 사례를 공유하고, 향후 협력 과제를 논의했다.",
    "{org|은} 성과 공유회를 {month}월 중 개최하고, 우수 사례를 선정해 포상할 계획이다.",
    "자세한 내용은 [{org} 누리집](https://bench.example.org/notice/{n3})의 공지사항에서 확인할 수 있다.",
    "이번 사업으로 약 {n3}개의 일자리가 새로 만들어질 것으로 추산된다.",
    "{project|은} **{field} 분야의 디지털 전환**을 앞당기는 마중물 역할을 하게 된다.",
    "사업 수행 기관은 매 반기 `성과 지표`를 제출해야 하며, 평가 결과는 다음 연도 예산에 반영된다.",
    "{org|은} {field2} 분야로도 지원 대상을 넓히는 방안을 검토하고 있다.",
    "현장에서는 인력 부족과 데이터 품질 문제가 가장 큰 어려움으로 꼽혔다.",
    "이를 위해 {facility}에는 고성능 연산 자원과 학습용 데이터가 함께 제공된다.",
    "{dept} 관계자는 “참여 기업의 의견을 충실히 반영해 제도를 보완하겠다”고 말했다.",
]

# Parts for composed sentences: ko "{subj}은 {when} {obj}을 {verb}.",
# en "{subj} {verb} {obj} {when}.".
KO_PARTS = {
    "subj": ["{org}", "{partner}", "참여 기업", "지역 대학", "연구진", "{dept}", "시민 참여단",
             "전문가 자문단", "사업단", "관계 부처", "{facility}", "운영 기관"],
    "when": ["올해", "우선", "{place}에서", "관계 부처와 함께", "현장 의견을 토대로", "단계적으로",
             "{field} 분야에서", "외부 전문가와 함께", ""],
    "obj": ["{tech} 활용 방안", "{field} 분야 수요", "데이터 품질 기준", "성과 지표", "안전 점검 절차",
            "교육 과정", "지원 체계", "협력 모델", "실증 결과", "표준 계약서", "{project} 운영 계획",
            "개인정보 영향평가", "{field2} 분야 확산 전략", "예산 집행 계획", "시민 의견"],
    "verb": ["검토할 계획이다", "마련한다", "점검했다", "발표할 예정이다", "공유했다",
             "개선하기로 했다", "확대한다", "고도화할 방침이다", "분석하고 있다", "공개했다",
             "보완할 예정이다", "구체화한다"],
}

EN_PARTS = {
    "subj": ["{org}", "{partner_cap}", "Participating companies", "Local universities", "The research team",
             "The {dept}", "A citizens' panel", "An expert advisory group", "The project team",
             "Related ministries", "The {facility}", "The operating agency"],
    "when": ["this year", "at {place}", "together with related ministries", "based on feedback from the field",
             "step by step", "in {field}", "with outside experts", ""],
    "obj": ["ways to use {tech}", "demand in {field}", "data quality standards", "performance indicators",
            "safety inspection procedures", "training courses", "the support framework", "a cooperation model",
            "the trial results", "standard contracts", "the operating plan for the {project}",
            "a privacy impact assessment", "a strategy for {field2}", "the budget execution plan",
            "residents' opinions"],
    "verb": ["will review", "will prepare", "checked", "will announce", "shared", "agreed to improve",
             "will expand", "will upgrade", "analysed", "published", "will supplement",
             "will flesh out"],
}

KO_HTML_SENTENCES = [
    '이번 사업은 <abbr title="Artificial Intelligence">AI</abbr> 기술을 {field} 현장에 적용하는 데 초점을 맞췄다.',
    '신청 기간은 {month}월 {day}일부터이며, 마감 시각은 <strong>오후 6시</strong>이다.',
    '관련 용어인 <abbr title="Application Programming Interface">API</abbr> 개방 범위도 함께 확대된다.',
]

KO_BULLETS = [
    "{field} 분야 실증 과제 {n}건 선정",
    "전문 인력 {n2}명 양성 및 재직자 재교육",
    "공공데이터 {n3}건 추가 개방",
    "{place} 내 실증 공간 {n}곳 조성",
    "중소기업 대상 바우처 최대 {amount2}억 원 지원",
    "규제 샌드박스 신청 절차 간소화",
    "**{tech}** 표준 가이드라인 마련",
    "{partner|과} 공동 연구 협약 체결",
    "{facility} 개소 및 운영 개시",
    "시민 체감형 서비스 {n}종 발굴",
    "성과 점검 회의 분기별 개최",
    "{field2} 분야 후속 사업 기획",
]

KO_HIGHLIGHTS = [
    "{field} 분야 {n}개 과제 선정, 총 {amount}억 원 지원",
    "{place}에서 {tech} 실증 착수",
    "전문 인력 {n2}명 양성 목표",
    "{partner|과} 업무협약 체결",
    "{facility} {year2}년 개소 추진",
    "시민 {pct2}% “필요하다” 응답",
    "공공데이터 {n3}건 개방",
]

KO_SECTIONS = [
    ("추진 배경", "Background"),
    ("주요 내용", "Key details"),
    ("세부 추진 계획", "Implementation plan"),
    ("기대 효과", "Expected outcomes"),
    ("향후 계획", "Next steps"),
    ("참고 사항", "Notes"),
]

KO_TITLES = [
    "{org}, {field} 분야 {project} 본격 추진",
    "{project}에 {amount}억 원 투입… {field} 혁신 가속",
    "“{tech}” 실증 착수, {place}에서 첫 시범 운영",
    '{org}, "{project}" 참여 기관 {n}곳 선정',
    "{year}년 {field} 분야 인공지능 도입 실태조사 결과 발표",
    "{partner|과} 업무협약 체결…{tech} 공동 연구",
    "{project} 2차 공모: 최대 {amount2}억 원 지원",
    "{facility}, {place}에 문 연다",
    "'{tech}' 활용 {field} 서비스 {n}종 선보여",
    "{org} {dept}, {field2} 분야 지원 계획 발표",
]

KO_TITLE_PREFIX = {"해명자료": "[해명] ", "설명자료": "[설명] "}

KO_SUMMARIES = [
    "{org|은} {project|을} 추진하며 {field} 분야에 총 {amount}억 원을 투입한다.",
    "{partner|과} 함께 {place}에서 {tech} 실증을 시작하고, {year2}년까지 성과를 확산한다.",
    "{field} 분야 {n}개 과제를 선정해 최대 {amount2}억 원씩 지원한다.",
    "{project}의 추진 현황과 향후 계획을 설명한다.",
]

EN_SENTENCES = [
    "{org} announced that it will roll out the {project} in earnest from {year}.",
    "A total of {amount_en} will be invested, and {n} projects will be selected with a focus on {field}.",
    "{partner_cap} will run {tech}-based trials at {place} and report the results to {org}.",
    "In {field} in particular, services built on {tech} are expected to reach citizens' daily lives quickly.",
    "Last year, revenue among participating companies in {field2} rose {pct}% from the previous year.",
    "{org} will set up a council with related agencies to review progress on the {project} every quarter.",
    "In cooperation with {partner}, it will also train {n2} specialists and run courses tailored to the field.",
    "\"{quote_cap},\" {person} said.",
    "Organisations wishing to take part can apply through the city website until {month_name} {day}.",
    "Selected organisations will receive up to {amount2_en} in project funding, along with consulting, test space and data vouchers.",
    "Although {tech} is still at an early stage, it is seen as a key technology that can greatly raise productivity in {field}.",
    "{org} plans to continue improving regulations so that companies can easily test new technologies.",
    "Meanwhile, the {facility} being built at {place} is scheduled to open in the first half of {year2}.",
    "As a result, the number of open public data sets in {field} is expected to grow to {n3}.",
    "In a survey of {n3} residents, {pct2}% of respondents agreed that the {project} is needed.",
    "To protect personal data and keep algorithms transparent, an external review panel of experts will be set up.",
    "{partner_cap} agreed to expand joint research and staff exchanges in {field} following the agreement.",
    "The service will first be piloted around {place}, then expanded step by step after the results are analysed.",
    "Consortium requirements will also be relaxed to encourage participation by SMEs and start-ups.",
    "The {dept} of {org} has raised the related budget by {pct}% to {amount_en}.",
    "Industry observers see the announcement as an opportunity to revive investment sentiment in {field}.",
    "Some experts, however, said that a social consensus on the safety and liability of {tech} is needed first.",
    "In response, {org} said it would prepare detailed guidelines after public hearings and online consultation.",
    "As of {year}, the AI adoption rate in {field} stood at {pct2}%, below the average of major economies.",
    "To close the gap, the government is building end-to-end support linked to the {project}.",
    "About {n2} people attended the event, including officials from {partner}, local universities and research institutes.",
    "Participants shared use cases of {tech} and discussed future areas of cooperation.",
    "{org} will hold a results-sharing session in {month_name} and reward outstanding cases.",
    "Details are available in the notices section of the [{org} website](https://bench.example.org/en/notice/{n3}).",
    "The programme is estimated to create around {n3} new jobs.",
    "The {project} will act as seed money that **accelerates the digital transition of {field}**.",
    "Participating organisations must submit `performance indicators` every six months, and the results feed into the next year's budget.",
    "{org} is considering extending support to {field2} as well.",
    "On the ground, staff shortages and poor data quality were named as the biggest difficulties.",
    "To that end, the {facility} will offer high-performance computing resources together with training data.",
    "\"We will refine the scheme to reflect the views of participating companies,\" an official from the {dept} said.",
]

EN_HTML_SENTENCES = [
    'The programme focuses on applying <abbr title="Artificial Intelligence">AI</abbr> in {field}.',
    'Applications open on {month_name} {day} and close at <strong>6 p.m.</strong> on the final day.',
    'The scope of open <abbr title="Application Programming Interface">API</abbr> access will also be widened.',
]

EN_BULLETS = [
    "{n} testbed projects selected in {field}",
    "{n2} specialists trained and existing staff reskilled",
    "{n3} additional public data sets opened",
    "{n} test sites created at {place}",
    "Vouchers of up to {amount2_en} for SMEs",
    "Simpler application process for the regulatory sandbox",
    "Standard guidelines for **{tech}**",
    "Joint research agreement with {partner}",
    "Opening of the {facility}",
    "{n} new citizen-facing services identified",
    "Quarterly progress reviews",
    "Follow-up programme planned for {field2}",
]

EN_TITLES = [
    "{org} launches {project} in {field}",
    "{amount_en} for the {project} to speed up innovation in {field}",
    "“{tech_cap}” trials begin, first pilot at {place}",
    '{org} selects {n} participants for the "{project}"',
    "Results of the {year} survey on AI adoption in {field}",
    "Agreement with {partner} on joint {tech} research",
    "Second call for the {project}: up to {amount2_en} per project",
    "{facility_cap} opens at {place}",
    "{n} new {field} services built on '{tech}'",
    "{dept} of {org} announces support plan for {field2}",
]

EN_TITLE_PREFIX = {"해명자료": "[Clarification] ", "설명자료": "[Explanation] "}

EN_SUMMARIES = [
    "{org} is launching the {project} and investing {amount_en} in {field}.",
    "Together with {partner}, trials of {tech} start at {place} and will be scaled up by {year2}.",
    "{n} projects in {field} will be selected and receive up to {amount2_en} each.",
    "An explanation of the progress and next steps of the {project}.",
]

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]

MILESTONE_STAGES = [
    ("기본계획 수립", "Master plan adopted"),
    ("1차 공모 완료", "First call completed"),
    ("시범 운영 개시", "Pilot operation starts"),
    ("실증 완료", "Trials completed"),
    ("전면 확대", "Full roll-out"),
    ("성과 평가", "Performance review"),
    ("관련 조례 제정", "Enabling ordinance enacted"),
    ("거점 시설 개소", "Flagship facility opens"),
]

PHASES = [
    ("phase-1", "1단계", "Phase 1", 2020, 2024),
    ("phase-2", "2단계", "Phase 2", 2025, 2029),
]


def cap(s):
    return s[:1].upper() + s[1:]


def render(template, slots):
    """Fill `{slot}` / `{slot|particle}` placeholders."""
    out = []
    i = 0
    while True:
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            return "".join(out)
        k = template.index("}", j)
        out.append(template[i:j])
        name, _, particle = template[j + 1:k].partition("|")
        value = str(slots[name])
        out.append(josa(value, particle) if particle else value)
        i = k + 1


def yq(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def won_en(eok):
    """Amount in 억 원 (100 million won) as English text."""
    if eok >= 10:
        return "KRW {:g} billion".format(eok / 10)
    return "KRW {} million".format(eok * 100)


def weighted_sample(rng, items, weights, k):
    """k distinct items, drawn with the given weights (deterministic)."""
    chosen = []
    while len(chosen) < k:
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


# --------------------------------------------------------------------------
# Site-wide files
# --------------------------------------------------------------------------

def tags_yaml():
    lines = ["# Tags used by the benchmark corpus (generated by benches/gen_corpus.py)."]
    for slug, ko, en in TAGS:
        lines.append("- {{slug: {}, ko: {}, en: {}}}".format(slug, yq(ko), yq(en)))
    return "\n".join(lines) + "\n"


def make_milestones(rng):
    """40 milestones, 20 per phase, ids in planned-date order."""
    combos = [(p, s) for p in range(len(PROJECTS)) for s in range(len(MILESTONE_STAGES))]
    rng.shuffle(combos)
    picked = combos[:40]
    items = []
    for idx, (p, s) in enumerate(picked):
        phase = PHASES[idx % 2]
        year = rng.randint(phase[3], phase[4])
        month = rng.randint(1, 12)
        items.append(((year, month, p, s), phase[0]))
    items.sort()
    out = []
    for num, ((year, month, p, s), phase_id) in enumerate(items, 1):
        proj, stage = PROJECTS[p], MILESTONE_STAGES[s]
        field = rng.choice(FIELDS)
        out.append({
            "id": "m-{:03d}".format(num),
            "phase": phase_id,
            "title_ko": "{} {}".format(proj[0], stage[0]),
            "title_en": "{}: {}".format(cap(proj[1]), stage[1].lower()),
            "desc_ko": "{} 분야 확산을 위한 {}의 {} 단계이다.".format(field[0], proj[0], stage[0]),
            "desc_en": "The {} step of the {}, aimed at wider use in {}.".format(stage[1].lower(), proj[1], field[1]),
            "planned": "{:04d}-{:02d}".format(year, month),
            "status": milestone_status(rng, year, month),
        })
    return out


def milestone_status(rng, year, month):
    ref_year, ref_month = STATUS_REFERENCE
    if year < ref_year:
        return rng.choices(["done", "delayed", "cancelled"], [85, 10, 5])[0]
    if year == ref_year:
        return "in_progress" if (year, month) <= (ref_year, ref_month) else "planned"
    return "planned"


def milestones_yaml(milestones):
    lines = ["# Milestones used by the benchmark corpus (generated by benches/gen_corpus.py).", "phases:"]
    for pid, ko, en, y0, y1 in PHASES:
        lines += [
            "  - id: {}".format(pid),
            "    name: {{ko: {}, en: {}}}".format(yq(ko), yq(en)),
            "    years: [{}, {}]".format(y0, y1),
        ]
    lines.append("milestones:")
    for m in milestones:
        lines += [
            "  - id: {}".format(m["id"]),
            "    phase: {}".format(m["phase"]),
            "    title: {{ko: {}, en: {}}}".format(yq(m["title_ko"]), yq(m["title_en"])),
            "    description: {{ko: {}, en: {}}}".format(yq(m["desc_ko"]), yq(m["desc_en"])),
            "    planned: {}".format(m["planned"]),
            "    status: {}".format(m["status"]),
        ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Releases
# --------------------------------------------------------------------------

def release_slots(rng, day):
    """One release's topic: the same values feed both language versions."""
    project = rng.choice(PROJECTS)
    field = rng.choice(FIELDS)
    field2 = rng.choice([f for f in FIELDS if f != field])
    tech = rng.choice(TECHS)
    place = rng.choice(PLACES)
    partner = rng.choice(PARTNERS)
    facility = rng.choice(FACILITIES)
    dept = rng.choice(DEPARTMENTS)
    title = rng.choice(OFFICIAL_TITLES)
    sur, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
    quote = rng.choice(QUOTES)
    amount = rng.randrange(3, 300) * 10
    amount2 = rng.choice([1, 2, 3, 5, 8, 10, 15, 20, 30, 50])
    year = day.year
    month = (day.month + rng.randint(0, 2) - 1) % 12 + 1
    year2 = year + rng.randint(1, 4)
    nums = {
        "year": year, "year2": year2,
        "amount": amount, "amount2": amount2,
        "n": rng.randint(2, 40), "n2": rng.randint(20, 900), "n3": rng.randint(100, 9000),
        "pct": rng.randint(3, 85), "pct2": rng.randint(12, 92),
        "month": month, "day": rng.randint(1, 28),
    }
    ko = dict(nums, org=ORG[0], project=project[0], field=field[0], field2=field2[0], tech=tech[0],
              place=place[0], partner=partner[0], facility=facility[0], dept=dept[0],
              person="{}{} {}".format(sur[0], given[0], title[0]),
              quote_said="“{}”{}".format(quote[0], josa(quote[0], "라고")[len(quote[0]):]))
    en = dict(nums, org=ORG[1], project=project[1], field=field[1], field2=field2[1], tech=tech[1],
              tech_cap=cap(tech[1]), place=place[1], partner=partner[1], partner_cap=cap(partner[1]),
              facility=facility[1], facility_cap=cap(facility[1]), dept=dept[1],
              person="{} {} {}".format(title[1], given[1], sur[1]), quote_cap=cap(quote[1]),
              amount_en=won_en(amount), amount2_en=won_en(amount2), month_name=MONTHS_EN[month - 1])
    return ko, en, dept


class Prose:
    """Sentences for one body: fixed templates dealt from a shuffled deck (so a
    template repeats only after all others were used), mixed with sentences
    composed from subject / time / object / verb parts."""

    def __init__(self, rng, lang, slots):
        self.rng, self.lang, self.slots = rng, lang, slots
        self.templates = KO_SENTENCES if lang == "ko" else EN_SENTENCES
        self.deck = []

    def fresh_slots(self):
        # Counts and percentages vary from sentence to sentence; the topic does not.
        rng = self.rng
        return dict(self.slots, n=rng.randint(2, 40), n2=rng.randint(20, 900),
                    n3=rng.randint(100, 9000), pct=rng.randint(3, 85), pct2=rng.randint(12, 92))

    def composed(self, slots):
        rng = self.rng
        parts = KO_PARTS if self.lang == "ko" else EN_PARTS
        subj, when, obj, verb = (render(rng.choice(parts[k]), slots) for k in ("subj", "when", "obj", "verb"))
        if self.lang == "ko":
            words = [josa(subj, "은"), when, josa(obj, "을"), verb]
        else:
            words = [subj, verb, obj, when]
        return " ".join(w for w in words if w) + "."

    def sentence(self):
        slots = self.fresh_slots()
        if self.rng.random() < 0.35:
            return self.composed(slots)
        if not self.deck:
            self.deck = list(range(len(self.templates)))
            self.rng.shuffle(self.deck)
        return render(self.templates[self.deck.pop()], slots)

    def paragraph(self, k_min=2, k_max=5):
        return " ".join(self.sentence() for _ in range(self.rng.randint(k_min, k_max)))


def table(rng, lang, slots):
    rows = rng.randint(3, 6)
    y1 = slots["year"] - 1
    y2 = slots["year"]
    fields = rng.sample(FIELDS, rows)
    if lang == "ko":
        head = ["| 구분 | {}년 | {}년 | 증감률 |".format(y1, y2), "|---|---:|---:|---:|"]
    else:
        head = ["| Sector | {} | {} | Change |".format(y1, y2), "|---|---:|---:|---:|"]
    body = []
    for f in fields:
        a = rng.randint(10, 900)
        b = max(1, a + rng.randint(-a // 3, a // 2 + 1))
        label = f[0] if lang == "ko" else cap(f[1])
        body.append("| {} | {:,} | {:,} | {:+.1f}% |".format(label, a, b, (b - a) * 100.0 / a))
    return "\n".join(head + body)


def code_block(rng, slots_en):
    lang = rng.choice(["json", "python", "rust"])
    n_lines = rng.randint(5, 15)
    n = slots_en["n"]
    if lang == "json":
        inner = [
            '  "programme": {},'.format(json.dumps(slots_en["project"])),
            '  "year": {},'.format(slots_en["year"]),
            '  "field": {},'.format(json.dumps(slots_en["field"])),
            '  "projects": {},'.format(n),
            '  "budget_krw_100m": {},'.format(slots_en["amount"]),
            '  "open_data_sets": {},'.format(slots_en["n3"]),
            '  "trainees": {},'.format(slots_en["n2"]),
            '  "survey_agree_pct": {},'.format(slots_en["pct2"]),
            '  "growth_pct": {},'.format(slots_en["pct"]),
            '  "partner": {},'.format(json.dumps(slots_en["partner"])),
            '  "site": {},'.format(json.dumps(slots_en["place"])),
            '  "facility": {},'.format(json.dumps(slots_en["facility"])),
            '  "opens": {},'.format(slots_en["year2"]),
        ]
        inner = inner[:max(3, n_lines - 2)]
        inner[-1] = inner[-1].rstrip(",")
        lines = ["{"] + inner + ["}"]
    elif lang == "python":
        pool = [
            "import json",
            "from urllib.request import urlopen",
            "",
            'URL = "https://bench.example.org/api/releases.json"',
            "",
            "with urlopen(URL) as resp:",
            "    releases = json.load(resp)",
            "",
            'ai = [r for r in releases if "ai" in r["tags"]]',
            'print(f"{len(ai)} of {len(releases)} releases mention AI")',
            "for r in ai[:%d]:" % n,
            '    print(r["date"], r["title"])',
            "",
            "total = sum(r.get(\"budget\", 0) for r in ai)",
            'print("budget:", total)',
        ]
        lines = pool[:n_lines]
        while lines and not lines[-1]:
            lines.pop()
        if lines[-1].endswith(":"):
            lines.append("    pass")
    else:
        pool = [
            "/// Share of applications that passed the first review.",
            "fn pass_rate(passed: u32, total: u32) -> f64 {",
            "    if total == 0 {",
            "        return 0.0;",
            "    }",
            "    f64::from(passed) / f64::from(total) * 100.0",
            "}",
            "",
            "fn main() {",
            "    let (passed, total) = ({}, {});".format(n, slots_en["n2"]),
            '    println!("pass rate: {:.1}%", pass_rate(passed, total));',
            "    let budget_krw_100m: u64 = {};".format(slots_en["amount"]),
            '    println!("budget per project: {}", budget_krw_100m / u64::from(passed));',
            "    assert!(passed <= total);",
            "}",
        ]
        lines = pool[:n_lines]
        depth = sum(l.count("{") - l.count("}") for l in lines)
        lines += ["}"] * max(depth, 0)
    return "```{}\n{}\n```".format(lang, "\n".join(lines))


def word_count(text):
    return len(text.split())


def body(rng, lang, slots, sections, extras):
    """Markdown body: a lead paragraph, then `##` sections filled until the word budget is met."""
    if lang == "ko":
        bullets, html = KO_BULLETS, KO_HTML_SENTENCES
    else:
        bullets, html = EN_BULLETS, EN_HTML_SENTENCES
    prose = Prose(rng, lang, slots)
    target = rng.randint(400, 900)
    blocks = [prose.paragraph(2, 3)]
    if extras["html"]:
        blocks[0] += " " + render(rng.choice(html), slots)
    # Each section overshoots its budget by about half a paragraph on average.
    per_section = max(40, (target - word_count(blocks[0])) // len(sections) - 25)
    footnote_ref_done = False
    for si, (ko_h, en_h) in enumerate(sections):
        blocks.append("## " + (ko_h if lang == "ko" else en_h))
        words = 0
        if si == 1 or (si > 1 and rng.random() < 0.3):
            if rng.random() < 0.3:
                sub = rng.choice(FIELDS)
                blocks.append("### " + (sub[0] + " 분야" if lang == "ko" else cap(sub[1])))
            items = rng.sample(bullets, rng.randint(3, 6))
            ordered = rng.random() < 0.25
            lines = []
            for i, b in enumerate(items, 1):
                lines.append("{} {}".format("{}.".format(i) if ordered else "-", render(b, prose.fresh_slots())))
            blocks.append("\n".join(lines))
            words += word_count(blocks[-1])
        if si == 1 and extras["table"]:
            caption = "**{}**".format("분야별 지원 현황 (단위: 억 원)" if lang == "ko" else "Support by sector (KRW 100 million)")
            blocks.append(caption)
            blocks.append(table(rng, lang, slots))
        if si == 1 and extras["code"]:
            blocks.append("데이터는 다음과 같이 조회할 수 있다." if lang == "ko"
                          else "The data can be queried as follows.")
            blocks.append(code_block(rng, extras["slots_en"]))
        while words < per_section:
            p = prose.paragraph()
            if extras["footnote"] and not footnote_ref_done:
                p += "[^1]"
                footnote_ref_done = True
            if rng.random() < 0.08:
                p = "> " + p
            blocks.append(p)
            words += word_count(p)
    if extras["footnote"]:
        if lang == "ko":
            blocks.append("[^1]: {} {}, 「{}년 {} 분야 실태조사」 기준.".format(
                slots["org"], slots["dept"], slots["year"], slots["field"]))
        else:
            blocks.append("[^1]: Based on the {} {} survey of {} by the {}.".format(
                slots["year"], slots["org"], slots["field"], slots["dept"]))
    return "\n\n".join(blocks) + "\n"


def contacts(rng):
    people = []
    for (role_ko, role_en), ranks in CONTACT_ROLES:
        for _ in range(1 if role_ko == "책임자" else rng.randint(1, 2)):
            sur, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
            rank = rng.choice(ranks)
            email = "{}.{}@bench.example.org".format(given[1].lower().replace("-", ""), sur[1].lower())
            people.append(((role_ko, role_en), rank, ("{}{}".format(sur[0], given[0]),
                                                      "{} {}".format(given[1], sur[1])), email))
    return people


def front_matter(lang, fm):
    i = 0 if lang == "ko" else 1
    lines = ["---",
             "title: " + yq(fm["title"][i]),
             "date: " + fm["date"],
             "kind: " + yq(fm["kind"]),
             "summary: " + yq(fm["summary"][i])]
    if lang == "ko":
        lines.append("highlights:")
        lines += ["  - " + yq(h) for h in fm["highlights"]]
    lines.append("tags: [{}]".format(", ".join(fm["tags"])))
    lines.append("milestones: [{}]".format(", ".join(fm["milestones"])))
    lines.append("department: " + yq(fm["department"][i]))
    lines.append("contacts:")
    for role, rank, name, email in fm["contacts"]:
        lines.append("  - {{role: {}, rank: {}, name: {}, email: {}}}".format(
            yq(role[i]), yq(rank[i]), yq(name[i]), yq(email)))
    lines.append("sources:")
    for title, url in fm["sources"]:
        lines.append("  - {{title: {}, url: {}}}".format(yq(title[i]), yq(url)))
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def make_dates(rng, n):
    """n release times on weekdays during office hours, sorted (r-00001 is the oldest)."""
    start = datetime.date(RELEASE_YEARS[0], 1, 1).toordinal()
    end = datetime.date(RELEASE_YEARS[1], 12, 31).toordinal()
    out = []
    for _ in range(n):
        while True:
            d = datetime.date.fromordinal(rng.randint(start, end))
            if d.weekday() < 5 or rng.random() < 0.05:
                break
        hour = rng.choice([6, 9, 9, 10, 10, 11, 12, 14, 15, 16, 17])
        minute = rng.choice([0, 0, 0, 15, 30, 30, 45])
        out.append((d, hour, minute))
    out.sort()
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a synthetic gongbo site for benchmarking.")
    ap.add_argument("n", type=int, metavar="N", help="number of bilingual releases")
    ap.add_argument("outdir", metavar="OUTDIR", help="site root to create (must be empty or missing)")
    ap.add_argument("--seed", type=int, default=20251124, help="random seed (default: 20251124)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    if os.path.exists(args.outdir) and (not os.path.isdir(args.outdir) or os.listdir(args.outdir)):
        ap.error("OUTDIR {} exists and is not an empty directory".format(args.outdir))

    rng = random.Random(args.seed)
    stats = {"files": 0, "bytes": 0}

    def write(rel, text):
        path = os.path.join(args.outdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        stats["files"] += 1
        stats["bytes"] += len(data)

    write("site.toml", SITE_TOML)
    write(os.path.join("content", "tags.yaml"), tags_yaml())
    milestones = make_milestones(rng)
    write(os.path.join("content", "milestones.yaml"), milestones_yaml(milestones))
    os.makedirs(os.path.join(args.outdir, "content", "releases"), exist_ok=True)

    tag_slugs = [t[0] for t in TAGS]
    # A long tail: a few tags are on many releases, most on few.
    tag_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(tag_slugs))]
    milestone_ids = [m["id"] for m in milestones]
    width = max(5, len(str(args.n)))
    used_titles = {}

    for idx, (day, hour, minute) in enumerate(make_dates(rng, args.n), 1):
        ko, en, dept = release_slots(rng, day)
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        t = rng.randrange(len(KO_TITLES))
        title_ko = KO_TITLE_PREFIX.get(kind, "") + render(KO_TITLES[t], ko)
        title_en = EN_TITLE_PREFIX.get(kind, "") + render(EN_TITLES[t], en)
        seen = used_titles.get(title_ko, 0) + 1
        used_titles[title_ko] = seen
        if seen > 1:
            title_ko += " ({}보)".format(seen)
            title_en += " (update {})".format(seen)
        s = rng.randrange(len(KO_SUMMARIES))
        r = rng.random()
        n_ms = 0 if r < 0.5 else (1 if r < 0.85 else 2)
        fm = {
            "title": (title_ko, title_en),
            "date": "{}T{:02d}:{:02d}".format(day.isoformat(), hour, minute),
            "kind": kind,
            "summary": (render(KO_SUMMARIES[s], ko), render(EN_SUMMARIES[s], en)),
            "highlights": [render(h, ko) for h in rng.sample(KO_HIGHLIGHTS, rng.randint(1, 3))],
            "tags": weighted_sample(rng, tag_slugs, tag_weights, rng.randint(2, 4)),
            "milestones": sorted(rng.sample(milestone_ids, n_ms)),
            "department": dept,
            "contacts": contacts(rng),
            "sources": [],
        }
        for _ in range(rng.randint(1, 3)):
            st = rng.choice(SOURCE_TITLES)
            fm["sources"].append((
                (st[0].format(project=ko["project"], year=ko["year"], field=ko["field"], org=ko["org"]),
                 st[1].format(project=cap(en["project"]), year=en["year"], field=en["field"], org=en["org"])),
                "https://bench.example.org/files/{}/{:05d}.pdf".format(day.year, rng.randint(1, 99999)),
            ))
        extras = {
            "code": rng.random() < 0.05,
            "table": rng.random() < 0.10,
            "footnote": rng.random() < 0.03,
            "html": rng.random() < 0.05,
            "slots_en": en,
        }
        n_sections = rng.randint(3, 5)
        sections = [KO_SECTIONS[0], KO_SECTIONS[1]] + rng.sample(KO_SECTIONS[2:], n_sections - 2)
        stem = os.path.join("content", "releases", "r-{:0{w}d}".format(idx, w=width))
        write(stem + ".ko.md", front_matter("ko", fm) + body(rng, "ko", ko, sections, extras))
        write(stem + ".en.md", front_matter("en", fm) + body(rng, "en", en, sections, extras))

    print("gen_corpus: {} releases, {} files, {} bytes ({:.1f} MiB) in {} (seed {})".format(
        args.n, stats["files"], stats["bytes"], stats["bytes"] / 1048576, args.outdir, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
