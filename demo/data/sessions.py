"""The information sessions of the season, each at its university, in its city's time zone.

A session is written as the local time its university announces
("2027-01-20 18:00") and the IANA name of the city's zone
("Europe/Berlin"); `starts_at` and `ends_at` are aware datetimes in that zone,
and `time_zone` keeps the name so the session can be shown in it.
"""

import datetime as dt
from zoneinfo import ZoneInfo

LENGTH = dt.timedelta(hours=2)


def _session(university, city, venue, starts, time_zone, units, summary):
    starts_at = dt.datetime.fromisoformat(starts).replace(tzinfo=ZoneInfo(time_zone))
    return {
        "university": university,
        "city": city,
        "venue": venue,
        "time_zone": time_zone,
        "starts_at": starts_at,
        # The same zone: wall-clock hours (no session crosses a clock change).
        "ends_at": starts_at + LENGTH,
        "units": units,
        "summary": summary,
    }


INFO_SESSIONS = [
    _session(
        "Zhejiang University",
        "Hangzhou",
        "Zijingang Campus, International Conference Hall",
        "2026-03-24 19:00",
        "Asia/Shanghai",
        ["tongyi-laboratory", "alibaba-cloud", "taotian-group", "wukong"],
        "The opening session of the spring tour: the program, the seven AI role categories and a "
        "Q&A with last year's interns.",
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        "2026-03-26 19:00",
        "Asia/Shanghai",
        ["tongyi-laboratory", "qianwen", "amap"],
        "Researchers from Tongyi Laboratory on the Qwen models, and how the Star program works.",
    ),
    _session(
        "Tsinghua University",
        "Beijing",
        "FIT Building, Multi-function Hall",
        "2026-03-31 19:00",
        "Asia/Shanghai",
        ["alibaba-cloud", "t-head", "tongyi-laboratory"],
        "AI infrastructure and chips: from GPU clusters to our own accelerators.",
    ),
    _session(
        "Shanghai Jiao Tong University",
        "Shanghai",
        "Minhang Campus, Student Innovation Center",
        "2026-04-09 19:00",
        "Asia/Shanghai",
        ["taotian-group", "alibaba-international", "ele-me"],
        "Search, recommendation and agents in commerce, with live demos.",
    ),
    _session(
        "Fudan University",
        "Shanghai",
        "Handan Campus, Guanghua Tower East, Lecture Hall",
        "2026-12-03 19:00",
        "Asia/Shanghai",
        ["qianwen", "taobao-deals", "alibaba-health"],
        "Building consumer AI products: what a product manager and an engineer do in their first month.",
    ),
    _session(
        "National University of Singapore",
        "Singapore",
        "University Town, Auditorium 1",
        "2026-12-08 18:30",
        "Asia/Singapore",
        ["alibaba-international", "alibaba-cloud", "tongyi-laboratory"],
        "Roles in Singapore and Hangzhou, and how cross-border applications and data consent work.",
    ),
    _session(
        "Nanyang Technological University",
        "Singapore",
        "Lee Kong Chian Lecture Theatre",
        "2026-12-10 18:30",
        "Asia/Singapore",
        ["alibaba-cloud", "alibaba-international", "fliggy"],
        "Cloud and AI infrastructure in Southeast Asia, with engineers from the Singapore office.",
    ),
    _session(
        "Technical University of Munich",
        "Munich",
        "Garching Campus, Department of Informatics, Lecture Hall 1",
        "2027-01-20 18:00",
        "Europe/Berlin",
        ["alibaba-cloud", "alibaba-international"],
        "Internships in Frankfurt and Hangzhou; talks on industrial AI and European cloud regions.",
    ),
    _session(
        "Stanford University",
        "Stanford",
        "Huang Engineering Center, Mackenzie Room",
        "2027-02-03 18:00",
        "America/Los_Angeles",
        ["alibaba-cloud", "tongyi-laboratory"],
        "Internships in Sunnyvale and Hangzhou: AI infrastructure and the Qwen models, with engineers from "
        "the Sunnyvale office.",
    ),
    _session(
        "Zhejiang University",
        "Hangzhou",
        "Yuquan Campus, Student Activity Center",
        "2027-03-16 19:00",
        "Asia/Shanghai",
        ["wukong", "qianwen", "alibaba-holding-group", "cainiao"],
        "Agents at work: how DingTalk and Qianwen teams build, evaluate and ship agents.",
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        "2027-04-13 19:00",
        "Asia/Shanghai",
        ["amap", "youku", "tongyi-laboratory"],
        "The last spring session before applications close: maps, video and multimodal models.",
    ),
]
