"""The information sessions of the season, each at its university."""

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
SINGAPORE = ZoneInfo("Asia/Singapore")
BERLIN = ZoneInfo("Europe/Berlin")


def _session(university, city, venue, starts_at, units, summary):
    return {
        "university": university,
        "city": city,
        "venue": venue,
        "starts_at": starts_at,
        "ends_at": starts_at + dt.timedelta(hours=2),
        "units": units,
        "summary": summary,
    }


INFO_SESSIONS = [
    _session(
        "Zhejiang University",
        "Hangzhou",
        "Zijingang Campus, International Conference Hall",
        dt.datetime(2026, 3, 24, 19, 0, tzinfo=SHANGHAI),
        ["tongyi-laboratory", "alibaba-cloud", "taotian-group", "wukong"],
        "The opening session of the spring tour: the program, the seven AI role categories and a "
        "Q&A with last year's interns.",
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        dt.datetime(2026, 3, 26, 19, 0, tzinfo=SHANGHAI),
        ["tongyi-laboratory", "qianwen", "amap"],
        "Researchers from Tongyi Laboratory on the Qwen models, and how the Star program works.",
    ),
    _session(
        "Tsinghua University",
        "Beijing",
        "FIT Building, Multi-function Hall",
        dt.datetime(2026, 3, 31, 19, 0, tzinfo=SHANGHAI),
        ["alibaba-cloud", "t-head", "tongyi-laboratory"],
        "AI infrastructure and chips: from GPU clusters to our own accelerators.",
    ),
    _session(
        "Shanghai Jiao Tong University",
        "Shanghai",
        "Minhang Campus, Student Innovation Center",
        dt.datetime(2026, 4, 9, 19, 0, tzinfo=SHANGHAI),
        ["taotian-group", "alibaba-international", "ele-me"],
        "Search, recommendation and agents in commerce, with live demos.",
    ),
    _session(
        "Fudan University",
        "Shanghai",
        "Handan Campus, Guanghua Tower East, Lecture Hall",
        dt.datetime(2026, 12, 3, 19, 0, tzinfo=SHANGHAI),
        ["qianwen", "taobao-deals", "alibaba-health"],
        "Building consumer AI products: what a product manager and an engineer do in their first month.",
    ),
    _session(
        "National University of Singapore",
        "Singapore",
        "University Town, Auditorium 1",
        dt.datetime(2026, 12, 8, 18, 30, tzinfo=SINGAPORE),
        ["alibaba-international", "alibaba-cloud", "tongyi-laboratory"],
        "Roles in Singapore and Hangzhou, and how cross-border applications and data consent work.",
    ),
    _session(
        "Nanyang Technological University",
        "Singapore",
        "Lee Kong Chian Lecture Theatre",
        dt.datetime(2026, 12, 10, 18, 30, tzinfo=SINGAPORE),
        ["alibaba-cloud", "alibaba-international", "fliggy"],
        "Cloud and AI infrastructure in Southeast Asia, with engineers from the Singapore office.",
    ),
    _session(
        "Technical University of Munich",
        "Munich",
        "Garching Campus, Department of Informatics, Lecture Hall 1",
        dt.datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN),
        ["alibaba-cloud", "alibaba-international"],
        "Internships in Frankfurt and Hangzhou; talks on industrial AI and European cloud regions.",
    ),
    _session(
        "Zhejiang University",
        "Hangzhou",
        "Yuquan Campus, Student Activity Center",
        dt.datetime(2027, 3, 16, 19, 0, tzinfo=SHANGHAI),
        ["wukong", "qianwen", "alibaba-holding-group", "cainiao"],
        "Agents at work: how DingTalk and Qianwen teams build, evaluate and ship agents.",
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        dt.datetime(2027, 4, 13, 19, 0, tzinfo=SHANGHAI),
        ["amap", "youku", "tongyi-laboratory"],
        "The last spring session before applications close: maps, video and multimodal models.",
    ),
]
