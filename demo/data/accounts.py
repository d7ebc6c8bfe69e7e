"""The demo's sign-ins (an admin, a recruiter and a second reviewer of Alibaba Cloud, a candidate), and the demo
candidate's profile and resume.

Known passwords, printed by seed_demo: the reason it refuses to run with
DEBUG off.
"""

import datetime as dt

DEMO_ACCOUNTS = [
    {"role": "admin", "email": "admin@demo.example", "name": "Wang Fang", "password": "demo-admin-2027"},
    {
        "role": "recruiter",
        "email": "recruiter@demo.example",
        "name": "Zhang Wei",
        "password": "demo-recruiter-2027",
        "unit": "alibaba-cloud",
    },
    {"role": "candidate", "email": "candidate@demo.example", "name": "Li Na", "password": "demo-candidate-2027"},
    # The recruiter's colleague: a second reviewer of Alibaba Cloud's applicants, who interviews with them.
    {
        "role": "reviewer",
        "email": "reviewer@demo.example",
        "name": "Chen Jing",
        "password": "demo-reviewer-2027",
        "unit": "alibaba-cloud",
        "unit_role": "hiring_manager",
    },
    # A member of the Star committees for fundamental models and AI infrastructure (demo/star.py): the
    # committee pages at /recruit/star/.
    {"role": "committee", "email": "committee@demo.example", "name": "Zhou Min", "password": "demo-committee-2027"},
]

# --- The demo candidate's profile and resume ------------------------------------

DEMO_CANDIDATE = {
    "phone": "+86 138 5710 2027",
    "school": "Zhejiang University",
    "degree_level": "master",
    "major": "Computer Science and Technology",
    "graduation_date": dt.date(2027, 6, 30),
    "languages": "Chinese (native), English (fluent, IELTS 7.5)",
    "links": "https://li-na.demo.example/\nhttps://code.demo.example/li-na",
    "open_to_reassignment": True,
}
DEMO_SKILLS = ["Python", "PyTorch", "RAG", "LLM serving", "Kubernetes", "Distributed systems", "Go"]
DEMO_CATEGORIES = ["ai-infrastructure", "ai-application-rd", "agent-infrastructure"]
DEMO_LOCATIONS = ["hangzhou", "shanghai", "singapore"]
DEMO_RESUME = [
    "Master's student in Computer Science and Technology, Zhejiang University (graduating June 2027)",
    "B.Eng. in Software Engineering, Zhejiang University (2025)",
    "",
    "Projects",
    "- Built a retrieval-augmented assistant for the lab's paper archive (Python, RAG, vector search).",
    "- Cut LLM serving latency by 30% with continuous batching on a 4-GPU Kubernetes cluster.",
    "- Contributor to an open-source distributed training scheduler written in Go.",
    "",
    "Skills: " + ", ".join(DEMO_SKILLS),
    "Languages: Chinese (native), English (fluent, IELTS 7.5)",
]
# The earlier version the candidate replaced: no serving project yet.
DEMO_RESUME_EARLIER = [*DEMO_RESUME[:4], DEMO_RESUME[4], DEMO_RESUME[6], "", "Skills: Python, PyTorch, Go"]
