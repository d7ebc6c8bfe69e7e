"""The recruiter workspace (/recruit/): each unit's recruiters review and move their applicants; admins approve
and publish roles and see the whole program.

Every view is wrapped by `workspace_view` (signed in, and a unit member or an
admin: anyone else gets a 404) and reads through the access scopes:
`postings.access` for units and postings, `Application.objects.reviewed_by`
for applications. The modules split the workspace by what a recruiter does:
`home` (the frame and the dashboard's unit), `pipeline` (board, list, moves,
export), `review` (the application page, reviews, rejections, interviews),
`figures` (dashboard and program overview); drafting and approving postings
live in `postings.drafting`.
"""
