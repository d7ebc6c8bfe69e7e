"""The Star program's postings (research talent): few, written by hand, each like a research agenda.

Their requirements name exactly the degree levels each accepts (master's and
doctoral students, or doctoral students only), so what a posting says is what
the eligibility check lets apply. Publications are asked of everyone and
judged by the reviewers, not by the portal.
"""

import datetime as dt

from demo.data.catalogue import CS_FIELDS, SHANGHAI, studies

_PUBLISHED = dt.datetime(2026, 3, 18, 10, 0, tzinfo=SHANGHAI)
_REQUIREMENTS = [
    "First-author publications at top venues in the area, or equally strong open-source work.",
    "{extra}",
    "Wants to work on problems whose answer is not known yet.",
]


def _star(unit, category, area, topic, description, skills, locations, extra, headcount=2, degrees=None):
    degrees = degrees or ["master", "doctorate"]
    lines = [studies(degrees, CS_FIELDS), *(line.format(extra=extra) for line in _REQUIREMENTS)]
    return {
        "unit": unit,
        "category": category,
        "title": f"Star Researcher — {area}: {topic}",
        "description": description,
        "requirements": "\n".join(f"- {line}" for line in lines),
        "skills": skills,
        "locations": locations,
        "headcount": headcount,
        "degree_levels": degrees,
        "published_at": _PUBLISHED,
        "closes_at": None,
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
    ),
]
