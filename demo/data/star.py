"""The Star program's postings (research talent): few, written by hand, each like a research agenda.

Their requirements name exactly the degree levels each accepts (master's and
doctoral students, or doctoral students only), so what a posting says is what
the eligibility check lets apply. Publications are asked of everyone and
judged by the reviewers, not by the portal. `zh` gives the area, topic,
description and extra requirement in Chinese.
"""

import datetime as dt

from demo.data.catalogue import CS_FIELDS, CS_FIELDS_ZH, SHANGHAI, studies, studies_zh

_PUBLISHED = dt.datetime(2026, 3, 18, 10, 0, tzinfo=SHANGHAI)
_REQUIREMENTS = [
    (
        "First-author publications at top venues in the area, or equally strong open-source work.",
        "在相关方向的顶级会议或期刊上以第一作者发表过论文，或有同等分量的开源工作。",
    ),
    ("{extra}", "{extra}"),
    ("Wants to work on problems whose answer is not known yet.", "乐于挑战尚无答案的开放问题。"),
]


# The program's five research areas (star.ResearchArea), in the order the program page lists them.
RESEARCH_AREAS = [
    {
        "slug": "fundamental-models",
        "name": "Fundamental models",
        "name_zh": "基础模型",
        "description": "Pre-training, scaling, reasoning and alignment of the Qwen family of large models.",
        "description_zh": "通义千问系列大模型的预训练、规模扩展、推理与对齐。",
    },
    {
        "slug": "ai-infrastructure",
        "name": "AI infrastructure",
        "name_zh": "AI基础设施",
        "description": "Systems that train and serve large models efficiently, on tens of thousands of GPUs.",
        "description_zh": "在数万张GPU的规模上高效训练与部署大模型的系统。",
    },
    {
        "slug": "large-model-applications",
        "name": "Large model applications",
        "name_zh": "大模型应用",
        "description": "Agents, multimodal generation and products that bring large models to millions.",
        "description_zh": "智能体、多模态生成，以及把大模型带给数亿用户的产品。",
    },
    {
        "slug": "industrial-ai",
        "name": "Industrial AI",
        "name_zh": "产业AI",
        "description": "Large models for manufacturing, energy, transport and science.",
        "description_zh": "面向制造、能源、交通与科学研究的大模型。",
    },
    {
        "slug": "computing-architecture",
        "name": "Computing architecture",
        "name_zh": "计算架构",
        "description": "AI accelerators, compilers and the co-design of hardware and software for large models.",
        "description_zh": "AI加速器、编译器，以及面向大模型的软硬件协同设计。",
    },
]
_AREA_SLUGS = {area["name"]: area["slug"] for area in RESEARCH_AREAS}


def _star(
    unit, category, area, topic, description, skills, locations, extra, headcount=2, degrees=None, *, zh, also=()
):
    """A research posting of `area` (and the areas named in `also`, by slug)."""
    area_zh, topic_zh, description_zh, extra_zh = zh
    degrees = degrees or ["master", "doctorate"]
    lines = [studies(degrees, CS_FIELDS), *(line.format(extra=extra) for line, _ in _REQUIREMENTS)]
    lines_zh = [studies_zh(degrees, CS_FIELDS_ZH), *(line.format(extra=extra_zh) for _, line in _REQUIREMENTS)]
    return {
        "unit": unit,
        "category": category,
        "title": f"Star Researcher — {area}: {topic}",
        "title_zh": f"阿里星研究员 — {area_zh}：{topic_zh}",
        "description": description,
        "description_zh": description_zh,
        "requirements": "\n".join(f"- {line}" for line in lines),
        "requirements_zh": "\n".join(f"- {line}" for line in lines_zh),
        "skills": skills,
        "locations": locations,
        "headcount": headcount,
        "degree_levels": degrees,
        "published_at": _PUBLISHED,
        "closes_at": None,
        # Not a posting field: star.PostingArea rows (demo/star.py).
        "areas": [_AREA_SLUGS[area], *also],
    }


STAR_POSTINGS = [
    _star(
        "tongyi-laboratory",
        "ai-application-algorithm",
        "Fundamental models",
        "pre-training and scaling",
        "Study how data, architecture and compute trade off when pre-training the next Qwen models. "
        "You will design scaling experiments, find what predicts downstream quality and turn the findings "
        "into the recipe for a production run.",
        ["PyTorch", "Distributed training", "Statistics", "Python"],
        ["hangzhou", "beijing"],
        "Deep understanding of Transformer architectures and training dynamics.",
        headcount=3,
        zh=(
            "基础模型",
            "预训练与规模扩展",
            (
                "研究预训练下一代通义千问（Qwen）模型时，数据、架构与算力之间如何权衡。"
                "你将设计规模化实验，找出能预测下游效果的因素，并把研究结论转化为正式训练的方案。"
            ),
            "深入理解Transformer架构与训练动态。",
        ),
    ),
    _star(
        "tongyi-laboratory",
        "ai-application-algorithm",
        "Fundamental models",
        "reasoning and reinforcement learning",
        "Push the reasoning of large models in mathematics, code and science with reinforcement learning "
        "from verifiable rewards. 研究方向：大模型推理与强化学习。",
        ["Reinforcement learning", "LLM fine-tuning", "PyTorch", "Python"],
        ["hangzhou", "beijing", "singapore"],
        "Hands-on experience with large-scale RL for language models.",
        degrees=["doctorate"],
        zh=(
            "基础模型",
            "推理与强化学习",
            (
                "借助基于可验证奖励的强化学习，推动大模型在数学、代码与科学领域的推理能力。"
                "研究方向：大模型推理与强化学习。"
            ),
            "有面向大语言模型的大规模强化学习实践经验。",
        ),
    ),
    _star(
        "alibaba-cloud",
        "ai-infrastructure",
        "AI infrastructure",
        "training at ten-thousand-GPU scale",
        "Research systems that keep training jobs on tens of thousands of accelerators efficient and "
        "resilient: communication scheduling, failure recovery in seconds and heterogeneous clusters.",
        ["Distributed training", "CUDA", "Networking", "C++"],
        ["hangzhou", "beijing", "sunnyvale"],
        "Publications at OSDI, SOSP, NSDI, EuroSys, MLSys or similar.",
        zh=(
            "AI基础设施",
            "万卡规模训练",
            "研究让数万张加速卡上的训练任务保持高效与稳定的系统：通信调度、秒级故障恢复与异构集群。",
            "在OSDI、SOSP、NSDI、EuroSys、MLSys等会议发表过论文。",
        ),
    ),
    _star(
        "alibaba-cloud",
        "ai-infrastructure",
        "AI infrastructure",
        "efficient LLM inference",
        "Invent serving techniques that cut the cost per token by an order of magnitude: disaggregated "
        "prefill and decode, sparse attention, low-bit quantisation and speculative decoding.",
        ["LLM serving", "CUDA", "C++", "Computer architecture"],
        ["hangzhou", "shanghai", "singapore"],
        "Has built or significantly extended an inference engine.",
        zh=(
            "AI基础设施",
            "高效大模型推理",
            (
                "发明能把每个token的成本降低一个数量级的推理服务技术："
                "预填充与解码分离、稀疏注意力、低比特量化与投机解码。"
            ),
            "构建过推理引擎，或对推理引擎做过重要扩展。",
        ),
    ),
    _star(
        "qianwen",
        "ai-agent-optimization",
        "Large model applications",
        "autonomous agents",
        "Build agents that complete long, open-ended tasks for consumers: research, booking, shopping. "
        "You will work on planning, self-verification and learning from user feedback at scale.",
        ["Reinforcement learning", "LLM evaluation", "Function calling", "Python"],
        ["hangzhou", "beijing"],
        "Publications or strong projects on LLM agents.",
        zh=(
            "大模型应用",
            "自主智能体",
            (
                "为普通用户打造能完成长程、开放式任务的智能体：调研、预订、购物。"
                "你将在真实规模下研究任务规划、自我验证，以及如何从用户反馈中学习。"
            ),
            "在大模型智能体方向有论文或有分量的项目。",
        ),
    ),
    _star(
        "taotian-group",
        "ai-application-algorithm",
        "Large model applications",
        "multimodal generation for commerce",
        "Research image and video generation that merchants can trust: faithful to the product, "
        "controllable and cheap enough to run for millions of listings.",
        ["Multimodal models", "Computer vision", "PyTorch"],
        ["hangzhou"],
        "Experience with diffusion or autoregressive image and video models.",
        zh=(
            "大模型应用",
            "面向电商的多模态生成",
            "研究商家信得过的图像与视频生成：忠于商品本身、可控，并且成本低到足以覆盖数百万件商品。",
            "有扩散模型或自回归图像、视频生成模型相关经验。",
        ),
    ),
    _star(
        "alibaba-cloud",
        "ai-application-algorithm",
        "Industrial AI",
        "foundation models for industry",
        "Bring large models to manufacturing, energy and transport: time-series foundation models, "
        "physical simulation surrogates and agents that operate industrial software.",
        ["Time series", "PyTorch", "Reinforcement learning", "Python"],
        ["hangzhou", "frankfurt"],
        "Background in scientific machine learning, control or operations research is welcome.",
        zh=(
            "产业AI",
            "面向产业的基础模型",
            "把大模型带进制造、能源与交通：时间序列基础模型、物理仿真代理模型，以及能操作工业软件的智能体。",
            "欢迎有科学机器学习、控制或运筹学背景的同学。",
        ),
    ),
    _star(
        "t-head",
        "chip-design",
        "Computing architecture",
        "hardware–software co-design for AI accelerators",
        "Explore the next generation of AI accelerator architecture together with the compiler and "
        "model teams: memory hierarchies, interconnects and number formats designed for large models.",
        ["Computer architecture", "Verilog", "Compilers", "C++"],
        ["hangzhou", "shanghai"],
        "Publications at ISCA, MICRO, HPCA, ASPLOS or similar.",
        headcount=1,
        degrees=["doctorate"],
        zh=(
            "计算架构",
            "AI加速器软硬件协同设计",
            "与编译器和模型团队一起探索下一代AI加速器架构：专为大模型设计的存储层次、互连与数值格式。",
            "在ISCA、MICRO、HPCA、ASPLOS等会议发表过论文。",
        ),
    ),
    _star(
        "alibaba-cloud",
        "ai-application-algorithm",
        "Industrial AI",
        "large models for science and engineering",
        "Build foundation models that learn physics from simulation and sensor data, and agents that use them "
        "to design materials, tune power grids and plan logistics.",
        ["PyTorch", "Time series", "Statistics", "Python"],
        ["hangzhou", "singapore"],
        "Research in scientific machine learning or a field of engineering science.",
        degrees=["doctorate"],
        zh=(
            "产业AI",
            "面向科学与工程的大模型",
            "构建能从仿真与传感器数据中学习物理规律的基础模型，以及利用它们设计材料、调度电网和规划物流的智能体。",
            "有科学机器学习或某一工程科学领域的研究经历。",
        ),
    ),
    _star(
        "t-head",
        "ai-infrastructure",
        "Computing architecture",
        "compilers for AI accelerators",
        "Design the compiler stack that maps large models onto new accelerators: graph partitioning, operator "
        "fusion, memory planning and automatic tuning, together with the chip and the serving teams.",
        ["Compilers", "C++", "CUDA", "Computer architecture"],
        ["hangzhou", "shanghai"],
        "Experience with MLIR, TVM, XLA, Triton or a production compiler.",
        zh=(
            "计算架构",
            "AI加速器编译器",
            "与芯片和推理服务团队一起，设计把大模型映射到新型加速器上的编译栈：图切分、算子融合、内存规划与自动调优。",
            "有MLIR、TVM、XLA、Triton或工业级编译器的开发经验。",
        ),
        also=("ai-infrastructure",),
    ),
]
