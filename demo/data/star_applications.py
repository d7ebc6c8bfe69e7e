"""The Star committees and a few research applications with reviews, so the committee pages show a ranking
in which reviewers sometimes disagree. The demo committee account (demo/data/accounts.py) sits on the first
two areas; two more members (who cannot sign in) sit on each area."""

import datetime as dt

# The demo committee account's areas.
DEMO_COMMITTEE_AREAS = ["fundamental-models", "ai-infrastructure"]
# Other members: (email, name, area slugs). They have no password: their reviews are the demo's.
COMMITTEE_MEMBERS = [
    ("star.chair@demo.example", "Prof. Lin Hai", ["fundamental-models", "large-model-applications"]),
    ("star.systems@demo.example", "Dr. Xu Lei", ["ai-infrastructure", "computing-architecture"]),
    ("star.industry@demo.example", "Dr. Anna Weber", ["industrial-ai", "large-model-applications"]),
    ("star.arch@demo.example", "Dr. Guo Yan", ["computing-architecture", "industrial-ai", "fundamental-models"]),
    ("star.infra@demo.example", "Dr. Maria Santos", ["ai-infrastructure"]),
]

# Researchers who applied: profile, the posting (by its English topic in the title), the Star parts, and the
# members' scores (email: research quality, impact, fit). The demo committee account reviews some only, so it
# sees which rankings stay hidden until it submits its own review.
RESEARCHERS = [
    {
        "email": "researcher.wang@demo.example",
        "applied_days_ago": 2,
        "name": "Wang Yifan",
        "school": "Tsinghua University",
        "degree_level": "doctorate",
        "major": "Computer Science",
        "graduation_date": dt.date(2027, 6, 30),
        "topic": "pre-training and scaling",
        "areas": ["fundamental-models"],
        "expected_degree": "doctorate",
        "advisor": ("Prof. Zhang Min", "Tsinghua University"),
        "statement": (
            "I study how data quality and mixture shape scaling laws. My thesis shows that a small proxy model "
            "predicts the best data mixture for a 70B model within 2% of loss.\n\nAt Tongyi I want to turn this "
            "into a recipe for the next pre-training run."
        ),
        "publications": [
            ("Data Mixtures Obey Scaling Laws Too", "NeurIPS", 2025, "https://papers.demo.example/mixtures", "first"),
            ("Proxy Models for Data Selection", "ICLR", 2026, "https://papers.demo.example/proxy", "first"),
        ],
        "reviews": {
            "star.chair@demo.example": (5, 4, 5, "Clear agenda, strong first-author work."),
            "star.arch@demo.example": (4, 4, 5, "Convincing; fits the pre-training team."),
            "committee@demo.example": (5, 5, 4, "Among the best this year."),
        },
    },
    {
        "email": "researcher.liu@demo.example",
        "applied_days_ago": 4,
        "name": "Liu Chen",
        "school": "Peking University",
        "degree_level": "doctorate",
        "major": "Artificial Intelligence",
        "graduation_date": dt.date(2027, 7, 15),
        "topic": "reasoning and reinforcement learning",
        "areas": ["fundamental-models"],
        "expected_degree": "doctorate",
        "advisor": ("Prof. Sun Qiang", "Peking University"),
        "statement": (
            "Reinforcement learning from verifiable rewards for mathematical reasoning: I built the reward "
            "checker our lab's 7B model was trained with, and I want to scale it to code and science."
        ),
        "publications": [
            ("Verifiable Rewards for Olympiad Mathematics", "ICML", 2026, "https://papers.demo.example/vr", "first"),
        ],
        # The members disagree: one reads a strong result, the other a narrow one.
        "reviews": {
            "star.chair@demo.example": (5, 5, 4, "Exactly the direction of the reasoning team."),
            "star.arch@demo.example": (2, 3, 3, "One paper, narrow evaluation; discuss."),
        },
    },
    {
        "email": "researcher.zhao@demo.example",
        "applied_days_ago": 6,
        "name": "Zhao Rui",
        "school": "Shanghai Jiao Tong University",
        "degree_level": "master",
        "major": "Computer Science",
        "graduation_date": dt.date(2027, 3, 31),
        "topic": "training at ten-thousand-GPU scale",
        "areas": ["ai-infrastructure"],
        "expected_degree": "master",
        "advisor": ("Prof. Chen Hao", "Shanghai Jiao Tong University"),
        "statement": (
            "I work on failure recovery for large training jobs: checkpoints in memory across nodes cut the "
            "time lost to a failure from minutes to seconds on our 512-GPU cluster."
        ),
        "publications": [
            ("In-Memory Checkpoints for Elastic Training", "EuroSys", 2026, "", "second"),
        ],
        "reviews": {
            "star.systems@demo.example": (4, 3, 5, "Solid systems work, right team."),
            "star.infra@demo.example": (3, 3, 4, "Good; a master's student with a strong start."),
        },
    },
    {
        "email": "researcher.he@demo.example",
        "applied_days_ago": 8,
        "name": "He Jia",
        "school": "Zhejiang University",
        "degree_level": "doctorate",
        "major": "Computer Engineering",
        "graduation_date": dt.date(2027, 9, 30),
        "topic": "efficient LLM inference",
        "areas": ["ai-infrastructure"],
        "expected_degree": "doctorate",
        "advisor": ("Prof. Wu Fei", "Zhejiang University"),
        "statement": (
            "Speculative decoding with small drafts trained on the target model's own outputs: 2.8 times faster "
            "serving with identical outputs. Next: sparse attention for million-token contexts."
        ),
        "publications": [
            ("Self-Drafting for Speculative Decoding", "MLSys", 2026, "https://papers.demo.example/draft", "first"),
            ("Paged Sparse Attention", "OSDI", 2026, "https://papers.demo.example/paged", "corresponding"),
        ],
        "reviews": {
            "star.systems@demo.example": (5, 5, 5, "Outstanding."),
            "star.infra@demo.example": (3, 2, 4, "Impact claims need production evidence."),
        },
    },
    {
        "email": "researcher.mei@demo.example",
        "applied_days_ago": 10,
        "name": "Mei Lan",
        "school": "Fudan University",
        "degree_level": "doctorate",
        "major": "Computer Science",
        "graduation_date": dt.date(2027, 5, 31),
        "topic": "autonomous agents",
        "areas": ["large-model-applications"],
        "expected_degree": "doctorate",
        "advisor": ("Prof. Huang Jie", "Fudan University"),
        "statement": "Agents that verify their own plans before acting, evaluated on long web tasks.",
        "publications": [
            ("Plan, Verify, Act", "ACL", 2025, "https://papers.demo.example/pva", "first"),
        ],
        "reviews": {
            "star.chair@demo.example": (4, 3, 4, "Promising."),
        },
    },
]
