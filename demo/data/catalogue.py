"""The demo catalogue as plain data: programs, locations, units, skills and role categories.

Each role category carries the templates its postings are written from
(`demo.composer`). Nothing here touches the database.

Every text is given in English and in Simplified Chinese, side by side: a
translated field's English under its own name (`name`, `summary`), its Chinese
under the same name with `_zh` (`name_zh`, `summary_zh`); templates and lists
the composer picks from hold (English, Chinese) pairs, so one random choice
writes both languages. `demo.catalogue` stores them in the `_en` and
`_zh_hans` columns (postings/translation.py).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.text import slugify

SHANGHAI = ZoneInfo("Asia/Shanghai")

SEED = 2027
# Drafts and closed postings give the admin something to publish and reopen.
PUBLISHED_COUNT = 120
DRAFT_COUNT = 5
CLOSED_COUNT = 3

# --- Programs ---------------------------------------------------------------

_WINDOW = {
    "graduation_start": dt.date(2026, 11, 1),
    "graduation_end": dt.date(2027, 10, 30),
    "applications_open": dt.datetime(2026, 3, 18, 0, 0, tzinfo=SHANGHAI),
    "applications_close": dt.datetime(2027, 5, 31, 23, 59, tzinfo=SHANGHAI),
    "max_active_applications": 2,
    "review": "ordered",
}

INTERNSHIP = "2027-internship"
STAR = "2027-star"

PROGRAMS = [
    {
        "slug": INTERNSHIP,
        "name": "2027 Global Campus Recruitment — Internship",
        "name_zh": "阿里巴巴2027届全球校园招聘·实习生",
        "track": "internship",
        "summary": (
            "Internships across 16 business groups and subsidiaries for students graduating between "
            "1 November 2026 and 30 October 2027. Most roles are in AI, in seven new role categories. "
            "Every resume enters the talent pool, so a candidate not selected by one unit may be "
            "considered by others."
        ),
        "summary_zh": (
            "面向2026年11月1日至2027年10月30日期间毕业的同学，16个业务集团及子公司开放实习岗位。"
            "AI相关岗位占比超过80%，分布在七个全新的AI岗位类别。"
            "所有简历都会进入人才库，未被某个业务选中的同学，仍有机会被其他业务考虑。"
        ),
        **_WINDOW,
    },
    {
        "slug": STAR,
        "name": "Star Program 2027 (research talent)",
        "name_zh": "阿里星计划 2027（科研人才）",
        "track": "research",
        "summary": (
            "The research-talent track for outstanding young researchers, in five areas: fundamental "
            "models, AI infrastructure, large model applications, industrial AI and computing "
            "architecture. Star researchers work on open problems with senior scientists and publish. "
            "Each role says whom it is open to: master's and doctoral students, or doctoral students only."
        ),
        "summary_zh": (
            "面向优秀青年研究者的科研人才通道，覆盖五大方向：基础模型、AI基础设施、大模型应用、产业AI与计算架构。"
            "阿里星与资深科学家一起攻关开放难题，并发表研究成果。"
            "每个岗位都注明了面向的对象：硕士及博士研究生，或仅限博士研究生。"
        ),
        **_WINDOW,
        # One Star application at a time: the committees read each candidate's one choice.
        "max_active_applications": 1,
    },
]

# --- Locations --------------------------------------------------------------

LOCATIONS = [
    {
        "slug": "hangzhou",
        "name": "Hangzhou",
        "name_zh": "杭州",
        "country": "China",
        "country_zh": "中国",
        "country_code": "CN",
        "in_mainland_china": True,
    },
    {
        "slug": "beijing",
        "name": "Beijing",
        "name_zh": "北京",
        "country": "China",
        "country_zh": "中国",
        "country_code": "CN",
        "in_mainland_china": True,
    },
    {
        "slug": "shanghai",
        "name": "Shanghai",
        "name_zh": "上海",
        "country": "China",
        "country_zh": "中国",
        "country_code": "CN",
        "in_mainland_china": True,
    },
    {
        "slug": "singapore",
        "name": "Singapore",
        "name_zh": "新加坡",
        "country": "Singapore",
        "country_zh": "新加坡",
        "country_code": "SG",
        "in_mainland_china": False,
    },
    {
        "slug": "frankfurt",
        "name": "Frankfurt",
        "name_zh": "法兰克福",
        "country": "Germany",
        "country_zh": "德国",
        "country_code": "DE",
        "in_mainland_china": False,
    },
    {
        "slug": "sunnyvale",
        "name": "Sunnyvale",
        "name_zh": "桑尼维尔",
        "country": "United States",
        "country_zh": "美国",
        "country_code": "US",
        "in_mainland_china": False,
    },
]
ABROAD = {location["slug"] for location in LOCATIONS if not location["in_mainland_china"]}

# --- Business units ---------------------------------------------------------
# `context` finishes the sentence "The team works on ..." (`context_zh`:
# "团队的工作方向是……"); `locations` are the
# cities the unit hires interns in; `favours` are categories it hires more of;
# `weight` is its relative share of postings.

_DEMO_NOTE = "Demo data: included to show a full catalogue, not one of the units named in the announcement."
_DEMO_NOTE_ZH = "演示数据：用于展示完整的岗位目录，并非招聘公告中公布的业务单元。"

UNITS = [
    {
        "slug": "alibaba-holding-group",
        "name": "Alibaba Holding Group",
        "name_zh": "阿里巴巴控股集团",
        "summary": (
            "The group's holding company: strategy, security and the shared technology platforms every "
            "business unit builds on."
        ),
        "summary_zh": "集团控股公司，负责集团战略、安全，以及各业务共同依托的技术平台。",
        "context": "group-wide platforms for security, data governance and internal AI tooling",
        "context_zh": "集团级的安全、数据治理平台与内部AI工具",
        "locations": ["hangzhou", "beijing", "shanghai"],
        "favours": ["ai-sre", "ai-data"],
        "weight": 2,
    },
    {
        "slug": "alibaba-cloud",
        "name": "Alibaba Cloud",
        "name_zh": "阿里云",
        "summary": (
            "Cloud computing and AI infrastructure for customers worldwide, from elastic compute and "
            "databases to model training and serving."
        ),
        "summary_zh": "为全球客户提供云计算与AI基础设施，从弹性计算、数据库到大模型训练与推理服务。",
        "context": "Model Studio, the PAI machine-learning platform and the GPU clusters behind them",
        "context_zh": "阿里云百炼大模型服务平台、人工智能平台PAI，以及支撑它们的GPU集群",
        "locations": ["hangzhou", "beijing", "shanghai", "singapore", "frankfurt", "sunnyvale"],
        "favours": ["ai-infrastructure", "agent-infrastructure", "ai-sre"],
        "weight": 4,
    },
    {
        "slug": "taotian-group",
        "name": "Taotian Group",
        "name_zh": "淘天集团",
        "summary": (
            "Runs Taobao and Tmall, China's largest online marketplaces, and the search, recommendation "
            "and advertising systems behind them."
        ),
        "summary_zh": "运营中国最大的网购平台淘宝和天猫，以及背后的搜索、推荐与广告系统。",
        "context": "search, recommendation and advertising for Taobao and Tmall",
        "context_zh": "淘宝、天猫的搜索、推荐与广告",
        "locations": ["hangzhou", "beijing", "shanghai"],
        "favours": ["ai-application-algorithm", "ai-application-rd"],
        "weight": 3,
    },
    {
        "slug": "taobao-deals",
        "name": "Taobao Deals",
        "name_zh": "淘宝闪购",
        "summary": (
            "Taobao's value-for-money shopping app, connecting factories and farms directly with "
            "price-conscious shoppers."
        ),
        "summary_zh": "淘宝旗下主打高性价比的购物应用，让工厂和农场直连精打细算的消费者。",
        "context": "the deals feed, pricing and the tools that help small merchants grow",
        "context_zh": "特价商品流、商品定价，以及帮助中小商家成长的工具",
        "locations": ["hangzhou", "shanghai"],
        "favours": ["ai-application-algorithm"],
        "weight": 2,
    },
    {
        "slug": "alibaba-international",
        "name": "Alibaba International",
        "name_zh": "阿里国际",
        "summary": (
            "The group's cross-border and overseas commerce businesses, including AliExpress and "
            "Alibaba.com, serving shoppers and businesses around the world."
        ),
        "summary_zh": (
            "集团的跨境与海外电商业务，包括速卖通（AliExpress）和阿里巴巴国际站（Alibaba.com），"
            "服务全球的消费者与企业。"
        ),
        "context": (
            "multilingual search, AI sourcing assistants and cross-border logistics for AliExpress and Alibaba.com"
        ),
        "context_zh": "速卖通与阿里巴巴国际站的多语言搜索、AI采购助手与跨境物流",
        "locations": ["hangzhou", "singapore", "frankfurt"],
        "favours": ["ai-application-rd", "ai-agent-optimization"],
        "weight": 3,
    },
    {
        "slug": "tongyi-laboratory",
        "name": "Tongyi Laboratory",
        "name_zh": "通义实验室",
        "summary": (
            "The group's foundation-model lab, home of the Qwen family of large language and multimodal models."
        ),
        "summary_zh": "集团的基础模型实验室，通义千问（Qwen）系列大语言模型与多模态大模型的诞生地。",
        "context": "pre-training, post-training and evaluation of the Qwen model family",
        "context_zh": "通义千问（Qwen）系列大模型的预训练、后训练与评测",
        "locations": ["hangzhou", "beijing", "shanghai", "singapore"],
        "favours": ["ai-application-algorithm", "ai-data", "ai-agent-optimization"],
        "weight": 4,
    },
    {
        "slug": "wukong",
        "name": "Wukong Business Unit (formerly DingTalk)",
        "name_zh": "悟空事业部（原钉钉）",
        "summary": (
            "Builds DingTalk, the workplace platform used by millions of organisations, and the AI "
            "assistants and agents that now work inside it."
        ),
        "summary_zh": "打造数百万组织都在用的工作平台钉钉，以及如今在钉钉里真正干活的AI助理与智能体。",
        "context": "AI assistants and agents that do real work inside DingTalk organisations",
        "context_zh": "在钉钉组织里真正干活的AI助理与智能体",
        "locations": ["hangzhou", "beijing"],
        "favours": ["ai-agent-optimization", "agent-infrastructure", "ai-application-rd"],
        "weight": 3,
    },
    {
        "slug": "qianwen",
        "name": "Qianwen Business Unit",
        "name_zh": "千问事业部",
        "summary": "Brings Qwen models to consumers through the Qianwen app and its assistant features.",
        "summary_zh": "通过千问App及其AI助手功能，把通义千问大模型带给普通用户。",
        "context": "conversation, search, memory and agents in the Qianwen consumer app",
        "context_zh": "千问App中的对话、搜索、记忆与智能体",
        "locations": ["hangzhou", "beijing", "shanghai"],
        "favours": ["ai-application-rd", "ai-agent-optimization"],
        "weight": 3,
    },
    {
        "slug": "t-head",
        "name": "T-Head",
        "name_zh": "平头哥",
        "summary": "The group's semiconductor unit: AI inference chips, server CPUs and RISC-V processor cores.",
        "summary_zh": "集团的半导体业务：AI推理芯片、服务器CPU与RISC-V处理器IP。",
        "context": "AI accelerators, server CPUs, XuanTie RISC-V cores and their software stack",
        "context_zh": "AI加速芯片、服务器CPU、玄铁RISC-V处理器及其软件栈",
        "locations": ["hangzhou", "shanghai", "beijing"],
        "favours": ["chip-design", "ai-infrastructure"],
        "weight": 2,
    },
    {
        "slug": "amap",
        "name": "Amap",
        "name_zh": "高德",
        "summary": "China's leading digital map and location service, from navigation and traffic to local life.",
        "summary_zh": "中国领先的数字地图与位置服务平台，覆盖导航、实时交通到本地生活。",
        "context": "navigation, real-time traffic prediction and the in-app travel assistant",
        "context_zh": "导航、实时路况预测与App内的出行助手",
        "locations": ["beijing", "hangzhou"],
        "favours": ["ai-application-algorithm", "ai-application-rd"],
        "weight": 2,
    },
    {
        "slug": "cainiao",
        "name": "Cainiao",
        "name_zh": "菜鸟",
        "summary": f"Logistics network, warehousing and last-mile delivery. {_DEMO_NOTE}",
        "summary_zh": f"物流网络、仓储与末端配送。{_DEMO_NOTE_ZH}",
        "context": "parcel routing, warehouse robotics and delivery-time prediction",
        "context_zh": "包裹路由、仓储机器人与送达时间预测",
        "locations": ["hangzhou", "shanghai", "singapore"],
        "favours": ["ai-application-algorithm"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "ele-me",
        "name": "Ele.me",
        "name_zh": "饿了么",
        "summary": f"On-demand food and grocery delivery. {_DEMO_NOTE}",
        "summary_zh": f"即时配送的外卖与生鲜杂货服务。{_DEMO_NOTE_ZH}",
        "context": "rider dispatch, delivery-time estimates and the ordering assistant",
        "context_zh": "骑手调度、送达时间预估与点餐助手",
        "locations": ["shanghai", "hangzhou"],
        "favours": ["ai-application-algorithm"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "fliggy",
        "name": "Fliggy",
        "name_zh": "飞猪",
        "summary": f"Online travel: flights, hotels and holiday packages. {_DEMO_NOTE}",
        "summary_zh": f"在线旅行服务：机票、酒店与度假产品。{_DEMO_NOTE_ZH}",
        "context": "trip planning, hotel ranking and the travel agent that books itineraries",
        "context_zh": "行程规划、酒店排序，以及帮用户预订整段行程的旅行智能体",
        "locations": ["hangzhou", "singapore"],
        "favours": ["ai-agent-optimization"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "youku",
        "name": "Youku",
        "name_zh": "优酷",
        "summary": f"Video streaming and original series. {_DEMO_NOTE}",
        "summary_zh": f"视频流媒体平台与原创剧集。{_DEMO_NOTE_ZH}",
        "context": "video understanding, subtitling, dubbing and personalised recommendations",
        "context_zh": "视频理解、字幕、配音与个性化推荐",
        "locations": ["beijing", "hangzhou"],
        "favours": ["ai-application-algorithm"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "alibaba-health",
        "name": "Alibaba Health",
        "name_zh": "阿里健康",
        "summary": f"Online pharmacy and digital health services. {_DEMO_NOTE}",
        "summary_zh": f"在线药房与数字健康服务。{_DEMO_NOTE_ZH}",
        "context": "the medication question-answering assistant and pharmacy supply chain",
        "context_zh": "用药问答助手与医药供应链",
        "locations": ["hangzhou", "beijing"],
        "favours": ["ai-application-rd", "ai-data"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "freshippo",
        "name": "Freshippo",
        "name_zh": "盒马",
        "summary": f"Grocery stores with app ordering and 30-minute delivery. {_DEMO_NOTE}",
        "summary_zh": f"线上下单、30分钟送达的生鲜门店。{_DEMO_NOTE_ZH}",
        "context": "demand forecasting, store replenishment and the shopping assistant",
        "context_zh": "需求预测、门店补货与购物助手",
        "locations": ["shanghai", "hangzhou", "beijing"],
        "favours": ["ai-application-algorithm", "ai-data"],
        "weight": 1,
        "is_demo": True,
    },
]

GENERIC_UNIT_CONTEXT = "the group's products and the platforms behind them"
GENERIC_UNIT_CONTEXT_ZH = "集团的产品及其背后的平台"

# --- Skills -----------------------------------------------------------------

SKILLS = [
    "Python",
    "C++",
    "Go",
    "Java",
    "Rust",
    "TypeScript",
    "React",
    "Node.js",
    "SQL",
    "PyTorch",
    "CUDA",
    "MLIR",
    "Compilers",
    "Kubernetes",
    "Linux",
    "LLM fine-tuning",
    "LLM evaluation",
    "LLM serving",
    "RAG",
    "Vector search",
    "Prompt engineering",
    "Function calling",
    "Multimodal models",
    "Computer vision",
    "Natural language processing",
    "Speech processing",
    "Recommender systems",
    "Information retrieval",
    "Time series",
    "Reinforcement learning",
    "Distributed systems",
    "Distributed training",
    "Microservices",
    "Kafka",
    "Redis",
    "Spark",
    "Flink",
    "Data pipelines",
    "Data labelling",
    "Statistics",
    "A/B testing",
    "Observability",
    "Networking",
    "Verilog",
    "SystemVerilog",
    "RISC-V",
    "Computer architecture",
    "User research",
]
_SKILL_SLUGS = {"C++": "cpp"}
# Skills named in words have a Chinese name; languages, tools and acronyms
# (Python, CUDA, Kubernetes, RAG, Verilog) are written the same in Chinese.
SKILL_NAMES_ZH = {
    "Compilers": "编译器",
    "LLM fine-tuning": "大模型微调",
    "LLM evaluation": "大模型评测",
    "LLM serving": "大模型推理服务",
    "Vector search": "向量检索",
    "Prompt engineering": "提示词工程",
    "Function calling": "函数调用",
    "Multimodal models": "多模态模型",
    "Computer vision": "计算机视觉",
    "Natural language processing": "自然语言处理",
    "Speech processing": "语音处理",
    "Recommender systems": "推荐系统",
    "Information retrieval": "信息检索",
    "Time series": "时间序列",
    "Reinforcement learning": "强化学习",
    "Distributed systems": "分布式系统",
    "Distributed training": "分布式训练",
    "Microservices": "微服务",
    "Data pipelines": "数据管道",
    "Data labelling": "数据标注",
    "Statistics": "统计学",
    "A/B testing": "A/B测试",
    "Observability": "可观测性",
    "Networking": "计算机网络",
    "Computer architecture": "计算机体系结构",
    "User research": "用户研究",
}


def skill_slug(name: str) -> str:
    """The skill's URL slug; "C++" would otherwise slugify to "c"."""
    return _SKILL_SLUGS.get(name) or slugify(name)


def skill_name_zh(name: str) -> str:
    """The skill's Chinese name: its own name when Chinese writes it the same way."""
    return SKILL_NAMES_ZH.get(name, name)


# --- Role categories and their posting templates ------------------------------
# Each focus becomes a title ("<role> Intern — <label>", "<岗位>（实习）— <label>"),
# the first sentence of the description ("... you will <duty>.", "……你将<duty>。"),
# a requirement line and skills. `zh` gives the label, duty (a verb phrase, no
# closing 。) and requirement line in Chinese; a category's `requirements` are
# (English, Chinese) pairs. `zh` on the category itself is the Chinese sentence
# some English descriptions have carried since before the Chinese columns.


def _focus(label, duty, skills, requirement, *, zh):
    label_zh, duty_zh, requirement_zh = zh
    return {
        "label": label,
        "label_zh": label_zh,
        "duty": duty,
        "duty_zh": duty_zh,
        "skills": skills,
        "requirement": requirement,
        "requirement_zh": requirement_zh,
    }


CS_FIELDS = "computer science, software engineering, artificial intelligence, mathematics or a related field"
CS_FIELDS_ZH = "计算机科学、软件工程、人工智能、数学等相关专业"

CATEGORIES = [
    {
        "slug": "ai-application-rd",
        "name": "AI Application R&D Engineer",
        "name_zh": "AI应用研发工程师",
        "is_ai": True,
        "summary": (
            "Builds products on large models: the services, retrieval and tool pipelines and user-facing "
            "features that put models in front of users."
        ),
        "summary_zh": "基于大模型打造产品：构建服务、检索与工具调用链路，以及把模型真正带到用户面前的产品功能。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Python", "Java", "Go", "Prompt engineering", "RAG", "Microservices"],
        "requirements": [
            (
                "Strong programming skills and a habit of writing tests.",
                "扎实的编程能力，有为代码编写测试的习惯。",
            ),
            (
                "Has built something with a large-model API and can explain what went wrong along the way.",
                "用大模型API做过项目，并能讲清楚过程中踩过哪些坑。",
            ),
            (
                "Good grasp of data structures, networking and databases.",
                "熟练掌握数据结构、计算机网络与数据库基础。",
            ),
        ],
        "zh": "岗位职责：参与大模型应用的研发，把检索增强生成（RAG）与智能体能力落地到真实产品。",
        "foci": [
            _focus(
                "Retrieval-augmented generation",
                "build retrieval-augmented generation services that ground model answers in documents, "
                "product data and user context",
                ["RAG", "Vector search", "Python"],
                "Has built a RAG pipeline end to end: chunking, embeddings, vector search and grounded answers.",
                zh=(
                    "检索增强生成",
                    "构建检索增强生成（RAG）服务，让大模型的回答立足于文档、商品数据与用户上下文",
                    "独立搭建过完整的RAG链路：文档切分、向量化、向量检索与有据可依的回答。",
                ),
            ),
            _focus(
                "Conversational assistant back end",
                "develop the back end of a conversational assistant: session state, streaming responses, "
                "safety filters and tool calls",
                ["Java", "Go", "Distributed systems"],
                "Solid back-end engineering in Java, Go or Python, including API design.",
                zh=(
                    "对话助手后端",
                    "开发大模型对话助手的后端，包括会话状态、流式响应、安全过滤与工具调用",
                    "具备扎实的Java、Go或Python后端开发能力，包括API设计。",
                ),
            ),
            _focus(
                "Multimodal features",
                "turn image, speech and video models into product features, from prototype to a service "
                "that handles real traffic",
                ["Multimodal models", "PyTorch", "TypeScript"],
                "Curiosity about multimodal models and the product sense to judge what users will use.",
                zh=(
                    "多模态功能",
                    "把图像、语音和视频模型做成产品功能，从原型一路做到能承接真实流量的线上服务",
                    "对多模态大模型充满好奇，有产品感，能判断用户真正会用什么。",
                ),
            ),
            _focus(
                "Tool and MCP integrations",
                "connect large models to internal systems through Model Context Protocol servers and "
                "well-described tools",
                ["Function calling", "TypeScript", "Python"],
                "Has written a tool or plugin for a large model (function calling, MCP or similar).",
                zh=(
                    "工具与MCP集成",
                    "通过模型上下文协议（MCP）服务和描述清晰的工具，把大模型接入内部系统",
                    "为大模型开发过工具或插件（函数调用、MCP或类似机制）。",
                ),
            ),
            _focus(
                "Evaluation tooling",
                "build tooling that measures the quality, latency and cost of every model and prompt change "
                "before it reaches users",
                ["LLM evaluation", "SQL", "A/B testing"],
                "Understands offline and online evaluation and what a metric does not measure.",
                zh=(
                    "评测工具",
                    "搭建评测工具，在每一次模型与提示词变更上线前，衡量它对效果、延迟和成本的影响",
                    "理解离线评测与在线评测，也清楚一个指标衡量不了什么。",
                ),
            ),
            _focus(
                "AI coding assistant",
                "improve an AI coding assistant used by thousands of engineers: code retrieval, completion "
                "ranking and review suggestions",
                ["Information retrieval", "Java", "LLM fine-tuning"],
                "Experience with code search, static analysis or IDE plugins is a plus.",
                zh=(
                    "AI编程助手",
                    "改进数千名工程师每天使用的AI编程助手，包括代码检索、补全排序与代码评审建议",
                    "有代码搜索、静态分析或IDE插件开发经验者优先。",
                ),
            ),
        ],
    },
    {
        "slug": "ai-application-algorithm",
        "name": "AI Application Algorithm Engineer",
        "name_zh": "AI应用算法工程师",
        "is_ai": True,
        "summary": (
            "Designs and trains the models behind AI products: fine-tuning, retrieval and ranking, "
            "multimodal understanding, and their offline and online evaluation."
        ),
        "summary_zh": "设计并训练AI产品背后的模型：大模型微调、检索与排序、多模态理解，以及离线与在线效果评估。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Python", "PyTorch", "LLM fine-tuning", "Natural language processing", "Statistics"],
        "requirements": [
            (
                "Solid foundations in machine learning and deep learning; reads papers and reproduces them.",
                "具备扎实的机器学习与深度学习基础，能阅读并复现论文。",
            ),
            (
                "Fluent in Python and PyTorch, with experience training models on real data.",
                "熟练使用Python和PyTorch，有在真实数据上训练模型的经验。",
            ),
            (
                "Clear thinking about experiments: baselines, ablations and significance.",
                "做实验思路清晰：重视基线、消融实验与显著性检验。",
            ),
        ],
        "zh": "岗位职责：负责大模型微调、对齐与效果评估，持续提升线上业务指标。",
        "foci": [
            _focus(
                "Search relevance with large models",
                "apply large models to query understanding and relevance ranking, and prove each change in "
                "online experiments",
                ["Information retrieval", "A/B testing", "Natural language processing"],
                "Experience with learning to rank, dense retrieval or query understanding.",
                zh=(
                    "大模型搜索相关性",
                    "将大模型应用于查询理解与相关性排序，并通过线上实验验证每一次改动",
                    "有排序学习（LTR）、稠密检索或查询理解相关经验。",
                ),
            ),
            _focus(
                "Generative recommendation",
                "explore generative recommendation: models that produce the next items a user wants instead "
                "of scoring candidates one by one",
                ["Recommender systems", "Distributed training", "PyTorch"],
                "Knows modern recommender architectures and how they are evaluated online.",
                zh=(
                    "生成式推荐",
                    "探索生成式推荐：让模型直接生成用户接下来想要的商品，而不是对候选逐个打分",
                    "了解主流推荐模型架构，以及它们的线上评估方式。",
                ),
            ),
            _focus(
                "Post-training and alignment",
                "run supervised fine-tuning and preference optimisation on domain models, and build the "
                "reward models that guide them",
                ["LLM fine-tuning", "Reinforcement learning", "PyTorch"],
                "Has fine-tuned an open model (SFT, DPO or RLHF) and measured the result honestly.",
                zh=(
                    "后训练与对齐",
                    "对领域大模型进行监督微调（SFT）与偏好优化，并构建引导训练的奖励模型",
                    "微调过开源大模型（SFT、DPO或RLHF），并如实评估过效果。",
                ),
            ),
            _focus(
                "Multimodal understanding",
                "train models that understand product images, short videos and the text around them",
                ["Computer vision", "Multimodal models", "PyTorch"],
                "Experience with vision-language models, contrastive pre-training or video understanding.",
                zh=(
                    "多模态理解",
                    "训练能看懂商品图片、短视频及其周边文本的多模态模型",
                    "有视觉-语言模型、对比学习预训练或视频理解相关经验。",
                ),
            ),
            _focus(
                "Speech and dialogue",
                "improve speech recognition and spoken dialogue for a voice assistant used in noisy, "
                "real-world conditions",
                ["Speech processing", "Natural language processing", "PyTorch"],
                "Experience with speech recognition, speech synthesis or spoken language understanding.",
                zh=(
                    "语音与对话",
                    "提升语音助手在嘈杂真实环境下的语音识别与口语对话能力",
                    "有语音识别、语音合成或口语理解相关经验。",
                ),
            ),
            _focus(
                "Spatio-temporal forecasting",
                "forecast demand, traffic or delivery times with models that combine maps, time series and language",
                ["Time series", "Spark", "PyTorch"],
                "Experience with time-series forecasting or graph neural networks.",
                zh=(
                    "时空预测",
                    "用融合地图、时间序列与语言信息的模型，预测需求、交通或送达时间",
                    "有时间序列预测或图神经网络相关经验。",
                ),
            ),
        ],
    },
    {
        "slug": "ai-agent-optimization",
        "name": "AI Agent Optimization Engineer",
        "name_zh": "AI Agent优化工程师",
        "is_ai": True,
        "summary": (
            "Makes agents better at real tasks: tool use, planning and memory, measured with evaluation "
            "sets and improved with data, prompts and reinforcement learning."
        ),
        "summary_zh": (
            "让智能体（Agent）在真实任务中表现更好：工具调用、任务规划与记忆，"
            "用评测集衡量效果，用数据、提示词和强化学习持续优化。"
        ),
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Python", "LLM evaluation", "Prompt engineering", "Reinforcement learning", "Function calling"],
        "requirements": [
            (
                "Has built or evaluated an LLM agent and can describe how it failed.",
                "搭建或评测过基于大模型的智能体，并能说清它在哪些地方失败。",
            ),
            (
                "Fluent in Python; comfortable reading traces and writing analysis scripts.",
                "熟练使用Python，能熟练阅读调用链路（trace）并编写分析脚本。",
            ),
            (
                "Rigorous about evaluation: held-out sets, variance and regressions.",
                "对评测严谨：重视留出集、结果方差与效果回退。",
            ),
        ],
        "zh": "岗位职责：构建智能体评测集，优化大模型的工具调用、任务规划与记忆能力。",
        "foci": [
            _focus(
                "Tool-use evaluation",
                "build evaluation sets and harnesses that measure how reliably agents choose and call tools "
                "across thousands of real tasks",
                ["LLM evaluation", "Function calling", "SQL"],
                "Experience designing benchmarks or evaluation harnesses for language models.",
                zh=(
                    "工具调用评测",
                    "构建评测集与评测框架，在数千个真实任务上衡量智能体选择和调用工具的可靠程度",
                    "有为大模型设计基准测试或评测框架的经验。",
                ),
            ),
            _focus(
                "Planning and reasoning",
                "improve how agents break long tasks into steps, recover from failed steps and know when to "
                "ask the user",
                ["Reinforcement learning", "Prompt engineering", "LLM fine-tuning"],
                "Familiar with reasoning and planning methods for language models (chain of thought, ReAct, search).",
                zh=(
                    "规划与推理",
                    "提升智能体处理长任务的能力：把长任务拆解成步骤、从失败的步骤中恢复，并判断何时该向用户确认",
                    "熟悉大模型的推理与规划方法（思维链、ReAct、搜索等）。",
                ),
            ),
            _focus(
                "Agent memory",
                "design long-term memory for agents: what to remember, how to retrieve it and when to forget",
                ["RAG", "Vector search", "LLM evaluation"],
                "Experience with retrieval, memory or personalisation for language models.",
                zh=(
                    "智能体记忆",
                    "为智能体设计长期记忆：记住什么、如何检索、何时遗忘",
                    "有大模型检索、记忆或个性化相关经验。",
                ),
            ),
            _focus(
                "Agentic reinforcement learning",
                "train agents with reinforcement learning in simulated environments built from real workflows",
                ["Reinforcement learning", "PyTorch", "Distributed training"],
                "Hands-on reinforcement learning experience (PPO, GRPO or similar) beyond coursework.",
                zh=(
                    "智能体强化学习",
                    "在由真实工作流搭建的仿真环境中，用强化学习训练智能体",
                    "有课程之外的强化学习实战经验（PPO、GRPO或类似算法）。",
                ),
            ),
            _focus(
                "GUI and browser agents",
                "teach agents to operate web pages and mobile apps from screenshots and accessibility trees",
                ["Multimodal models", "TypeScript", "LLM evaluation"],
                "Interest in GUI agents; experience with browser automation is a plus.",
                zh=(
                    "GUI与浏览器智能体",
                    "教会智能体根据截图和无障碍树操作网页与手机App",
                    "对GUI智能体感兴趣，有浏览器自动化经验者优先。",
                ),
            ),
            _focus(
                "Failure analysis",
                "mine production traces for agent failures, cluster them and turn the clusters into training "
                "data and fixes",
                ["Data pipelines", "SQL", "LLM evaluation"],
                "Enjoys digging through logs and turning anecdotes into numbers.",
                zh=(
                    "失败案例分析",
                    "从线上调用链路中挖掘智能体的失败案例，对其聚类，再把聚类结果转化为训练数据和修复方案",
                    "乐于钻研日志，善于把零散的个案变成有数据支撑的结论。",
                ),
            ),
        ],
    },
    {
        "slug": "agent-infrastructure",
        "name": "Agent Infrastructure Engineer",
        "name_zh": "Agent基础设施工程师",
        "is_ai": True,
        "summary": (
            "Builds the runtime agents run on: sandboxes, tool gateways and protocols, orchestration, "
            "state and observability at scale."
        ),
        "summary_zh": "建设智能体运行的底座：沙箱、工具网关与协议、任务编排、状态管理，以及大规模下的可观测性。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Go", "Rust", "Kubernetes", "Distributed systems", "Linux"],
        "requirements": [
            (
                "Strong systems programming in Go, Rust, C++ or Java.",
                "具备扎实的系统编程能力，熟练使用Go、Rust、C++或Java之一。",
            ),
            (
                "Understands operating systems, networking and concurrency.",
                "理解操作系统、计算机网络与并发编程。",
            ),
            (
                "Has run a service in production, or contributed to infrastructure open source.",
                "有线上服务的维护经验，或为基础设施类开源项目做过贡献。",
            ),
        ],
        "zh": "岗位职责：建设智能体运行时、沙箱与工具网关，支撑大模型应用的大规模并发调用。",
        "foci": [
            _focus(
                "Sandboxed execution",
                "build secure sandboxes where agents run code, browse and edit files, started in milliseconds "
                "and isolated from each other",
                ["Linux", "Rust", "Kubernetes"],
                "Knows containers, namespaces, cgroups or micro-VMs from the inside.",
                zh=(
                    "沙箱执行环境",
                    "构建安全沙箱，让智能体在其中运行代码、浏览网页和编辑文件，毫秒级启动且彼此隔离",
                    "深入了解容器、命名空间（namespace）、cgroups或微虚拟机的内部原理。",
                ),
            ),
            _focus(
                "Tool gateway",
                "build the gateway that exposes thousands of tools to agents with authentication, quotas and auditing",
                ["Go", "Microservices", "Distributed systems"],
                "Experience with API gateways, service meshes or RPC frameworks.",
                zh=(
                    "工具网关",
                    "构建向智能体开放数千个工具的网关，提供鉴权、配额与审计能力",
                    "有API网关、服务网格或RPC框架相关经验。",
                ),
            ),
            _focus(
                "Agent orchestration",
                "build the runtime that schedules long-running agent tasks, checkpoints their state and resumes "
                "them after failures",
                ["Distributed systems", "Kafka", "Kubernetes"],
                "Understands workflow engines, queues and exactly-once versus at-least-once delivery.",
                zh=(
                    "智能体编排",
                    "构建调度长时运行智能体任务的运行时，为任务状态打检查点，并在故障后恢复执行",
                    "理解工作流引擎、消息队列，以及“恰好一次”与“至少一次”投递的区别。",
                ),
            ),
            _focus(
                "Agent observability",
                "trace every step an agent takes, so developers can replay, debug and compare runs",
                ["Observability", "SQL", "TypeScript"],
                "Experience with tracing (OpenTelemetry or similar) or analytics databases.",
                zh=(
                    "智能体可观测性",
                    "追踪智能体执行的每一步，让开发者能够回放、调试和对比每一次运行",
                    "有链路追踪（OpenTelemetry或类似工具）或分析型数据库相关经验。",
                ),
            ),
            _focus(
                "Multi-agent messaging",
                "design the protocols and message bus that agents use to hand work to each other",
                ["Networking", "Go", "Distributed systems"],
                "Interest in protocol design; has read or written an RFC-style specification.",
                zh=(
                    "多智能体通信",
                    "设计智能体之间相互交接工作所用的协议与消息总线",
                    "对协议设计感兴趣，读过或写过RFC风格的规范。",
                ),
            ),
        ],
    },
    {
        "slug": "ai-data",
        "name": "AI Data Engineer",
        "name_zh": "AI数据工程师",
        "is_ai": True,
        "summary": (
            "Builds the data behind models: collection, cleaning, synthesis, annotation pipelines and "
            "data-quality measurement for training and evaluation."
        ),
        "summary_zh": "打造模型背后的数据：采集、清洗、合成与标注流水线，以及训练和评测数据的质量度量。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Python", "Spark", "SQL", "Data pipelines", "Statistics"],
        "requirements": [
            (
                "Fluent in Python and SQL; experience with large data sets.",
                "熟练使用Python与SQL，有处理大规模数据集的经验。",
            ),
            (
                "Knows a distributed data engine such as Spark, Flink or Ray.",
                "熟悉至少一种分布式数据引擎，如Spark、Flink或Ray。",
            ),
            (
                "Careful with data: deduplication, leakage and licensing matter to you.",
                "对数据细致严谨，重视去重、数据泄漏与版权许可。",
            ),
        ],
        "zh": "岗位职责：搭建大模型训练与评测数据的采集、清洗、合成与质量评估流水线。",
        "foci": [
            _focus(
                "Pre-training data pipelines",
                "build pipelines that collect, deduplicate and filter trillions of tokens of web, code and book data",
                ["Spark", "Data pipelines", "Distributed systems"],
                "Experience processing terabytes of data with Spark, Ray or a similar engine.",
                zh=(
                    "预训练数据流水线",
                    "为大模型预训练构建数据流水线，对网页、代码和书籍等数万亿token的数据进行采集、去重与过滤",
                    "有用Spark、Ray或类似引擎处理TB级数据的经验。",
                ),
            ),
            _focus(
                "Synthetic data",
                "generate and verify synthetic training data for reasoning, coding and tool use",
                ["LLM fine-tuning", "Prompt engineering", "Data pipelines"],
                "Has used models to generate or filter training data, and checked that it helped.",
                zh=(
                    "合成数据",
                    "为推理、编程与工具调用场景生成并校验合成训练数据",
                    "用大模型生成或筛选过训练数据，并验证过这些数据确实有效。",
                ),
            ),
            _focus(
                "Data quality measurement",
                "measure what each data source contributes to model quality, and decide what to keep",
                ["Statistics", "SQL", "Spark"],
                "Good statistics; able to design an ablation that answers a data question.",
                zh=(
                    "数据质量度量",
                    "衡量每一个数据来源对模型效果的贡献，并决定保留哪些数据",
                    "统计功底扎实，能设计消融实验来回答数据问题。",
                ),
            ),
            _focus(
                "Annotation platform",
                "build the annotation platform and workflows that turn expert feedback into preference data",
                ["Data labelling", "TypeScript", "SQL"],
                "Full-stack skills; experience with labelling tools is a plus.",
                zh=(
                    "标注平台",
                    "建设标注平台与工作流，把专家反馈转化为偏好数据",
                    "具备全栈开发能力，有标注工具相关经验者优先。",
                ),
            ),
            _focus(
                "Streaming sample pipelines",
                "build real-time feature and sample pipelines that feed online-learning models",
                ["Flink", "Kafka", "Java"],
                "Experience with stream processing (Flink, Kafka Streams or similar).",
                zh=(
                    "实时样本流水线",
                    "构建实时特征与样本流水线，为在线学习模型供数",
                    "有流式计算经验（Flink、Kafka Streams或类似框架）。",
                ),
            ),
        ],
    },
    {
        "slug": "ai-infrastructure",
        "name": "AI Infrastructure Engineer",
        "name_zh": "AI基础设施工程师",
        "is_ai": True,
        "summary": (
            "Builds the systems that train and serve large models: distributed training, inference engines, "
            "GPU kernels, compilers and cluster scheduling."
        ),
        "summary_zh": "建设训练与推理大模型的系统：分布式训练、推理引擎、GPU算子、编译器与集群调度。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["C++", "Python", "CUDA", "PyTorch", "Distributed training", "Linux"],
        "requirements": [
            (
                "Strong C++ or Python, and a feel for performance: profiles before optimising.",
                "精通C++或Python，对性能敏感：先做性能剖析，再动手优化。",
            ),
            (
                "Understands GPU architecture, parallel programming or distributed systems.",
                "了解GPU体系结构、并行编程或分布式系统。",
            ),
            (
                "Contributions to PyTorch, vLLM, SGLang, Megatron or similar projects are a plus.",
                "为PyTorch、vLLM、SGLang、Megatron等项目贡献过代码者优先。",
            ),
        ],
        "zh": "岗位职责：参与大模型分布式训练与推理引擎的性能优化，提升GPU集群利用率。",
        "foci": [
            _focus(
                "Distributed training",
                "make large-model training faster and steadier across thousands of GPUs: parallelism "
                "strategies, communication overlap and fault tolerance",
                ["Distributed training", "PyTorch", "CUDA"],
                "Knows data, tensor, pipeline and expert parallelism and their trade-offs.",
                zh=(
                    "分布式训练",
                    "让大模型在数千张GPU上训练得更快、更稳：并行策略、通信与计算重叠以及容错",
                    "了解数据并行、张量并行、流水线并行与专家并行，以及它们之间的取舍。",
                ),
            ),
            _focus(
                "Inference engine",
                "speed up LLM inference: batching, KV-cache management, speculative decoding and quantisation",
                ["LLM serving", "C++", "CUDA"],
                "Has profiled and optimised a model-serving system.",
                zh=(
                    "推理引擎",
                    "加速大模型推理：批处理调度、KV Cache管理、投机解码与量化",
                    "对大模型推理服务系统做过性能剖析与优化。",
                ),
            ),
            _focus(
                "GPU kernels",
                "write and tune GPU kernels for attention, mixture-of-experts and low-precision matrix multiplication",
                ["CUDA", "C++", "Computer architecture"],
                "Has written CUDA or Triton kernels and measured them against a roofline.",
                zh=(
                    "GPU算子",
                    "为注意力、混合专家（MoE）与低精度矩阵乘编写并调优GPU算子",
                    "写过CUDA或Triton算子，并用Roofline模型衡量过它们的性能。",
                ),
            ),
            _focus(
                "GPU cluster scheduling",
                "schedule training and inference jobs on shared GPU clusters to keep utilisation high and "
                "queues short",
                ["Kubernetes", "Go", "Distributed systems"],
                "Experience with Kubernetes operators, schedulers or batch systems.",
                zh=(
                    "GPU集群调度",
                    "在共享GPU集群上调度训练与推理任务，保持高利用率和短排队时间",
                    "有Kubernetes Operator、调度器或批处理系统相关经验。",
                ),
            ),
            _focus(
                "ML compilers",
                "work on the compiler stack that maps models onto GPUs and our own accelerators",
                ["Compilers", "MLIR", "C++"],
                "Compiler coursework or experience with LLVM, MLIR, TVM or XLA.",
                zh=(
                    "AI编译器",
                    "参与把模型映射到GPU和自研加速芯片上的编译器栈研发",
                    "修过编译原理课程，或有LLVM、MLIR、TVM、XLA相关经验。",
                ),
            ),
            _focus(
                "Storage for AI",
                "build storage and caching for checkpoints and training data at hundreds of gigabytes per second",
                ["Distributed systems", "Rust", "Linux"],
                "Understands file systems, RDMA or distributed storage.",
                zh=(
                    "AI存储",
                    "为模型检查点与训练数据构建每秒数百GB吞吐的存储与缓存系统",
                    "了解文件系统、RDMA或分布式存储。",
                ),
            ),
        ],
    },
    {
        "slug": "ai-sre",
        "name": "AI Site Reliability Engineer",
        "name_zh": "AI SRE工程师",
        "is_ai": True,
        "summary": (
            "Keeps AI services and GPU clusters fast and available: capacity, incident response, automated "
            "diagnosis and cost."
        ),
        "summary_zh": (
            "AI站点可靠性工程（SRE）：保障AI服务与GPU集群又快又稳，负责容量规划、故障应急、自动化诊断与成本优化。"
        ),
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Python", "Go", "Linux", "Kubernetes", "Observability"],
        "requirements": [
            (
                "Comfortable on Linux: processes, networking, file systems and their failure modes.",
                "熟悉Linux：进程、网络、文件系统及其常见故障模式。",
            ),
            (
                "Programs in Python or Go to automate what others do by hand.",
                "能用Python或Go编程，把别人手工做的事情自动化。",
            ),
            (
                "Calm and methodical when something breaks.",
                "遇到故障时冷静、有条理。",
            ),
        ],
        "zh": "岗位职责：保障大模型服务与GPU集群的稳定性，建设自动化诊断与容量规划能力。",
        "foci": [
            _focus(
                "GPU fleet reliability",
                "detect failing GPUs, links and nodes before they stall a training job, and automate the repair",
                ["Linux", "Observability", "Python"],
                "Interest in hardware failure modes; experience with fleet automation is a plus.",
                zh=(
                    "GPU集群可靠性",
                    "在故障的GPU、链路和节点拖垮训练任务之前发现它们，并实现自动化修复",
                    "对硬件故障模式感兴趣，有大规模机群自动化经验者优先。",
                ),
            ),
            _focus(
                "Inference service objectives",
                "define and defend latency and availability objectives for model-serving APIs used by "
                "external customers",
                ["Observability", "Kubernetes", "Go"],
                "Knows SLOs, error budgets and load testing.",
                zh=(
                    "推理服务稳定性目标",
                    "为外部客户调用的大模型推理API制定并守住延迟与可用性目标",
                    "了解SLO、错误预算与压力测试。",
                ),
            ),
            _focus(
                "AIOps diagnosis",
                "use large models to diagnose incidents from logs, metrics and traces, and suggest the fix",
                ["RAG", "Observability", "SQL"],
                "Has used language models to analyse logs or automate operations.",
                zh=(
                    "AIOps智能诊断",
                    "用大模型从日志、指标和调用链路中诊断故障，并给出修复建议",
                    "用大模型分析过日志，或做过运维自动化。",
                ),
            ),
            _focus(
                "Capacity and cost",
                "forecast GPU capacity, find idle capacity and cut the cost per token without hurting latency",
                ["Statistics", "SQL", "Kubernetes"],
                "Good with numbers: forecasting, queueing or cost models.",
                zh=(
                    "容量与成本",
                    "预测GPU容量需求、找出闲置算力，在不影响延迟的前提下降低每个token的成本",
                    "对数字敏感：熟悉预测、排队论或成本模型。",
                ),
            ),
            _focus(
                "Chaos engineering",
                "inject faults into training and serving systems to prove they recover as designed",
                ["Distributed systems", "Kubernetes", "Linux"],
                "Experience with fault injection or disaster-recovery drills.",
                zh=(
                    "混沌工程",
                    "向训练与推理系统注入故障，验证它们能按设计恢复",
                    "有故障注入或容灾演练经验。",
                ),
            ),
        ],
    },
    {
        "slug": "backend",
        "name": "Backend Engineer",
        "name_zh": "后端开发工程师",
        "is_ai": False,
        "summary": "Builds the high-traffic services, APIs and data stores behind the group's products.",
        "summary_zh": "构建集团各产品背后的高流量服务、API与数据存储。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["Java", "Go", "SQL", "Distributed systems", "Redis"],
        "requirements": [
            (
                "Strong Java, Go or C++; good grasp of data structures and algorithms.",
                "熟练掌握Java、Go或C++，具备扎实的数据结构与算法基础。",
            ),
            (
                "Understands databases, caching and concurrency.",
                "理解数据库、缓存与并发。",
            ),
        ],
        "zh": "岗位职责：参与高并发后端服务的设计与开发，保障系统的稳定与性能。",
        "foci": [
            _focus(
                "Transaction systems",
                "build order and transaction services that stay correct under peak shopping-festival traffic",
                ["Java", "SQL", "Distributed systems"],
                "Understands transactions, idempotency and consistency.",
                zh=(
                    "交易系统",
                    "构建订单与交易服务，确保在购物节的流量高峰下依然准确无误",
                    "理解事务、幂等与一致性。",
                ),
            ),
            _focus(
                "Messaging middleware",
                "work on the message queues that carry billions of events a day between services",
                ["Kafka", "Java", "Linux"],
                "Interest in middleware; experience with Kafka or RocketMQ is a plus.",
                zh=(
                    "消息中间件",
                    "参与消息队列的研发，它每天在服务之间传递数十亿条事件",
                    "对中间件感兴趣，有Kafka或RocketMQ经验者优先。",
                ),
            ),
            _focus(
                "Merchant platform APIs",
                "design and build the open APIs merchants and partners integrate with",
                ["Go", "Microservices", "SQL"],
                "Experience designing APIs that others depend on.",
                zh=(
                    "商家开放平台API",
                    "设计并开发供商家与合作伙伴接入的开放API",
                    "有设计被他人依赖的API的经验。",
                ),
            ),
            _focus(
                "High-concurrency caching",
                "scale caching and rate limiting for flash sales and live-stream shopping",
                ["Redis", "Java", "Distributed systems"],
                "Knows caching strategies and their failure modes.",
                zh=(
                    "高并发缓存",
                    "为秒杀和直播带货场景扩展缓存与限流能力",
                    "了解各类缓存策略及其失效场景。",
                ),
            ),
        ],
    },
    {
        "slug": "frontend",
        "name": "Frontend Engineer",
        "name_zh": "前端开发工程师",
        "is_ai": False,
        "summary": "Builds the web and in-app interfaces hundreds of millions of people use.",
        "summary_zh": "打造数亿用户使用的Web与App界面。",
        "fields": CS_FIELDS,
        "fields_zh": CS_FIELDS_ZH,
        "skills": ["TypeScript", "React", "Node.js"],
        "requirements": [
            (
                "Strong HTML, CSS and TypeScript; knows how browsers render.",
                "熟练掌握HTML、CSS与TypeScript，了解浏览器渲染原理。",
            ),
            (
                "Cares about accessibility and performance on low-end phones.",
                "重视无障碍体验，以及在低端手机上的性能表现。",
            ),
        ],
        "zh": "岗位职责：参与Web与移动端前端研发，打造流畅、易用的用户体验。",
        "foci": [
            _focus(
                "Design system",
                "build and document the component library product teams build their pages from",
                ["React", "TypeScript"],
                "Experience building reusable, accessible components.",
                zh=(
                    "设计系统",
                    "开发组件库并编写文档，供各产品团队搭建页面",
                    "有开发可复用、无障碍组件的经验。",
                ),
            ),
            _focus(
                "Mobile web performance",
                "make pages load and respond fast on low-end phones and slow networks",
                ["TypeScript", "Node.js"],
                "Knows how to measure and improve Core Web Vitals.",
                zh=(
                    "移动端Web性能",
                    "让页面在低端手机和弱网环境下也能快速加载、及时响应",
                    "懂得如何度量并优化Core Web Vitals。",
                ),
            ),
            _focus(
                "Data visualisation",
                "build interactive dashboards and charts for operators and analysts",
                ["TypeScript", "React", "SQL"],
                "Experience with D3, ECharts or canvas rendering.",
                zh=(
                    "数据可视化",
                    "为运营和分析师构建交互式数据看板与图表",
                    "有D3、ECharts或Canvas渲染相关经验。",
                ),
            ),
            _focus(
                "AI chat interfaces",
                "build chat and agent interfaces: streaming output, rich cards and human-in-the-loop approvals",
                ["TypeScript", "React", "Prompt engineering"],
                "Has built a streaming UI or a browser extension.",
                zh=(
                    "AI对话界面",
                    "构建对话与智能体界面：流式输出、富卡片，以及需要人工确认的审批环节",
                    "做过流式输出的界面或浏览器扩展。",
                ),
            ),
        ],
    },
    {
        "slug": "product-manager",
        "name": "Product Manager",
        "name_zh": "产品经理",
        "is_ai": False,
        "summary": "Decides what to build and why, with users, data and engineers, and follows it to launch.",
        "summary_zh": "和用户、数据、工程师一起，决定做什么、为什么做，并一路推进到上线。",
        "fields": "any field; computer science, economics and design backgrounds are common",
        "fields_zh": "专业不限，计算机、经济学、设计背景较为常见",
        "skills": ["User research", "SQL", "A/B testing"],
        "requirements": [
            (
                "Writes clearly and structures ambiguous problems.",
                "文字表达清晰，善于把模糊的问题结构化。",
            ),
            (
                "Uses data to decide; can write the SQL behind a chart.",
                "用数据做决策，能自己写出图表背后的SQL。",
            ),
        ],
        "zh": "岗位职责：参与AI产品的需求分析、方案设计与数据驱动的迭代。",
        "foci": [
            _focus(
                "AI assistant product",
                "shape an AI assistant's features from user research to launch metrics",
                ["User research", "Prompt engineering", "LLM evaluation"],
                "Uses AI products daily and has opinions about what they get wrong.",
                zh=(
                    "AI助手产品",
                    "从用户研究到上线指标，全程打磨一款AI助手的功能",
                    "每天都在用AI产品，对它们的不足有自己的见解。",
                ),
            ),
            _focus(
                "Merchant tools",
                "design the tools small merchants use to list products, price them and answer customers",
                ["User research", "SQL"],
                "Interest in small businesses and e-commerce.",
                zh=(
                    "商家工具",
                    "设计中小商家用来上架商品、定价和回复顾客的工具",
                    "对中小企业与电商感兴趣。",
                ),
            ),
            _focus(
                "Growth and experiments",
                "design experiments that help new users find value in their first week",
                ["A/B testing", "SQL", "Statistics"],
                "Understands experiment design and common pitfalls.",
                zh=(
                    "增长与实验",
                    "设计实验，帮助新用户在第一周就发现产品的价值",
                    "理解实验设计及其常见陷阱。",
                ),
            ),
            _focus(
                "Developer platform",
                "make the model and agent platform easy for developers: documentation, quick starts and pricing",
                ["User research", "Python"],
                "Can code a little, and has used developer platforms as a developer.",
                zh=(
                    "开发者平台",
                    "让模型与智能体平台对开发者更友好：文档、快速上手与定价",
                    "会一点编程，并以开发者的身份用过开发者平台。",
                ),
            ),
        ],
    },
    {
        "slug": "chip-design",
        "name": "Chip Design Engineer",
        "name_zh": "芯片设计工程师",
        "is_ai": False,
        "summary": "Designs and verifies processors and accelerators, from microarchitecture to silicon.",
        "summary_zh": "设计并验证处理器与加速芯片，从微架构一直到流片。",
        "fields": "microelectronics, electrical engineering, computer engineering or a related field",
        "fields_zh": "微电子、电子工程、计算机工程等相关专业",
        "skills": ["Verilog", "SystemVerilog", "Computer architecture"],
        "requirements": [
            (
                "Solid digital-circuit and computer-architecture foundations.",
                "具备扎实的数字电路与计算机体系结构基础。",
            ),
            (
                "Experience with an RTL design or verification flow.",
                "有RTL设计或验证流程的实践经验。",
            ),
        ],
        "zh": "岗位职责：参与AI芯片与RISC-V处理器的RTL设计、验证与性能分析。",
        # Chip roles exist only where chips are designed.
        "units": ["t-head", "alibaba-cloud"],
        "foci": [
            _focus(
                "RTL design",
                "design RTL blocks for an AI accelerator and close timing with the physical-design team",
                ["Verilog", "Computer architecture"],
                "Has taken a design through synthesis, ideally on FPGA or a tape-out course.",
                zh=(
                    "RTL设计",
                    "为AI加速芯片设计RTL模块，并与物理设计团队一起完成时序收敛",
                    "完整走过从设计到综合的流程，最好有FPGA实践或流片课程经历。",
                ),
            ),
            _focus(
                "Design verification",
                "build testbenches and coverage models that find bugs before tape-out",
                ["SystemVerilog", "Python"],
                "Familiar with UVM or formal verification.",
                zh=(
                    "设计验证",
                    "搭建测试平台与覆盖率模型，在流片前发现缺陷",
                    "熟悉UVM或形式验证。",
                ),
            ),
            _focus(
                "RISC-V core microarchitecture",
                "model and evaluate microarchitecture ideas for high-performance RISC-V cores",
                ["RISC-V", "C++", "Computer architecture"],
                "Has written a simulator or a pipelined processor in a course project.",
                zh=(
                    "RISC-V处理器微架构",
                    "为高性能RISC-V处理器核建模，并评估各种微架构方案",
                    "在课程项目中写过模拟器或流水线处理器。",
                ),
            ),
            _focus(
                "Performance modelling",
                "build performance models of accelerators that predict how real workloads will run",
                ["C++", "Python", "Computer architecture"],
                "Knows how to profile workloads and reason about memory bandwidth.",
                zh=(
                    "性能建模",
                    "构建加速芯片的性能模型，预测真实负载在芯片上的运行表现",
                    "懂得如何剖析负载，并能分析内存带宽瓶颈。",
                ),
            ),
        ],
    },
]


# --- Degrees ------------------------------------------------------------------
# A posting's text names exactly the degree levels it accepts (its
# `degree_levels`), so the eligibility check and the requirement agree.

DEGREE_PHRASES = {
    ("bachelor", "master", "doctorate"): "a bachelor's, master's or doctoral degree",
    ("bachelor", "master"): "a bachelor's or master's degree",
    ("master", "doctorate"): "a master's or doctoral degree",
    ("doctorate",): "a doctorate",
}


DEGREE_PHRASES_ZH = {
    ("bachelor", "master", "doctorate"): "本科、硕士或博士",
    ("bachelor", "master"): "本科或硕士",
    ("master", "doctorate"): "硕士或博士",
    ("doctorate",): "博士",
}


def studies(levels: list[str], fields: str) -> str:
    """The requirement line saying which degrees a posting accepts, in which fields."""
    return f"Pursuing {DEGREE_PHRASES[tuple(levels)]} in {fields}."


def studies_zh(levels: list[str], fields_zh: str) -> str:
    """The same line in Chinese: "本科或硕士在读，计算机科学……等相关专业。"."""
    return f"{DEGREE_PHRASES_ZH[tuple(levels)]}在读，{fields_zh}。"
