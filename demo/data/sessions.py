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


def _session(university, city, venue, starts, time_zone, units, summary, *, zh):
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
]
