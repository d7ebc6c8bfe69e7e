"""The talent pool's demo as plain data: candidates one unit turned down (with a reason that lets other units see
them) who fit another unit's open roles, most of them the demo recruiter's (Alibaba Cloud). Nothing here touches
the database.

Each candidate consented to the pool, has a resume naming their skills and projects, and ended one application:
turned down by `unit` after reaching `reached`, `rejected` days ago, for a role of one of the categories they
prefer (`demo.pool` picks the posting). The last two were turned down by Alibaba Cloud itself: the demo shows
them suggested to other units, and never to Alibaba Cloud again for that category.
"""

import datetime as dt

from applicants.models import Application

S = Application.Status

POOL_EMAIL = "demo.pool.{number:02d}@demo.example"
POOL_EMAIL_PREFIX = "demo.pool."
RECRUITER_UNIT = "alibaba-cloud"


def _person(name, school, degree, major, graduation, skills, categories, locations, phone, languages, turndown, work):
    unit, reached, applied, rejected, code, note = turndown
    return {
        "name": name,
        "school": school,
        "degree_level": degree,
        "major": major,
        "graduation_date": graduation,
        "skills": skills,
        "categories": categories,
        "locations": locations,
        "phone": phone,
        "languages": languages,
        "unit": unit,
        "reached": reached,
        "applied": applied,
        "rejected": rejected,
        "rejection": code,
        "note": note,
        "work": work,
    }


# fmt: off
POOL_CANDIDATES = [
    _person(
        "Chen Yuhang", "Tsinghua University", "master", "Computer Science and Technology", dt.date(2027, 6, 30),
        ["CUDA", "C++", "PyTorch", "LLM serving", "Distributed training", "Linux"],
        ["ai-infrastructure"], ["beijing", "hangzhou"], "+86 139 1020 3141", "Chinese (native), English (fluent)",
        ("tongyi-laboratory", S.INTERVIEW, 48, 9, "stronger-candidates",
         "Final round was close; the team chose a candidate with more training-cluster experience."),
        ["Wrote fused attention kernels in CUDA that cut inference latency of a 7B model by 22%.",
         "Ran distributed training jobs on a 64-GPU cluster for the lab's speech model."],
    ),
    _person(
        "Lukas Becker", "Technical University of Munich", "master", "Informatics", dt.date(2027, 7, 15),
        ["Go", "Kubernetes", "Distributed systems", "Kafka", "Linux", "Rust"],
        ["agent-infrastructure", "ai-sre"], ["frankfurt", "hangzhou"], "+49 151 2345678",
        "German (native), English (fluent)",
        ("qianwen", S.ASSESSMENT, 40, 18, "assessment",
         "Solid on systems, below the bar on the algorithm part of the assessment."),
        ["Built a job scheduler in Go on Kubernetes that runs 10,000 sandboxed tasks a day.",
         "Contributed a Kafka consumer rebalancing fix to an open-source stream processor."],
    ),
    _person(
        "Xu Mengqi", "Fudan University", "doctorate", "Artificial Intelligence", dt.date(2027, 6, 20),
        ["Reinforcement learning", "LLM fine-tuning", "Prompt engineering", "Python", "LLM evaluation"],
        ["ai-agent-optimization", "ai-application-algorithm"], ["shanghai", "hangzhou"], "+86 137 2188 0421",
        "Chinese (native), English (IELTS 7.5)",
        ("taotian-group", S.INTERVIEW, 35, 6, "interview",
         "Strong research; the team needs someone shipping to production this summer."),
        ["First author of a paper on reinforcement learning from tool feedback for LLM agents.",
         "Fine-tuned and evaluated planning agents on a benchmark of 2,000 multi-step tasks."],
    ),
    _person(
        "Ananya Iyer", "Indian Institute of Technology Bombay", "master", "Computer Science", dt.date(2027, 7, 15),
        ["Python", "Java", "RAG", "Function calling", "Microservices", "TypeScript"],
        ["ai-application-rd"], ["shanghai", "sunnyvale"], "+91 98201 44310", "English (fluent), Hindi",
        ("alibaba-international", S.SCREENING, 30, 20, "experience",
         "Good projects, little experience with production services yet."),
        ["Built a retrieval-augmented support assistant (RAG, function calling) used by 300 students.",
         "Split a course-registration monolith into Java microservices behind a TypeScript front end."],
    ),
    _person(
        "Wang Shiyu", "Zhejiang University", "master", "Data Science", dt.date(2027, 6, 30),
        ["Data pipelines", "Data labelling", "SQL", "LLM fine-tuning", "Prompt engineering"],
        ["ai-data", "ai-application-rd"], ["hangzhou", "shanghai"], "+86 136 5710 8812",
        "Chinese (native), English (CET-6)",
        ("amap", S.SUBMITTED, 24, 15, "position-filled", "Headcount filled before this application was read."),
        ["Designed the data pipelines and labelling guidelines for a 200,000-sample instruction dataset.",
         "Cut annotation disagreement from 18% to 7% with prompt-engineered pre-labelling."],
    ),
    _person(
        "Daniel Kim", "Carnegie Mellon University", "master", "Machine Learning", dt.date(2027, 8, 31),
        ["Computer vision", "Multimodal models", "PyTorch", "Natural language processing", "Statistics"],
        ["ai-application-algorithm"], ["sunnyvale", "singapore", "hangzhou"], "+1 650 555 0142",
        "English (native), Korean (fluent)",
        ("youku", S.INTERVIEW, 44, 12, "interview",
         "Good modelling skills; the video team wanted more experience with long-form video."),
        ["Trained a multimodal model (PyTorch) that answers questions about charts and screenshots.",
         "Teaching assistant for the graduate course in natural language processing."],
    ),
    _person(
        "Tan Hui Min", "National University of Singapore", "bachelor", "Computer Science", dt.date(2027, 6, 30),
        ["TypeScript", "React", "Node.js", "SQL"],
        ["frontend"], ["singapore", "shanghai"], "+65 9123 4567", "English (native), Chinese (fluent)",
        ("fliggy", S.SCREENING, 28, 21, "location",
         "The team hires in Hangzhou only this season; the candidate prefers Singapore."),
        ["Rebuilt a campus events site in React and TypeScript: load time down from 4 s to 1.2 s.",
         "Wrote a Node.js service with SQL reporting for the student union's ticketing."],
    ),
    _person(
        "Zhao Yichen", "Shanghai Jiao Tong University", "master", "Computer Science and Technology",
        dt.date(2027, 6, 30),
        ["Go", "Kubernetes", "Distributed systems", "Microservices", "Linux"],
        ["agent-infrastructure", "ai-infrastructure"], ["hangzhou", "beijing"], "+86 138 1762 5530",
        "Chinese (native), English (fluent)",
        ("wukong", S.INTERVIEW, 50, 4, "stronger-candidates",
         "Very good interviews; one headcount, and another candidate had worked on the team's stack."),
        ["Built a tool gateway in Go that routes agent tool calls to 40 microservices with rate limits.",
         "Operated the lab's Kubernetes cluster (Linux, 30 nodes) for two years."],
    ),
    # Turned down by the demo recruiter's unit: suggested to other units, never to Alibaba Cloud for the category.
    _person(
        "Sophie Laurent", "ETH Zurich", "master", "Computer Science", dt.date(2027, 7, 15),
        ["Recommender systems", "Python", "Spark", "Statistics", "A/B testing"],
        ["ai-application-algorithm", "ai-data"], ["frankfurt", "shanghai"], "+41 79 555 0123",
        "French (native), English (fluent)",
        (RECRUITER_UNIT, S.SCREENING, 26, 16, "skills-gap",
         "Strong in recommendation, little vision work; worth a look by a recommendation team."),
        ["Built a session-based recommender in Python and Spark; +3.1% click-through in an A/B test.",
         "Statistics tutor for two years."],
    ),
    _person(
        "Li Jiahao", "Huazhong University of Science and Technology", "master", "Electronic Engineering",
        dt.date(2027, 6, 30),
        ["Verilog", "SystemVerilog", "Computer architecture", "RISC-V", "Python"],
        ["chip-design"], ["hangzhou", "shanghai"], "+86 135 2716 9043", "Chinese (native), English (CET-6)",
        (RECRUITER_UNIT, S.ASSESSMENT, 33, 11, "assessment",
         "Good verification basics; the assessment asked for more RTL design depth."),
        ["Designed a five-stage RISC-V core in SystemVerilog and verified it with a Python testbench.",
         "Course project on cache coherence in computer architecture."],
    ),
]
# fmt: on
