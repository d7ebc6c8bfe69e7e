"""Dates and times as each language writes them (FORMAT_MODULE_PATH).

Templates use the names (`|date:"DATE_FORMAT"`), never a pattern of their
own, so a date reads "31 May 2027" in English and "2027年5月31日" in Chinese.
"""
