"""The information sessions of the season, each at its university, in its city's time zone.

A session is written as the local time its university announces
("2027-01-20 18:00") and the IANA name of the city's zone
("Europe/Berlin"); `starts_at` and `ends_at` are aware datetimes in that zone,
and `time_zone` keeps the name so the session can be shown in it. `zh` gives
the university, city, venue and summary in Chinese.
"""

import datetime as dt
from zoneinfo import ZoneInfo

LENGTH = dt.timedelta(hours=2)


def _session(university, city, venue, starts, time_zone, units, summary, *, zh, capacity=200, online_url=""):
    university_zh, city_zh, venue_zh, summary_zh = zh
    starts_at = dt.datetime.fromisoformat(starts).replace(tzinfo=ZoneInfo(time_zone))
    return {
        "university": university,
        "university_zh": university_zh,
        "city": city,
        "city_zh": city_zh,
        "venue": venue,
        "venue_zh": venue_zh,
        "time_zone": time_zone,
        "starts_at": starts_at,
        # The same zone: wall-clock hours (no session crosses a clock change).
        "ends_at": starts_at + LENGTH,
        "units": units,
        "summary": summary,
        "summary_zh": summary_zh,
        "capacity": capacity,
        "online_url": online_url,
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
        zh=(
            "浙江大学",
            "杭州",
            "紫金港校区国际会议厅",
            "春季宣讲首站：介绍招聘项目与七大AI岗位类别，并与去年的实习生面对面交流答疑。",
        ),
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        "2026-03-26 19:00",
        "Asia/Shanghai",
        ["tongyi-laboratory", "qianwen", "amap"],
        "Researchers from Tongyi Laboratory on the Qwen models, and how the Star program works.",
        zh=(
            "北京大学",
            "北京",
            "英杰交流中心月华厅",
            "通义实验室研究员分享通义千问（Qwen）大模型，并介绍阿里星计划的运作方式。",
        ),
    ),
    _session(
        "Tsinghua University",
        "Beijing",
        "FIT Building, Multi-function Hall",
        "2026-03-31 19:00",
        "Asia/Shanghai",
        ["alibaba-cloud", "t-head", "tongyi-laboratory"],
        "AI infrastructure and chips: from GPU clusters to our own accelerators.",
        zh=(
            "清华大学",
            "北京",
            "FIT楼多功能厅",
            "AI基础设施与芯片专场：从GPU集群到自研加速芯片。",
        ),
    ),
    _session(
        "Shanghai Jiao Tong University",
        "Shanghai",
        "Minhang Campus, Student Innovation Center",
        "2026-04-09 19:00",
        "Asia/Shanghai",
        ["taotian-group", "alibaba-international", "ele-me"],
        "Search, recommendation and agents in commerce, with live demos.",
        zh=(
            "上海交通大学",
            "上海",
            "闵行校区学生创新中心",
            "电商中的搜索、推荐与智能体，现场演示。",
        ),
    ),
    _session(
        "Fudan University",
        "Shanghai",
        "Handan Campus, Guanghua Tower East, Lecture Hall",
        "2026-12-03 19:00",
        "Asia/Shanghai",
        ["qianwen", "taobao-deals", "alibaba-health"],
        "Building consumer AI products: what a product manager and an engineer do in their first month.",
        zh=(
            "复旦大学",
            "上海",
            "邯郸校区光华楼东主楼报告厅",
            "打造面向消费者的AI产品：产品经理和工程师入职第一个月都在做什么。",
        ),
    ),
    _session(
        "National University of Singapore",
        "Singapore",
        "University Town, Auditorium 1",
        "2026-12-08 18:30",
        "Asia/Singapore",
        ["alibaba-international", "alibaba-cloud", "tongyi-laboratory"],
        "Roles in Singapore and Hangzhou, and how cross-border applications and data consent work.",
        zh=(
            "新加坡国立大学",
            "新加坡",
            "大学城1号礼堂",
            "介绍新加坡与杭州的岗位，以及跨境申请与数据授权如何进行。",
        ),
    ),
    _session(
        "Nanyang Technological University",
        "Singapore",
        "Lee Kong Chian Lecture Theatre",
        "2026-12-10 18:30",
        "Asia/Singapore",
        ["alibaba-cloud", "alibaba-international", "fliggy"],
        "Cloud and AI infrastructure in Southeast Asia, with engineers from the Singapore office.",
        zh=(
            "南洋理工大学",
            "新加坡",
            "李光前讲堂",
            "东南亚的云计算与AI基础设施，新加坡办公室的工程师现场分享。",
        ),
    ),
    _session(
        "Technical University of Munich",
        "Munich",
        "Garching Campus, Department of Informatics, Lecture Hall 1",
        "2027-01-20 18:00",
        "Europe/Berlin",
        ["alibaba-cloud", "alibaba-international"],
        "Internships in Frankfurt and Hangzhou; talks on industrial AI and European cloud regions.",
        zh=(
            "慕尼黑工业大学",
            "慕尼黑",
            "加兴校区信息学院1号报告厅",
            "法兰克福与杭州的实习机会，以及产业AI与欧洲云地域的专题分享。",
        ),
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
        zh=(
            "斯坦福大学",
            "斯坦福",
            "黄仁勋工程中心麦肯齐厅",
            "桑尼维尔与杭州的实习机会：AI基础设施与通义千问（Qwen）大模型，桑尼维尔办公室的工程师现场分享。",
        ),
    ),
    _session(
        "Zhejiang University",
        "Hangzhou",
        "Yuquan Campus, Student Activity Center",
        "2027-03-16 19:00",
        "Asia/Shanghai",
        ["wukong", "qianwen", "alibaba-holding-group", "cainiao"],
        "Agents at work: how DingTalk and Qianwen teams build, evaluate and ship agents.",
        zh=(
            "浙江大学",
            "杭州",
            "玉泉校区学生活动中心",
            "智能体走进工作：钉钉与千问团队如何构建、评测并上线智能体。",
        ),
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        "2027-04-13 19:00",
        "Asia/Shanghai",
        ["amap", "youku", "tongyi-laboratory"],
        "The last spring session before applications close: maps, video and multimodal models.",
        zh=(
            "北京大学",
            "北京",
            "英杰交流中心月华厅",
            "申请截止前的最后一场春季宣讲：地图、视频与多模态大模型。",
        ),
    ),
    # The spring tour of 2027: the four universities in late March, a Bay Area open house, an online session.
    _session(
        "Zhejiang University",
        "Hangzhou",
        "Zijingang Campus, International Conference Hall",
        "2027-03-22 19:00",
        "Asia/Shanghai",
        ["tongyi-laboratory", "alibaba-cloud", "taotian-group", "qianwen"],
        "The spring tour opens where the group began: the 2027 internship program, the AI roles, and a Q&A "
        "with engineers who were interns two years ago.",
        zh=(
            "浙江大学",
            "杭州",
            "紫金港校区国际会议厅",
            "春季宣讲从集团的起点出发：介绍2027届实习生项目与AI岗位，并与两年前入职的实习生工程师交流答疑。",
        ),
        capacity=400,
    ),
    _session(
        "Peking University",
        "Beijing",
        "Yingjie Exchange Center, Yuehua Hall",
        "2027-03-24 19:00",
        "Asia/Shanghai",
        ["tongyi-laboratory", "qianwen", "amap"],
        "Large models in practice: training, evaluation and the products built on them.",
        zh=(
            "北京大学",
            "北京",
            "英杰交流中心月华厅",
            "大模型实践：训练、评测，以及基于大模型打造的产品。",
        ),
        capacity=300,
    ),
    _session(
        "Tsinghua University",
        "Beijing",
        "FIT Building, Multi-function Hall",
        "2027-03-25 19:00",
        "Asia/Shanghai",
        ["alibaba-cloud", "t-head", "tongyi-laboratory"],
        "From chips to clusters: AI infrastructure roles, with a small-group session afterwards (few seats).",
        zh=(
            "清华大学",
            "北京",
            "FIT楼多功能厅",
            "从芯片到集群：AI基础设施岗位介绍，会后小范围交流（名额有限）。",
        ),
        # Small on purpose: the demo shows a full session and its waitlist.
        capacity=3,
    ),
    _session(
        "Shanghai Jiao Tong University",
        "Shanghai",
        "Minhang Campus, Student Innovation Center",
        "2027-03-30 19:00",
        "Asia/Shanghai",
        ["taotian-group", "alibaba-international", "ele-me"],
        "Agents in commerce: search, recommendation and customer service, with live demos.",
        zh=(
            "上海交通大学",
            "上海",
            "闵行校区学生创新中心",
            "电商中的智能体：搜索、推荐与客服，现场演示。",
        ),
        capacity=300,
    ),
    _session(
        "Bay Area universities",
        "Sunnyvale",
        "Alibaba Sunnyvale office, main auditorium",
        "2027-03-18 17:30",
        "America/Los_Angeles",
        ["alibaba-cloud", "tongyi-laboratory"],
        "An open house for students of Bay Area universities: internships in Sunnyvale and Hangzhou.",
        zh=(
            "湾区高校",
            "桑尼维尔",
            "阿里巴巴桑尼维尔办公室主礼堂",
            "面向湾区高校学生的开放日：桑尼维尔与杭州的实习机会。",
        ),
        capacity=120,
    ),
    _session(
        "All universities (online)",
        "Online",
        "Live stream",
        "2027-01-13 19:00",
        "Asia/Shanghai",
        ["alibaba-holding-group", "tongyi-laboratory", "wukong"],
        "For students anywhere: the program, how to apply, and questions answered live.",
        zh=(
            "所有高校（线上）",
            "线上",
            "网络直播",
            "面向各地学生：介绍招聘项目与申请方式，现场直播答疑。",
        ),
        capacity=2000,
        online_url="https://live.demo.example/campus-2027",
    ),
]

# Held every month online, so the demo's list always has a session ahead whatever day it is seeded: written by
# its university name (one row, moved forward on each run), three weeks after the seeding day, on a weekday.
ROLLING_ONLINE = {
    "university": "Monthly online Q&A",
    "university_zh": "每月线上答疑",
    "city": "Online",
    "city_zh": "线上",
    "venue": "Live stream",
    "venue_zh": "网络直播",
    "time_zone": "Asia/Shanghai",
    "units": ["alibaba-cloud", "qianwen"],
    "summary": "Recruiters answer questions about applying, eligibility and the talent pool.",
    "summary_zh": "招聘团队解答申请、资格与人才库的相关问题。",
    "capacity": 1000,
    "online_url": "https://live.demo.example/monthly-qa",
}


def rolling_online_session(today: dt.date) -> dict:
    day = today + dt.timedelta(days=21)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    starts_at = dt.datetime.combine(day, dt.time(19, 0), tzinfo=ZoneInfo(ROLLING_ONLINE["time_zone"]))
    return {**ROLLING_ONLINE, "starts_at": starts_at, "ends_at": starts_at + LENGTH}
