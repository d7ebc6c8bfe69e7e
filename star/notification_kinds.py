"""The Star track's notification events (the notification-kinds contract): none of its own.

A research application is an application: the candidate's "application received" and every later move are
applicants' events. Committee members work from /recruit/star/, whose ranking shows what is new to review;
a digest or a "new application in your area" email (topic "star_reviews") can be declared here when wanted.
Nothing to import while both lists are empty.
"""

TOPICS = []
KINDS = []
