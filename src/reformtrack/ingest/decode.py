"""Text encodings of plan documents: valid UTF-8 at once; otherwise GB18030 and Big5 are both
tried and the decoding that yields common Chinese characters wins (charset-normalizer breaks
close calls); damaged text is decoded as far as it goes, for the repair to deal with."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# Text encodings

# The 500 commonest Chinese characters (by frequency in jieba's dictionary) and their traditional
# forms (OpenCC s2t, s2tw, s2hk). Right decodings of Chinese text are 55-75% made of these;
# Big5 read as GBK, GBK read as Big5, or random bytes, 5-25%. That gap is what tells them apart.
_COMMON_HAN = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可"
    "过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所"
    "如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城"
    "十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知"
    "级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领"
    "队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边"
    "据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑"
    "革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃"
    "观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编"
    "並亞來個們備傳價兒內兩別則動務勢區卻參員問喫單國圖團報場學實將專對導屬師帶幹幾廣張強後從復愛應戰據數"
    "斷於時書會東條業極構樣機權歷氣決沒況準漢濟為無熱爭爲爾現產當發眾種稱積紀約紅級組結給統經網線編縣總羣"
    "義聯聲職聽臺與舉華萬著處號衆術裏裝裡見規親觀計記設許話該認語說説調論證議變讓資質車軍較轉辦農這連進遊"
    "運過達遠選還邊鐵長門開間關陽隊際隨難電領頭題類風馬體魚麼黃點黨"
)
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# What a wrong Chinese decoding produces besides rare characters: private-use code points
# (GBK's user-defined rows, where Big5 punctuation lands), kana, bopomofo, Greek, Cyrillic,
# box drawing, small form variants, control characters and replacement characters.
_ODD_RE = re.compile(
    "[\ue000-\uf8ff\u3040-\u312f\u0370-\u04ff\u2500-\u257f\ufe50-\ufe6f\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")

# Decoders per family, commonest first: Windows writes Big5 as cp950, Hong Kong adds HKSCS;
# GB18030 reads GB2312 and GBK as well.
_FAMILY_CODECS: dict[str, tuple[str, ...]] = {"gb18030": ("gb18030",), "big5": ("cp950", "big5hkscs")}
_FAMILY_OF_LABEL: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5",
    "big5-hkscs": "big5",
    "big5hkscs": "big5",
    "cp950": "big5",
    "x-x-big5": "big5",
}
_SCORE_SAMPLE = 20_000  # characters; enough to decide, keeps large files fast
_DECISIVE_GAP = 0.15  # common-character ratios further apart than this need no tie-break


@dataclass(frozen=True)
class _Score:
    han: int
    common: int
    odd: int

    @property
    def ratio(self) -> float:
        total = self.han + self.odd
        return self.common / total if total else 0.0

    @property
    def plausible(self) -> bool:
        # Thresholds measured on plan text: right decodings of 30+ characters score >= 0.4,
        # wrong ones and random bytes <= 0.27. Very short texts are judged on odd characters only.
        total = self.han + self.odd
        if total < 5:
            return self.odd == 0
        if self.odd * 10 > total:
            return False
        return self.ratio >= (0.3 if total >= 30 else 0.2)


def _score(text: str) -> _Score:
    sample = text[:_SCORE_SAMPLE]
    han = _HAN_RE.findall(sample)
    return _Score(
        han=len(han), common=sum(1 for ch in han if ch in _COMMON_HAN), odd=len(_ODD_RE.findall(sample))
    )


def _decode_text(data: bytes, declared: str | None = None) -> tuple[str, str] | None:
    """Decode text bytes; return ``(text, encoding)`` or ``None`` when no encoding fits.

    ``declared`` is a charset label from an HTML page; it breaks ties but cannot override
    what the bytes show, because pages declaring gb2312 while holding UTF-8 are common.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            data = data[3:]  # the mark lied; judge the rest on its own
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    # Valid UTF-8 is conclusive: GB and Big5 text of any length practically never is, and
    # checking it first keeps the common case fast (no statistics at all).
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared_family = _FAMILY_OF_LABEL.get(declared.lower()) if declared else None
    chinese = _decode_chinese(data, declared_family)
    if chinese:
        return chinese
    if declared and declared_family is None:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeError, ValueError):
            pass  # a label naming no text codec, or one the bytes do not fit
    return _decode_damaged(data)


def _decode_chinese(data: bytes, declared_family: str | None) -> tuple[str, str] | None:
    candidates: dict[str, tuple[str, _Score]] = {}
    for family, decoders in _FAMILY_CODECS.items():
        for decoder in decoders:
            try:
                text = data.decode(decoder)
            except UnicodeDecodeError:
                continue
            score = _score(text)
            if score.plausible:
                candidates[family] = (text, score)
            break
    if not candidates:
        return None
    family = next(iter(candidates)) if len(candidates) == 1 else _break_tie(data, candidates, declared_family)
    return candidates[family][0], family


def _break_tie(data: bytes, candidates: dict[str, tuple[str, _Score]], declared_family: str | None) -> str:
    ranked = sorted(candidates, key=lambda f: candidates[f][1].ratio, reverse=True)
    if candidates[ranked[0]][1].ratio - candidates[ranked[1]][1].ratio >= _DECISIVE_GAP:
        return ranked[0]
    if declared_family in candidates:
        return declared_family
    # Close call, typically a short text: ask charset-normalizer, whose mess detector weighs
    # things our character count does not (punctuation, script mixing).
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5", "cp950", "big5hkscs"]).best()
    if best is not None:
        family = "gb18030" if best.encoding == "gb18030" else "big5"
        if family in candidates:
            return family
    return ranked[0]


def _decode_damaged(data: bytes) -> tuple[str, str] | None:
    # A file cut mid-character or with a stray byte should still read; allow one undecodable
    # byte per thousand characters, shown as U+FFFD for the repair stage to report.
    best: tuple[int, str, str] | None = None
    for family, decoder in (("utf-8", "utf-8"), ("gb18030", "gb18030"), ("big5", "cp950")):
        text = data.decode(decoder, errors="replace")
        bad = text.count("\ufffd")
        if bad > max(1, len(text) // 1000):
            continue
        without_bad = text.replace("\ufffd", "")
        if not _score(without_bad).plausible:
            continue
        if best is None or bad < best[0]:
            best = (bad, text, family)
    return (best[1], best[2]) if best else None
