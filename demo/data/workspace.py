"""The recruiter workspace's demo as plain data: applicants of the demo recruiter's unit in every stage, what
reviewers write, and a posting waiting for the demo admin's approval. Nothing here touches the database.

Histories are written backwards from the day of seeding ("days ago"), so the dashboard always has something
new since yesterday, an applicant waiting for weeks, and interviews this week and next.
"""

import datetime as dt

from applicants.models import Application

S = Application.Status

SHOWCASE_EMAIL = "demo.applicant.{number:02d}@demo.example"

# Each applicant: name, school, degree, major, and their history as (days ago, status reached, note,
# rejection reason code); the first step is the application itself. The moves' movers follow the workflow:
# the candidate applies, withdraws and declines; the recruiter does the rest.
# fmt: off
SHOWCASE = [
    ("Zhou Yiming", "Zhejiang University", "master", "Computer Science and Technology",
     [(1.2, S.SUBMITTED)]),
    ("林晓彤", "Shanghai Jiao Tong University", "bachelor", "Software Engineering",
     [(0.15, S.SUBMITTED)]),
    ("Arjun Mehta", "National University of Singapore", "master", "Computer Science",
     [(26, S.SUBMITTED), (23, S.SCREENING)]),
    ("Sophie Müller", "Technical University of Munich", "master", "Informatics",
     [(6, S.SUBMITTED), (2, S.SCREENING)]),
    ("王嘉怡", "Peking University", "doctorate", "Artificial Intelligence",
     [(16, S.SUBMITTED), (12, S.SCREENING), (6, S.ASSESSMENT)]),
    ("Kenji Watanabe", "Tsinghua University", "master", "Computer Science and Technology",
     [(21, S.SUBMITTED), (17, S.SCREENING), (12, S.ASSESSMENT), (4, S.INTERVIEW)]),
    ("Liu Haoyu", "Fudan University", "master", "Data Science",
     [(15, S.SUBMITTED), (11, S.SCREENING), (3, S.INTERVIEW)]),
    ("Emily Carter", "Carnegie Mellon University", "master", "Machine Learning",
     [(36, S.SUBMITTED), (31, S.SCREENING), (26, S.ASSESSMENT), (18, S.INTERVIEW), (6, S.OFFER)]),
    ("赵子墨", "Zhejiang University", "master", "Control Science and Engineering",
     [(52, S.SUBMITTED), (47, S.SCREENING), (40, S.ASSESSMENT), (31, S.INTERVIEW), (21, S.OFFER), (15, S.HIRED)]),
    ("Park Ji-woo", "Nanyang Technological University", "bachelor", "Computer Engineering",
     [(12, S.SUBMITTED), (9, S.SCREENING),
      (7, S.REJECTED, "Solid coursework, no project with large models yet; worth a look by a data team.",
       "skills-gap")]),
    ("Sun Ruoxi", "Harbin Institute of Technology", "master", "Computer Science and Technology",
     [(31, S.SUBMITTED), (27, S.SCREENING), (22, S.ASSESSMENT), (15, S.INTERVIEW),
      (9, S.REJECTED, "Second round: strong coding, the system design discussion stayed shallow.", "interview")]),
    ("Mateo García", "ETH Zurich", "master", "Computer Science",
     [(19, S.SUBMITTED), (15, S.SCREENING), (10, S.WITHDRAWN, "Accepted another internship.")]),
    ("Nguyen Thi Lan", "University of Science and Technology of China", "doctorate", "Computer Science",
     [(42, S.SUBMITTED), (37, S.SCREENING), (29, S.INTERVIEW), (19, S.OFFER), (13, S.DECLINED)]),
]
# fmt: on
SHOWCASE_GRADUATION = dt.date(2027, 6, 30)

# The two reviewers' notes, by how good the applicant looked (1 weakest to 4 strongest); internal to the unit.
REVIEW_NOTES = {
    1: ["Little evidence of the core skills for this role.", "Does not meet the bar for the team yet."],
    2: ["Good fundamentals, thin project experience.", "Promising, but the role needs more systems depth."],
    3: ["Clear thinker; solid projects with real users.", "Strong coding; would ramp up quickly on our stack."],
    4: ["Outstanding: shipped an open-source serving engine.", "Best candidate this round; move fast."],
}
# The scorecard's competencies when a posting has none of its own (the review part's default scorecard).
COMPETENCIES = ("skills", "problem_solving", "communication", "motivation")

# Where interviews happen: a place on the campus, or a video call.
INTERVIEW_PLACE = "Alibaba Cloud, Xixi Campus, Building 5, Room 3-12"
INTERVIEW_VIDEO = "https://meet.demo.example/cloud-{number}"

# The draft a recruiter of the unit has submitted; the demo admin approves it (or returns it).
WAITING_POSTING = {
    "unit": "alibaba-cloud",
    "category": "agent-infrastructure",
    # Titled as the demo's other internships are (demo.composer.posting_title), with a focus none of them has.
    "title": "Agent Infrastructure Engineer Intern — Agent memory",
    "title_zh": "Agent基础设施工程师（实习）— 智能体长期记忆",
    "description": (
        "Design the long-term memory of Alibaba Cloud's agents: what an agent keeps between conversations, how it "
        "finds it again, and how it forgets. You will build retrieval and summarisation services that serve "
        "millions of sessions a day."
    ),
    "description_zh": (
        "为阿里云的智能体设计长期记忆：智能体在多轮对话之间记住什么、如何再次找到、又如何遗忘。"
        "你将参与构建每天服务数百万会话的检索与摘要服务。"
    ),
    "requirements": (
        "- Master's or doctoral student in computer science or a related field\n"
        "- Python or Go, and experience with a vector database or search engine\n"
        "- Bonus: papers or projects on retrieval-augmented generation"
    ),
    "requirements_zh": (
        "- 计算机科学或相关专业的硕士或博士研究生\n"
        "- 熟悉 Python 或 Go，有向量数据库或搜索引擎使用经验\n"
        "- 加分项：有检索增强生成相关的论文或项目"
    ),
    "skills": ["Python", "Go", "RAG", "Distributed systems"],
    "locations": ["hangzhou"],
    "headcount": 2,
    "degree_levels": ["master", "doctorate"],
    "comment": "Ready for review: the team lead signed off on the scope.",
}
