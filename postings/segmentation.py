"""Chinese word segmentation for the board's search (rjieba, jieba's dictionary and algorithm in Rust).

Chinese is written without spaces, so PostgreSQL's parser reads a whole run of
Chinese characters as one token ("负责大模型智能体的评测" is one "word"), and
a word inside the run cannot be found in the full-text vector. Segmenting the
Chinese text into space-separated words before it is indexed makes each word
a lexeme of its own; segmenting the query the same way makes the query's
words the same lexemes.

- `segment_for_index()`: the words of a text for the index, space-separated,
  in jieba's search mode, which gives a long word and the dictionary words
  inside it (前端开发 -> 前端 开发 前端开发; 阿里云 -> 阿里 阿里云), so both the
  long and the short word are found. `index_words()` keeps those the
  parser would not find by itself: what postings.models.search_text_for
  adds to the search text.
- `query_words()`: the words of a query, in jieba's accurate mode (the
  longest words; each is then among the index's words when the text says it).
- `has_chinese()`, `needs_segmenting()`: which text to segment.

Both keep English words as they are (PostgreSQL's english configuration
stems them) and drop punctuation and symbols (ASCII and full-width, emoji):
words are runs of letters and digits. Text is NFKC-normalised first, so
full-width letters and digits (Ｐｙｔｈｏｎ, ２０２７) are the ASCII ones.

rjieba ships its dictionary inside the package: it is loaded once per
process, on the first text to segment (about 0.15 s and 33 MB), not at
start-up, so a worker, beat or a management command that never segments does
not pay for it; nothing is downloaded. A few words of this portal that the general dictionary lacks are
added to it (DOMAIN_WORDS); rjieba is used nowhere else in the project.

Cost, measured on a busy two-core machine: building the search text of a
typical bilingual posting (800 characters of English, 280 of Chinese) takes
about 0.3 ms, nearly all of it here (NFKC a third, jieba a quarter); the
5,000 postings of `seed_volume --postings 5000` with Chinese names took
1.5 s in all. Segmenting a query takes about 6 microseconds.
"""

import functools
import re
import unicodedata

# Words of this catalogue jieba's general dictionary splits (阿里云 -> 阿里 云,
# 大模型 -> 大 模型, 钉钉 -> 钉 钉): units and products, AI and job words.
# Changing the list changes how text is indexed: migrate a refresh of the
# search text with it (like migration 0007).
DOMAIN_WORDS = (
    # Units, subsidiaries and products.
    "阿里云",
    "阿里国际",
    "阿里健康",
    "淘天",
    "闪购",
    "通义千问",
    "千问",
    "钉钉",
    "平头哥",
    "高德",
    "饿了么",
    "飞猪",
    "优酷",
    "盒马",
    # AI and engineering.
    "大模型",
    "大语言模型",
    "语言模型",
    "多模态",
    "智能体",
    "具身智能",
    "强化学习",
    "深度学习",
    "机器学习",
    "向量数据库",
    "检索增强",
    "预训练",
    "云计算",
    "后端",
    "运维",
    # Jobs and places.
    "产品经理",
    "校招",
    "桑尼维尔",
)


@functools.cache
def _jieba():
    """rjieba with its dictionary loaded and this portal's words added (once per process)."""
    import rjieba  # importing loads the dictionary: only when first needed

    for word in DOMAIN_WORDS:
        # The frequency jieba suggests is the one that keeps the word whole.
        rjieba.add_word(word, rjieba.suggest_freq(word), None)
    return rjieba


# Chinese (Han) characters: the unified ideographs, extension A, the
# compatibility ideographs and the supplementary planes' extensions.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAS_HAN = re.compile(f"[{_HAN}]")
# What makes a query term worth segmenting: Chinese characters, Chinese
# punctuation (the CJK symbols block) or full-width forms.
_SEGMENTABLE = re.compile(f"[{_HAN}\u3000-\u303f\uff00-\uffef]")
# A word: letters and digits of any script (\w without the underscore).
_WORD = re.compile(r"[^\W_]+")
# ASCII words PostgreSQL's parser finds by themselves: not touching a
# non-ASCII character, which would make it part of a longer token
# ("熟悉Python" is one token; so is "Python、PyTorch" where the database's
# locale counts every non-ASCII character as a letter, as "C" does).
_STANDALONE_ASCII = re.compile(r"(?<![A-Za-z0-9])(?<![^\s\x00-\x7f])[A-Za-z0-9]+(?![A-Za-z0-9])(?![^\s\x00-\x7f])")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def has_chinese(text: str) -> bool:
    return bool(_HAS_HAN.search(text))


def needs_segmenting(term: str) -> bool:
    """Whether a query term holds Chinese characters or punctuation (and is searched by its words)."""
    return bool(_SEGMENTABLE.search(term))


def _words(tokens) -> list[str]:
    return [word for token in tokens for word in _WORD.findall(token)]


def segment_for_index(text: str) -> str:
    """Every word of `text`, space-separated, in search mode: 'AI应用算法工程师，负责大模型' ->
    'AI 应用 算法 工程 工程师 负责 模型 大模型'."""
    return " ".join(_words(_jieba().cut_for_search(normalize(text))))


def index_words(text: str) -> str:
    """The words of `text` PostgreSQL's parser would not find by itself, space-separated.

    That is its Chinese words and the English words written against Chinese
    ("熟悉Python"); English text is left to the parser, which already finds
    (and stems) its words, so they are not counted twice. Empty for English
    text.
    """
    if not has_chinese(text):
        return ""
    found = set(_STANDALONE_ASCII.findall(text))
    return " ".join(word for word in segment_for_index(text).split() if word not in found)


def query_words(term: str) -> list[str]:
    """The words of a query term, in accurate mode: '大模型杭州' -> ['大模型', '杭州'];
    punctuation only -> []."""
    return _words(_jieba().cut(normalize(term)))
