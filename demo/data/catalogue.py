"""The demo catalogue as plain data: programs, locations, units, skills and role categories.

Each role category carries the templates its postings are written from
(`demo.composer`). Nothing here touches the database.
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
        "track": "internship",
        "summary": (
            "Internships across 16 business groups and subsidiaries for students graduating between "
            "1 November 2026 and 30 October 2027. Most roles are in AI, in seven new role categories. "
            "Every resume enters the talent pool, so a candidate not selected by one unit may be "
            "considered by others."
        ),
        **_WINDOW,
    },
    {
        "slug": STAR,
        "name": "Star Program 2027 (research talent)",
        "track": "research",
        "summary": (
            "The research-talent track for outstanding young researchers, in five areas: fundamental "
            "models, AI infrastructure, large model applications, industrial AI and computing "
            "architecture. Star researchers work on open problems with senior scientists and publish. "
            "Each role says whom it is open to: master's and doctoral students, or doctoral students only."
        ),
        **_WINDOW,
    },
]

# --- Locations --------------------------------------------------------------

LOCATIONS = [
    {"slug": "hangzhou", "name": "Hangzhou", "country": "China", "country_code": "CN", "in_mainland_china": True},
    {"slug": "beijing", "name": "Beijing", "country": "China", "country_code": "CN", "in_mainland_china": True},
    {"slug": "shanghai", "name": "Shanghai", "country": "China", "country_code": "CN", "in_mainland_china": True},
    {
        "slug": "singapore",
        "name": "Singapore",
        "country": "Singapore",
        "country_code": "SG",
        "in_mainland_china": False,
    },
    {"slug": "frankfurt", "name": "Frankfurt", "country": "Germany", "country_code": "DE", "in_mainland_china": False},
    {
        "slug": "sunnyvale",
        "name": "Sunnyvale",
        "country": "United States",
        "country_code": "US",
        "in_mainland_china": False,
    },
]
ABROAD = {location["slug"] for location in LOCATIONS if not location["in_mainland_china"]}

# --- Business units ---------------------------------------------------------
# `context` finishes the sentence "The team works on ..."; `locations` are the
# cities the unit hires interns in; `favours` are categories it hires more of;
# `weight` is its relative share of postings.

_DEMO_NOTE = "Demo data: included to show a full catalogue, not one of the units named in the announcement."

UNITS = [
    {
        "slug": "alibaba-holding-group",
        "name": "Alibaba Holding Group",
        "summary": (
            "The group's holding company: strategy, security and the shared technology platforms every "
            "business unit builds on."
        ),
        "context": "group-wide platforms for security, data governance and internal AI tooling",
        "locations": ["hangzhou", "beijing", "shanghai"],
        "favours": ["ai-sre", "ai-data"],
        "weight": 2,
    },
    {
        "slug": "alibaba-cloud",
        "name": "Alibaba Cloud",
        "summary": (
            "Cloud computing and AI infrastructure for customers worldwide, from elastic compute and "
            "databases to model training and serving."
        ),
        "context": "Model Studio, the PAI machine-learning platform and the GPU clusters behind them",
        "locations": ["hangzhou", "beijing", "shanghai", "singapore", "frankfurt", "sunnyvale"],
        "favours": ["ai-infrastructure", "agent-infrastructure", "ai-sre"],
        "weight": 4,
    },
    {
        "slug": "taotian-group",
        "name": "Taotian Group",
        "summary": (
            "Runs Taobao and Tmall, China's largest online marketplaces, and the search, recommendation "
            "and advertising systems behind them."
        ),
        "context": "search, recommendation and advertising for Taobao and Tmall",
        "locations": ["hangzhou", "beijing", "shanghai"],
        "favours": ["ai-application-algorithm", "ai-application-rd"],
        "weight": 3,
    },
    {
        "slug": "taobao-deals",
        "name": "Taobao Deals",
        "summary": (
            "Taobao's value-for-money shopping app, connecting factories and farms directly with "
            "price-conscious shoppers."
        ),
        "context": "the deals feed, pricing and the tools that help small merchants grow",
        "locations": ["hangzhou", "shanghai"],
        "favours": ["ai-application-algorithm"],
        "weight": 2,
    },
    {
        "slug": "alibaba-international",
        "name": "Alibaba International",
        "summary": (
            "The group's cross-border and overseas commerce businesses, including AliExpress and "
            "Alibaba.com, serving shoppers and businesses around the world."
        ),
        "context": (
            "multilingual search, AI sourcing assistants and cross-border logistics for AliExpress and Alibaba.com"
        ),
        "locations": ["hangzhou", "singapore", "frankfurt"],
        "favours": ["ai-application-rd", "ai-agent-optimization"],
        "weight": 3,
    },
    {
        "slug": "tongyi-laboratory",
        "name": "Tongyi Laboratory",
        "summary": (
            "The group's foundation-model lab, home of the Qwen family of large language and multimodal models."
        ),
        "context": "pre-training, post-training and evaluation of the Qwen model family",
        "locations": ["hangzhou", "beijing", "shanghai", "singapore"],
        "favours": ["ai-application-algorithm", "ai-data", "ai-agent-optimization"],
        "weight": 4,
    },
    {
        "slug": "wukong",
        "name": "Wukong Business Unit (formerly DingTalk)",
        "summary": (
            "Builds DingTalk, the workplace platform used by millions of organisations, and the AI "
            "assistants and agents that now work inside it."
        ),
        "context": "AI assistants and agents that do real work inside DingTalk organisations",
        "locations": ["hangzhou", "beijing"],
        "favours": ["ai-agent-optimization", "agent-infrastructure", "ai-application-rd"],
        "weight": 3,
    },
    {
        "slug": "qianwen",
        "name": "Qianwen Business Unit",
        "summary": "Brings Qwen models to consumers through the Qianwen app and its assistant features.",
        "context": "conversation, search, memory and agents in the Qianwen consumer app",
        "locations": ["hangzhou", "beijing", "shanghai"],
        "favours": ["ai-application-rd", "ai-agent-optimization"],
        "weight": 3,
    },
    {
        "slug": "t-head",
        "name": "T-Head",
        "summary": "The group's semiconductor unit: AI inference chips, server CPUs and RISC-V processor cores.",
        "context": "AI accelerators, server CPUs, XuanTie RISC-V cores and their software stack",
        "locations": ["hangzhou", "shanghai", "beijing"],
        "favours": ["chip-design", "ai-infrastructure"],
        "weight": 2,
    },
    {
        "slug": "amap",
        "name": "Amap",
        "summary": "China's leading digital map and location service, from navigation and traffic to local life.",
        "context": "navigation, real-time traffic prediction and the in-app travel assistant",
        "locations": ["beijing", "hangzhou"],
        "favours": ["ai-application-algorithm", "ai-application-rd"],
        "weight": 2,
    },
    {
        "slug": "cainiao",
        "name": "Cainiao",
        "summary": f"Logistics network, warehousing and last-mile delivery. {_DEMO_NOTE}",
        "context": "parcel routing, warehouse robotics and delivery-time prediction",
        "locations": ["hangzhou", "shanghai", "singapore"],
        "favours": ["ai-application-algorithm"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "ele-me",
        "name": "Ele.me",
        "summary": f"On-demand food and grocery delivery. {_DEMO_NOTE}",
        "context": "rider dispatch, delivery-time estimates and the ordering assistant",
        "locations": ["shanghai", "hangzhou"],
        "favours": ["ai-application-algorithm"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "fliggy",
        "name": "Fliggy",
        "summary": f"Online travel: flights, hotels and holiday packages. {_DEMO_NOTE}",
        "context": "trip planning, hotel ranking and the travel agent that books itineraries",
        "locations": ["hangzhou", "singapore"],
        "favours": ["ai-agent-optimization"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "youku",
        "name": "Youku",
        "summary": f"Video streaming and original series. {_DEMO_NOTE}",
        "context": "video understanding, subtitling, dubbing and personalised recommendations",
        "locations": ["beijing", "hangzhou"],
        "favours": ["ai-application-algorithm"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "alibaba-health",
        "name": "Alibaba Health",
        "summary": f"Online pharmacy and digital health services. {_DEMO_NOTE}",
        "context": "the medication question-answering assistant and pharmacy supply chain",
        "locations": ["hangzhou", "beijing"],
        "favours": ["ai-application-rd", "ai-data"],
        "weight": 1,
        "is_demo": True,
    },
    {
        "slug": "freshippo",
        "name": "Freshippo",
        "summary": f"Grocery stores with app ordering and 30-minute delivery. {_DEMO_NOTE}",
        "context": "demand forecasting, store replenishment and the shopping assistant",
        "locations": ["shanghai", "hangzhou", "beijing"],
        "favours": ["ai-application-algorithm", "ai-data"],
        "weight": 1,
        "is_demo": True,
    },
]

GENERIC_UNIT_CONTEXT = "the group's products and the platforms behind them"

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


def skill_slug(name: str) -> str:
    """The skill's URL slug; "C++" would otherwise slugify to "c"."""
    return _SKILL_SLUGS.get(name) or slugify(name)


# --- Role categories and their posting templates ------------------------------
# Each focus becomes a title ("<role> Intern — <label>"), the first sentence
# of the description ("... you will <duty>."), a requirement line and skills.


def _focus(label, duty, skills, requirement):
    return {"label": label, "duty": duty, "skills": skills, "requirement": requirement}


CS_FIELDS = "computer science, software engineering, artificial intelligence, mathematics or a related field"

CATEGORIES = [
    {
        "slug": "ai-application-rd",
        "name": "AI Application R&D Engineer",
        "is_ai": True,
        "summary": (
            "Builds products on large models: the services, retrieval and tool pipelines and user-facing "
            "features that put models in front of users."
        ),
        "fields": CS_FIELDS,
        "skills": ["Python", "Java", "Go", "Prompt engineering", "RAG", "Microservices"],
        "requirements": [
            "Strong programming skills and a habit of writing tests.",
            "Has built something with a large-model API and can explain what went wrong along the way.",
            "Good grasp of data structures, networking and databases.",
        ],
        "zh": "岗位职责：参与大模型应用的研发，把检索增强生成（RAG）与智能体能力落地到真实产品。",
        "foci": [
            _focus(
                "Retrieval-augmented generation",
                "build retrieval-augmented generation services that ground model answers in documents, "
                "product data and user context",
                ["RAG", "Vector search", "Python"],
                "Has built a RAG pipeline end to end: chunking, embeddings, vector search and grounded answers.",
            ),
            _focus(
                "Conversational assistant back end",
                "develop the back end of a conversational assistant: session state, streaming responses, "
                "safety filters and tool calls",
                ["Java", "Go", "Distributed systems"],
                "Solid back-end engineering in Java, Go or Python, including API design.",
            ),
            _focus(
                "Multimodal features",
                "turn image, speech and video models into product features, from prototype to a service "
                "that handles real traffic",
                ["Multimodal models", "PyTorch", "TypeScript"],
                "Curiosity about multimodal models and the product sense to judge what users will use.",
            ),
            _focus(
                "Tool and MCP integrations",
                "connect large models to internal systems through Model Context Protocol servers and "
                "well-described tools",
                ["Function calling", "TypeScript", "Python"],
                "Has written a tool or plugin for a large model (function calling, MCP or similar).",
            ),
            _focus(
                "Evaluation tooling",
                "build tooling that measures the quality, latency and cost of every model and prompt change "
                "before it reaches users",
                ["LLM evaluation", "SQL", "A/B testing"],
                "Understands offline and online evaluation and what a metric does not measure.",
            ),
            _focus(
                "AI coding assistant",
                "improve an AI coding assistant used by thousands of engineers: code retrieval, completion "
                "ranking and review suggestions",
                ["Information retrieval", "Java", "LLM fine-tuning"],
                "Experience with code search, static analysis or IDE plugins is a plus.",
            ),
        ],
    },
    {
        "slug": "ai-application-algorithm",
        "name": "AI Application Algorithm Engineer",
        "is_ai": True,
        "summary": (
            "Designs and trains the models behind AI products: fine-tuning, retrieval and ranking, "
            "multimodal understanding, and their offline and online evaluation."
        ),
        "fields": CS_FIELDS,
        "skills": ["Python", "PyTorch", "LLM fine-tuning", "Natural language processing", "Statistics"],
        "requirements": [
            "Solid foundations in machine learning and deep learning; reads papers and reproduces them.",
            "Fluent in Python and PyTorch, with experience training models on real data.",
            "Clear thinking about experiments: baselines, ablations and significance.",
        ],
        "zh": "岗位职责：负责大模型微调、对齐与效果评估，持续提升线上业务指标。",
        "foci": [
            _focus(
                "Search relevance with large models",
                "apply large models to query understanding and relevance ranking, and prove each change in "
                "online experiments",
                ["Information retrieval", "A/B testing", "Natural language processing"],
                "Experience with learning to rank, dense retrieval or query understanding.",
            ),
            _focus(
                "Generative recommendation",
                "explore generative recommendation: models that produce the next items a user wants instead "
                "of scoring candidates one by one",
                ["Recommender systems", "Distributed training", "PyTorch"],
                "Knows modern recommender architectures and how they are evaluated online.",
            ),
            _focus(
                "Post-training and alignment",
                "run supervised fine-tuning and preference optimisation on domain models, and build the "
                "reward models that guide them",
                ["LLM fine-tuning", "Reinforcement learning", "PyTorch"],
                "Has fine-tuned an open model (SFT, DPO or RLHF) and measured the result honestly.",
            ),
            _focus(
                "Multimodal understanding",
                "train models that understand product images, short videos and the text around them",
                ["Computer vision", "Multimodal models", "PyTorch"],
                "Experience with vision-language models, contrastive pre-training or video understanding.",
            ),
            _focus(
                "Speech and dialogue",
                "improve speech recognition and spoken dialogue for a voice assistant used in noisy, "
                "real-world conditions",
                ["Speech processing", "Natural language processing", "PyTorch"],
                "Experience with speech recognition, speech synthesis or spoken language understanding.",
            ),
            _focus(
                "Spatio-temporal forecasting",
                "forecast demand, traffic or delivery times with models that combine maps, time series and language",
                ["Time series", "Spark", "PyTorch"],
                "Experience with time-series forecasting or graph neural networks.",
            ),
        ],
    },
    {
        "slug": "ai-agent-optimization",
        "name": "AI Agent Optimization Engineer",
        "is_ai": True,
        "summary": (
            "Makes agents better at real tasks: tool use, planning and memory, measured with evaluation "
            "sets and improved with data, prompts and reinforcement learning."
        ),
        "fields": CS_FIELDS,
        "skills": ["Python", "LLM evaluation", "Prompt engineering", "Reinforcement learning", "Function calling"],
        "requirements": [
            "Has built or evaluated an LLM agent and can describe how it failed.",
            "Fluent in Python; comfortable reading traces and writing analysis scripts.",
            "Rigorous about evaluation: held-out sets, variance and regressions.",
        ],
        "zh": "岗位职责：构建智能体评测集，优化大模型的工具调用、任务规划与记忆能力。",
        "foci": [
            _focus(
                "Tool-use evaluation",
                "build evaluation sets and harnesses that measure how reliably agents choose and call tools "
                "across thousands of real tasks",
                ["LLM evaluation", "Function calling", "SQL"],
                "Experience designing benchmarks or evaluation harnesses for language models.",
            ),
            _focus(
                "Planning and reasoning",
                "improve how agents break long tasks into steps, recover from failed steps and know when to "
                "ask the user",
                ["Reinforcement learning", "Prompt engineering", "LLM fine-tuning"],
                "Familiar with reasoning and planning methods for language models (chain of thought, ReAct, search).",
            ),
            _focus(
                "Agent memory",
                "design long-term memory for agents: what to remember, how to retrieve it and when to forget",
                ["RAG", "Vector search", "LLM evaluation"],
                "Experience with retrieval, memory or personalisation for language models.",
            ),
            _focus(
                "Agentic reinforcement learning",
                "train agents with reinforcement learning in simulated environments built from real workflows",
                ["Reinforcement learning", "PyTorch", "Distributed training"],
                "Hands-on reinforcement learning experience (PPO, GRPO or similar) beyond coursework.",
            ),
            _focus(
                "GUI and browser agents",
                "teach agents to operate web pages and mobile apps from screenshots and accessibility trees",
                ["Multimodal models", "TypeScript", "LLM evaluation"],
                "Interest in GUI agents; experience with browser automation is a plus.",
            ),
            _focus(
                "Failure analysis",
                "mine production traces for agent failures, cluster them and turn the clusters into training "
                "data and fixes",
                ["Data pipelines", "SQL", "LLM evaluation"],
                "Enjoys digging through logs and turning anecdotes into numbers.",
            ),
        ],
    },
    {
        "slug": "agent-infrastructure",
        "name": "Agent Infrastructure Engineer",
        "is_ai": True,
        "summary": (
            "Builds the runtime agents run on: sandboxes, tool gateways and protocols, orchestration, "
            "state and observability at scale."
        ),
        "fields": CS_FIELDS,
        "skills": ["Go", "Rust", "Kubernetes", "Distributed systems", "Linux"],
        "requirements": [
            "Strong systems programming in Go, Rust, C++ or Java.",
            "Understands operating systems, networking and concurrency.",
            "Has run a service in production, or contributed to infrastructure open source.",
        ],
        "zh": "岗位职责：建设智能体运行时、沙箱与工具网关，支撑大模型应用的大规模并发调用。",
        "foci": [
            _focus(
                "Sandboxed execution",
                "build secure sandboxes where agents run code, browse and edit files, started in milliseconds "
                "and isolated from each other",
                ["Linux", "Rust", "Kubernetes"],
                "Knows containers, namespaces, cgroups or micro-VMs from the inside.",
            ),
            _focus(
                "Tool gateway",
                "build the gateway that exposes thousands of tools to agents with authentication, quotas and auditing",
                ["Go", "Microservices", "Distributed systems"],
                "Experience with API gateways, service meshes or RPC frameworks.",
            ),
            _focus(
                "Agent orchestration",
                "build the runtime that schedules long-running agent tasks, checkpoints their state and resumes "
                "them after failures",
                ["Distributed systems", "Kafka", "Kubernetes"],
                "Understands workflow engines, queues and exactly-once versus at-least-once delivery.",
            ),
            _focus(
                "Agent observability",
                "trace every step an agent takes, so developers can replay, debug and compare runs",
                ["Observability", "SQL", "TypeScript"],
                "Experience with tracing (OpenTelemetry or similar) or analytics databases.",
            ),
            _focus(
                "Multi-agent messaging",
                "design the protocols and message bus that agents use to hand work to each other",
                ["Networking", "Go", "Distributed systems"],
                "Interest in protocol design; has read or written an RFC-style specification.",
            ),
        ],
    },
    {
        "slug": "ai-data",
        "name": "AI Data Engineer",
        "is_ai": True,
        "summary": (
            "Builds the data behind models: collection, cleaning, synthesis, annotation pipelines and "
            "data-quality measurement for training and evaluation."
        ),
        "fields": CS_FIELDS,
        "skills": ["Python", "Spark", "SQL", "Data pipelines", "Statistics"],
        "requirements": [
            "Fluent in Python and SQL; experience with large data sets.",
            "Knows a distributed data engine such as Spark, Flink or Ray.",
            "Careful with data: deduplication, leakage and licensing matter to you.",
        ],
        "zh": "岗位职责：搭建大模型训练与评测数据的采集、清洗、合成与质量评估流水线。",
        "foci": [
            _focus(
                "Pre-training data pipelines",
                "build pipelines that collect, deduplicate and filter trillions of tokens of web, code and book data",
                ["Spark", "Data pipelines", "Distributed systems"],
                "Experience processing terabytes of data with Spark, Ray or a similar engine.",
            ),
            _focus(
                "Synthetic data",
                "generate and verify synthetic training data for reasoning, coding and tool use",
                ["LLM fine-tuning", "Prompt engineering", "Data pipelines"],
                "Has used models to generate or filter training data, and checked that it helped.",
            ),
            _focus(
                "Data quality measurement",
                "measure what each data source contributes to model quality, and decide what to keep",
                ["Statistics", "SQL", "Spark"],
                "Good statistics; able to design an ablation that answers a data question.",
            ),
            _focus(
                "Annotation platform",
                "build the annotation platform and workflows that turn expert feedback into preference data",
                ["Data labelling", "TypeScript", "SQL"],
                "Full-stack skills; experience with labelling tools is a plus.",
            ),
            _focus(
                "Streaming sample pipelines",
                "build real-time feature and sample pipelines that feed online-learning models",
                ["Flink", "Kafka", "Java"],
                "Experience with stream processing (Flink, Kafka Streams or similar).",
            ),
        ],
    },
    {
        "slug": "ai-infrastructure",
        "name": "AI Infrastructure Engineer",
        "is_ai": True,
        "summary": (
            "Builds the systems that train and serve large models: distributed training, inference engines, "
            "GPU kernels, compilers and cluster scheduling."
        ),
        "fields": CS_FIELDS,
        "skills": ["C++", "Python", "CUDA", "PyTorch", "Distributed training", "Linux"],
        "requirements": [
            "Strong C++ or Python, and a feel for performance: profiles before optimising.",
            "Understands GPU architecture, parallel programming or distributed systems.",
            "Contributions to PyTorch, vLLM, SGLang, Megatron or similar projects are a plus.",
        ],
        "zh": "岗位职责：参与大模型分布式训练与推理引擎的性能优化，提升GPU集群利用率。",
        "foci": [
            _focus(
                "Distributed training",
                "make large-model training faster and steadier across thousands of GPUs: parallelism "
                "strategies, communication overlap and fault tolerance",
                ["Distributed training", "PyTorch", "CUDA"],
                "Knows data, tensor, pipeline and expert parallelism and their trade-offs.",
            ),
            _focus(
                "Inference engine",
                "speed up LLM inference: batching, KV-cache management, speculative decoding and quantisation",
                ["LLM serving", "C++", "CUDA"],
                "Has profiled and optimised a model-serving system.",
            ),
            _focus(
                "GPU kernels",
                "write and tune GPU kernels for attention, mixture-of-experts and low-precision matrix multiplication",
                ["CUDA", "C++", "Computer architecture"],
                "Has written CUDA or Triton kernels and measured them against a roofline.",
            ),
            _focus(
                "GPU cluster scheduling",
                "schedule training and inference jobs on shared GPU clusters to keep utilisation high and "
                "queues short",
                ["Kubernetes", "Go", "Distributed systems"],
                "Experience with Kubernetes operators, schedulers or batch systems.",
            ),
            _focus(
                "ML compilers",
                "work on the compiler stack that maps models onto GPUs and our own accelerators",
                ["Compilers", "MLIR", "C++"],
                "Compiler coursework or experience with LLVM, MLIR, TVM or XLA.",
            ),
            _focus(
                "Storage for AI",
                "build storage and caching for checkpoints and training data at hundreds of gigabytes per second",
                ["Distributed systems", "Rust", "Linux"],
                "Understands file systems, RDMA or distributed storage.",
            ),
        ],
    },
    {
        "slug": "ai-sre",
        "name": "AI Site Reliability Engineer",
        "is_ai": True,
        "summary": (
            "Keeps AI services and GPU clusters fast and available: capacity, incident response, automated "
            "diagnosis and cost."
        ),
        "fields": CS_FIELDS,
        "skills": ["Python", "Go", "Linux", "Kubernetes", "Observability"],
        "requirements": [
            "Comfortable on Linux: processes, networking, file systems and their failure modes.",
            "Programs in Python or Go to automate what others do by hand.",
            "Calm and methodical when something breaks.",
        ],
        "zh": "岗位职责：保障大模型服务与GPU集群的稳定性，建设自动化诊断与容量规划能力。",
        "foci": [
            _focus(
                "GPU fleet reliability",
                "detect failing GPUs, links and nodes before they stall a training job, and automate the repair",
                ["Linux", "Observability", "Python"],
                "Interest in hardware failure modes; experience with fleet automation is a plus.",
            ),
            _focus(
                "Inference service objectives",
                "define and defend latency and availability objectives for model-serving APIs used by "
                "external customers",
                ["Observability", "Kubernetes", "Go"],
                "Knows SLOs, error budgets and load testing.",
            ),
            _focus(
                "AIOps diagnosis",
                "use large models to diagnose incidents from logs, metrics and traces, and suggest the fix",
                ["RAG", "Observability", "SQL"],
                "Has used language models to analyse logs or automate operations.",
            ),
            _focus(
                "Capacity and cost",
                "forecast GPU capacity, find idle capacity and cut the cost per token without hurting latency",
                ["Statistics", "SQL", "Kubernetes"],
                "Good with numbers: forecasting, queueing or cost models.",
            ),
            _focus(
                "Chaos engineering",
                "inject faults into training and serving systems to prove they recover as designed",
                ["Distributed systems", "Kubernetes", "Linux"],
                "Experience with fault injection or disaster-recovery drills.",
            ),
        ],
    },
    {
        "slug": "backend",
        "name": "Backend Engineer",
        "is_ai": False,
        "summary": "Builds the high-traffic services, APIs and data stores behind the group's products.",
        "fields": CS_FIELDS,
        "skills": ["Java", "Go", "SQL", "Distributed systems", "Redis"],
        "requirements": [
            "Strong Java, Go or C++; good grasp of data structures and algorithms.",
            "Understands databases, caching and concurrency.",
        ],
        "zh": "岗位职责：参与高并发后端服务的设计与开发，保障系统的稳定与性能。",
        "foci": [
            _focus(
                "Transaction systems",
                "build order and transaction services that stay correct under peak shopping-festival traffic",
                ["Java", "SQL", "Distributed systems"],
                "Understands transactions, idempotency and consistency.",
            ),
            _focus(
                "Messaging middleware",
                "work on the message queues that carry billions of events a day between services",
                ["Kafka", "Java", "Linux"],
                "Interest in middleware; experience with Kafka or RocketMQ is a plus.",
            ),
            _focus(
                "Merchant platform APIs",
                "design and build the open APIs merchants and partners integrate with",
                ["Go", "Microservices", "SQL"],
                "Experience designing APIs that others depend on.",
            ),
            _focus(
                "High-concurrency caching",
                "scale caching and rate limiting for flash sales and live-stream shopping",
                ["Redis", "Java", "Distributed systems"],
                "Knows caching strategies and their failure modes.",
            ),
        ],
    },
    {
        "slug": "frontend",
        "name": "Frontend Engineer",
        "is_ai": False,
        "summary": "Builds the web and in-app interfaces hundreds of millions of people use.",
        "fields": CS_FIELDS,
        "skills": ["TypeScript", "React", "Node.js"],
        "requirements": [
            "Strong HTML, CSS and TypeScript; knows how browsers render.",
            "Cares about accessibility and performance on low-end phones.",
        ],
        "zh": "岗位职责：参与Web与移动端前端研发，打造流畅、易用的用户体验。",
        "foci": [
            _focus(
                "Design system",
                "build and document the component library product teams build their pages from",
                ["React", "TypeScript"],
                "Experience building reusable, accessible components.",
            ),
            _focus(
                "Mobile web performance",
                "make pages load and respond fast on low-end phones and slow networks",
                ["TypeScript", "Node.js"],
                "Knows how to measure and improve Core Web Vitals.",
            ),
            _focus(
                "Data visualisation",
                "build interactive dashboards and charts for operators and analysts",
                ["TypeScript", "React", "SQL"],
                "Experience with D3, ECharts or canvas rendering.",
            ),
            _focus(
                "AI chat interfaces",
                "build chat and agent interfaces: streaming output, rich cards and human-in-the-loop approvals",
                ["TypeScript", "React", "Prompt engineering"],
                "Has built a streaming UI or a browser extension.",
            ),
        ],
    },
    {
        "slug": "product-manager",
        "name": "Product Manager",
        "is_ai": False,
        "summary": "Decides what to build and why, with users, data and engineers, and follows it to launch.",
        "fields": "any field; computer science, economics and design backgrounds are common",
        "skills": ["User research", "SQL", "A/B testing"],
        "requirements": [
            "Writes clearly and structures ambiguous problems.",
            "Uses data to decide; can write the SQL behind a chart.",
        ],
        "zh": "岗位职责：参与AI产品的需求分析、方案设计与数据驱动的迭代。",
        "foci": [
            _focus(
                "AI assistant product",
                "shape an AI assistant's features from user research to launch metrics",
                ["User research", "Prompt engineering", "LLM evaluation"],
                "Uses AI products daily and has opinions about what they get wrong.",
            ),
            _focus(
                "Merchant tools",
                "design the tools small merchants use to list products, price them and answer customers",
                ["User research", "SQL"],
                "Interest in small businesses and e-commerce.",
            ),
            _focus(
                "Growth and experiments",
                "design experiments that help new users find value in their first week",
                ["A/B testing", "SQL", "Statistics"],
                "Understands experiment design and common pitfalls.",
            ),
            _focus(
                "Developer platform",
                "make the model and agent platform easy for developers: documentation, quick starts and pricing",
                ["User research", "Python"],
                "Can code a little, and has used developer platforms as a developer.",
            ),
        ],
    },
    {
        "slug": "chip-design",
        "name": "Chip Design Engineer",
        "is_ai": False,
        "summary": "Designs and verifies processors and accelerators, from microarchitecture to silicon.",
        "fields": "microelectronics, electrical engineering, computer engineering or a related field",
        "skills": ["Verilog", "SystemVerilog", "Computer architecture"],
        "requirements": [
            "Solid digital-circuit and computer-architecture foundations.",
            "Experience with an RTL design or verification flow.",
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
            ),
            _focus(
                "Design verification",
                "build testbenches and coverage models that find bugs before tape-out",
                ["SystemVerilog", "Python"],
                "Familiar with UVM or formal verification.",
            ),
            _focus(
                "RISC-V core microarchitecture",
                "model and evaluate microarchitecture ideas for high-performance RISC-V cores",
                ["RISC-V", "C++", "Computer architecture"],
                "Has written a simulator or a pipelined processor in a course project.",
            ),
            _focus(
                "Performance modelling",
                "build performance models of accelerators that predict how real workloads will run",
                ["C++", "Python", "Computer architecture"],
                "Knows how to profile workloads and reason about memory bandwidth.",
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


def studies(levels: list[str], fields: str) -> str:
    """The requirement line saying which degrees a posting accepts, in which fields."""
    return f"Pursuing {DEGREE_PHRASES[tuple(levels)]} in {fields}."
