"""The demo's other candidates as a table: where they come from, what they study, how their season went.

`demo.candidates` draws each candidate from these weights with a generator of
its own. Nothing here touches the database.
"""

import datetime as dt

from applicants.models import Application

S = Application.Status

# Regions give a name style, schools (weighted; the spring tour's universities
# first), a phone format ("#" a digit) and languages. Written compactly: it is
# a table.

# fmt: off
CN_FAMILY = [
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
    "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng",
]
CN_GIVEN = [
    "Wei", "Fang", "Min", "Jing", "Lei", "Yang", "Yan", "Jie", "Tao", "Hao", "Yu", "Xin", "Yue", "Ming", "Hui",
    "Qiang", "Ting", "Jun", "Qian", "Zihan", "Yuxuan", "Haoran", "Zimo", "Yichen", "Xinyi", "Shiyu", "Ruoxi",
    "Jiahao", "Mengyao", "Siyuan", "Wenjie", "Kaiwen", "Yutong", "Zhiyuan", "Shuhan", "Jiayi", "Boyang",
]
# Written in characters on the portal, in pinyin on an English resume.
CN_HANZI = [
    ("王子涵", "Wang Zihan"), ("李雨桐", "Li Yutong"), ("张浩然", "Zhang Haoran"), ("陈思远", "Chen Siyuan"),
    ("刘欣怡", "Liu Xinyi"), ("杨一晨", "Yang Yichen"), ("黄梦瑶", "Huang Mengyao"), ("赵嘉豪", "Zhao Jiahao"),
    ("周若曦", "Zhou Ruoxi"), ("吴文杰", "Wu Wenjie"), ("徐凯文", "Xu Kaiwen"), ("孙诗雨", "Sun Shiyu"),
]

REGIONS = {
    "china": {
        "weight": 68,
        "schools": [
            ("Zhejiang University", 14), ("Peking University", 10), ("Tsinghua University", 10),
            ("Shanghai Jiao Tong University", 10), ("Fudan University", 8),
            ("University of Science and Technology of China", 6), ("Nanjing University", 5),
            ("Harbin Institute of Technology", 4), ("Wuhan University", 4), ("Sun Yat-sen University", 3),
            ("Huazhong University of Science and Technology", 3), ("Beihang University", 3),
        ],
        "phone": "+86 1## #### ####",
        "languages": [
            "Chinese (native), English (fluent)", "Chinese (native), English (CET-6)",
            "Chinese (native), English (IELTS 7.0)", "Chinese (native), English (fluent), Japanese (basic)",
        ],
        "locations": ["hangzhou", "beijing", "shanghai", "hangzhou", "singapore"],
    },
    "singapore": {
        "weight": 8,
        "schools": [("National University of Singapore", 3), ("Nanyang Technological University", 3)],
        "family_first": True,
        "family": ["Tan", "Lim", "Ng", "Ong", "Lee", "Goh", "Chua", "Koh", "Teo", "Wong", "Chan", "Yeo"],
        "given": ["Wei Jie", "Jia Hui", "Xin Yi", "Jun Hao", "Hui Min", "Zhi Wei", "Shu Ting", "Kai Xiang", "Li Ting"],
        "names": [
            "Nur Aisyah binti Rahman", "Muhammad Irfan bin Ismail", "Siti Nurhaliza", "Priya Ramasamy",
            "Arjun Pillai", "Divya Krishnan",
        ],
        "phone": "+65 9### ####",
        "languages": ["English (native), Chinese (fluent)", "English (native), Malay (fluent)", "English, Tamil"],
        "locations": ["singapore", "singapore", "hangzhou", "shanghai"],
    },
    "europe": {
        "weight": 7,
        "schools": [
            ("Technical University of Munich", 4), ("ETH Zurich", 2), ("RWTH Aachen University", 2),
            ("Imperial College London", 2), ("University of Cambridge", 1),
        ],
        "given": [
            "Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie", "Elias", "Clara", "Mateo",
            "Camille", "Luca", "Giulia", "Jan", "Eva",
        ],
        "family": [
            "Müller", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Rossi", "García", "Dubois", "Novák",
            "Kowalski", "Jansen",
        ],
        "phone": "+49 15# #######",
        "languages": [
            "German (native), English (fluent)", "English (fluent), French (native)", "English, Chinese (HSK 4)",
        ],
        "locations": ["frankfurt", "frankfurt", "singapore", "hangzhou"],
    },
    "america": {
        "weight": 8,
        "schools": [
            ("Stanford University", 3), ("Carnegie Mellon University", 2), ("University of California, Berkeley", 2),
            ("Massachusetts Institute of Technology", 1), ("University of Washington", 1),
        ],
        "given": [
            "Emily", "Michael", "Olivia", "Daniel", "Sarah", "Ethan", "Grace", "Ryan", "Hannah", "Kevin", "Chloe",
            "Andrew",
        ],
        "family": ["Johnson", "Chen", "Martinez", "Kim", "Nguyen", "Patel", "Smith", "Garcia", "Wong", "Lee", "Brown"],
        "phone": "+1 650 ### ####",
        "languages": ["English (native)", "English (native), Mandarin (conversational)", "English, Spanish"],
        "locations": ["sunnyvale", "sunnyvale", "singapore", "shanghai"],
    },
    "hong_kong": {
        "weight": 4,
        "schools": [("Hong Kong University of Science and Technology", 3), ("The University of Hong Kong", 2)],
        "family_first": True,
        "family": ["Chan", "Wong", "Leung", "Cheung", "Lau", "Ho", "Lee", "Yip", "Tsang", "Kwok"],
        "given": ["Ka Yan", "Tsz Hin", "Hoi Ching", "Chun Kit", "Wing Sze", "Man Lok", "Hiu Tung", "Ching Yi"],
        "phone": "+852 #### ####",
        "languages": [
            "English (fluent), Cantonese (native), Mandarin (fluent)", "Cantonese (native), English (fluent)",
        ],
        "locations": ["shanghai", "hangzhou", "singapore"],
    },
    "asia": {
        "weight": 5,
        # International students: the phone follows the school's country, not the name.
        "schools": [
            ("The University of Tokyo", 2, "+81 90 #### ####"), ("KAIST", 2, "+82 10 #### ####"),
            ("Indian Institute of Technology Bombay", 2, "+91 9#### #####"),
        ],
        "names": [
            "Kenji Tanaka", "Yuki Sato", "Haruto Suzuki", "Aoi Takahashi", "Ren Watanabe", "Min-jun Park",
            "Seo-yeon Kim", "Ji-ho Lee", "Ha-eun Choi", "Aarav Mehta", "Ananya Iyer", "Vikram Nair", "Sneha Reddy",
            "Nguyen Thi Lan", "Tran Minh Duc", "Le Hoang Anh", "Ahmed Hassan", "Fatima Al-Sayed", "Omar Farouk",
            "Putri Wulandari", "Budi Santoso", "Maria Santos",
        ],
        "languages": ["English (fluent), Japanese (native)", "English (fluent), Korean (native)", "English, Hindi"],
        "locations": ["singapore", "shanghai", "hangzhou", "beijing"],
    },
}

# Majors by field; a field suggests skills and role categories.
FIELDS = {
    "software": {
        "majors": [
            "Computer Science", "Software Engineering", "Computer Science and Technology", "Cyberspace Security",
        ],
        "skills": [
            "Python", "Java", "Go", "C++", "SQL", "Distributed systems", "Microservices", "Kubernetes", "Redis",
            "Kafka", "Linux", "Rust", "Observability",
        ],
        "categories": ["ai-application-rd", "agent-infrastructure", "ai-sre", "backend", "ai-infrastructure"],
    },
    "ai": {
        "majors": ["Artificial Intelligence", "Data Science", "Statistics", "Applied Mathematics", "Automation"],
        "skills": [
            "Python", "PyTorch", "LLM fine-tuning", "LLM evaluation", "RAG", "Natural language processing",
            "Computer vision", "Recommender systems", "Reinforcement learning", "Statistics", "A/B testing",
            "Multimodal models", "Prompt engineering", "Vector search", "Information retrieval", "Time series",
            "Distributed training", "Spark",
        ],
        "categories": ["ai-application-algorithm", "ai-agent-optimization", "ai-data", "ai-application-rd"],
    },
    "hardware": {
        "majors": ["Microelectronics", "Electronic Engineering", "Electrical Engineering", "Computer Engineering"],
        "skills": [
            "Verilog", "SystemVerilog", "RISC-V", "Computer architecture", "C++", "CUDA", "MLIR", "Compilers",
            "Linux", "Python",
        ],
        "categories": ["chip-design", "ai-infrastructure"],
    },
    "data": {
        "majors": ["Information Management", "Computational Linguistics", "Mathematics", "Physics"],
        "skills": [
            "Python", "SQL", "Spark", "Flink", "Data pipelines", "Data labelling", "Statistics",
            "Natural language processing", "Speech processing", "LLM evaluation",
        ],
        "categories": ["ai-data", "ai-application-algorithm", "product-manager"],
    },
    "product": {
        "majors": ["Industrial Design", "Digital Media Technology", "Human-Computer Interaction"],
        "skills": ["User research", "TypeScript", "React", "Node.js", "A/B testing", "Prompt engineering"],
        "categories": ["product-manager", "frontend", "ai-application-rd"],
    },
}
FIELD_WEIGHTS = {"software": 34, "ai": 38, "hardware": 10, "data": 12, "product": 6}
DEGREE_WEIGHTS = {"bachelor": 38, "master": 47, "doctorate": 15}

# Graduation days: mostly the summer of 2027, some winter graduates, both
# ends of the window; a few outside it, so eligibility refusals can be seen.
GRADUATION_IN_WINDOW = {
    dt.date(2026, 11, 1): 1, dt.date(2026, 12, 31): 4, dt.date(2027, 1, 15): 6, dt.date(2027, 3, 31): 3,
    dt.date(2027, 6, 20): 14, dt.date(2027, 6, 30): 30, dt.date(2027, 7, 15): 16, dt.date(2027, 8, 31): 5,
    dt.date(2027, 9, 30): 4, dt.date(2027, 10, 30): 1,
}
GRADUATION_OUTSIDE = [dt.date(2026, 6, 30), dt.date(2026, 10, 31), dt.date(2027, 10, 31), dt.date(2028, 6, 30)]
# fmt: on
OUTSIDE_SHARE = 0.06
# Signed up and filled in a profile, but have not applied yet.
NOT_YET_APPLIED_SHARE = 0.07
TWO_PREFERENCES_SHARE = 0.6
POOL_CONSENT_SHARE = 0.5

# How far a first preference got, then how it ended (shares per stage reached).
REACHED = {S.SUBMITTED: 50, S.SCREENING: 20, S.ASSESSMENT: 12, S.INTERVIEW: 11, S.OFFER: 7}
REJECTED_SHARE = {S.SUBMITTED: 0.12, S.SCREENING: 0.3, S.ASSESSMENT: 0.35, S.INTERVIEW: 0.35}
WITHDRAWN_SHARE = 0.06
HIRED_SHARE, DECLINED_SHARE = 0.45, 0.15

# Why a unit turned a first preference down, by the stage it reached: the reason from the list the recruiter picks
# from (RejectionReason codes, applicants migration 0003) and the recruiter's internal note.
REJECTION_REASONS = {
    S.SUBMITTED: [
        ("skills-gap", "Profile does not match the role's focus closely enough; could suit a data or platform team."),
        ("position-filled", "Headcount for this role was filled by earlier candidates."),
        ("location", "Internship dates do not fit the team's schedule."),
    ],
    S.SCREENING: [
        ("experience", "Strong fundamentals, but little hands-on experience with the role's core stack."),
        ("stronger-candidates", "Other candidates had more relevant project experience with large models."),
        ("location", "Prefers a location the team does not hire in this season."),
    ],
    S.ASSESSMENT: [
        ("assessment", "Did not pass the coding assessment (2 of 4 problems)."),
        ("assessment", "Assessment result below the bar for this role; good at algorithms, weaker at system design."),
    ],
    S.INTERVIEW: [
        ("interview", "Interview feedback: good communication, system design not yet at the level needed."),
        (
            "stronger-candidates",
            "Second-round interviewers preferred a candidate with distributed training experience.",
        ),
        (
            "interview",
            "Team fit: wants pure research, the role is product engineering. Suggest the Star program next year.",
        ),
    ],
}
WITHDRAWAL_REASONS = ["Accepted another internship.", "Decided to stay in my lab this summer.", "", ""]
AFTER_HIRE = "Accepted the offer of my first preference."
