"""Sample requests for every route, shared by the route, header and CSRF tests."""

from pathlib import Path

COURSE = "/courses/project-management-for-it"
LESSON = COURSE + "/why-it-work-is-project-work"
CHECK = COURSE + "/practice/why-check"  # the lesson's practice check
NO_RUN = "/practice/runs/999999"  # no such practice run
EXAM = COURSE + "/exams/mock-exam"
NO_ATTEMPT = "/exams/999999"  # no such exam attempt
SCENARIO = COURSE + "/scenarios/patch-the-email-servers"
NO_PLAY = "/scenarios/attempts/999999"  # no such scenario attempt
NO_COHORT = "/cohorts/999999"  # no such cohort
# Lesson counts shown on the catalog and the dashboard, from the lesson files themselves
# (module folders are named NN-name), so the samples follow the curriculum as it grows.
_CONTENT = Path(__file__).resolve().parents[3] / "content"
IT_LESSONS = len(list(_CONTENT.glob("pm-for-it/[0-9][0-9]-*/*.md")))
ALL_LESSONS = len(list(_CONTENT.glob("*/[0-9][0-9]-*/*.md")))

# endpoint: (sample path, anonymous answer, learner answer)
# An answer is (status, text in the page) or, for a redirect, (status, Location).
GET_ROUTES = {
    "static": ("/static/css/site.css", (200, "body"), (200, "body")),
    "catalog.home": ("/", (200, f"{IT_LESSONS} lessons"), (200, f"0 of {IT_LESSONS} complete")),
    "catalog.course": (
        COURSE,
        (200, "to track your progress"),
        (200, f"0 of {IT_LESSONS} lessons complete"),
    ),
    "catalog.lesson": (
        LESSON,
        (200, "Progress tracking needs an account"),
        (200, "Mark as complete"),
    ),
    "catalog.search": ("/search?q=firewall", (200, "<mark>"), (200, "<mark>")),
    "catalog.media": (
        "/media/course-pm-it/images/none.png",
        (404, "Page not found"),
        (404, "Page not found"),
    ),
    "progress.dashboard": (
        "/progress",
        (302, "/login?next=%2Fprogress"),
        (200, f"0 of {ALL_LESSONS} lessons complete"),
    ),
    "auth.account": (
        "/account",
        (302, "/login?next=%2Faccount"),
        (200, "learner@example.com"),
    ),
    "auth.change_password": (
        "/account/password",
        (302, "/login?next=%2Faccount%2Fpassword"),
        (200, "Change password"),
    ),
    "auth.login": ("/login", (200, "<h1>Log in</h1>"), (200, "<h1>Log in</h1>")),
    "auth.register": ("/register", (200, "Create an account"), (302, "/progress")),
    "auth.forgot_password": (
        "/password/forgot",
        (200, "Reset your password"),
        (200, "Reset your password"),
    ),
    "auth.reset_password": (
        "/password/reset/not-a-real-token",
        (400, "This link is not valid"),
        (400, "This link is not valid"),
    ),
    "auth.verify": (
        "/verify/not-a-real-token",
        (400, "This link is not valid"),
        (400, "This link is not valid"),
    ),
    "health.healthz": ("/healthz", (200, '"status":"ok"'), (200, '"status":"ok"')),
    "quizzes.quiz": (CHECK, (200, "it needs an account"), (200, "Start practising")),
    "quizzes.question": (
        NO_RUN + "/1",
        (302, "/login?next=%2Fpractice%2Fruns%2F999999%2F1"),
        (404, "Page not found"),
    ),
    "quizzes.summary": (
        NO_RUN + "/summary",
        (302, "/login?next=%2Fpractice%2Fruns%2F999999%2Fsummary"),
        (404, "Page not found"),
    ),
    "quizzes.exam": (EXAM, (200, "Mock exams need an account"), (200, "Start the exam")),
    "quizzes.exam_question": (
        NO_ATTEMPT + "/q/1",
        (302, "/login?next=%2Fexams%2F999999%2Fq%2F1"),
        (404, "Page not found"),
    ),
    "quizzes.exam_submit": (
        NO_ATTEMPT + "/submit",
        (302, "/login?next=%2Fexams%2F999999%2Fsubmit"),
        (404, "Page not found"),
    ),
    "quizzes.exam_result": (
        NO_ATTEMPT + "/result",
        (302, "/login?next=%2Fexams%2F999999%2Fresult"),
        (404, "Page not found"),
    ),
    "scenarios.scenario": (
        SCENARIO,
        (200, "Scenarios save every step"),
        (200, "Start the scenario"),
    ),
    "scenarios.play": (
        NO_PLAY,
        (302, "/login?next=%2Fscenarios%2Fattempts%2F999999"),
        (404, "Page not found"),
    ),
    "progress.export_data": (
        "/account/export",
        (302, "/login?next=%2Faccount%2Fexport"),
        (200, "exported_at"),
    ),
    "progress.statements": (
        "/api/v1/me/statements",
        (401, "Sign in"),
        (200, "statements"),
    ),
    "auth.delete_account": (
        "/account/delete",
        (302, "/login?next=%2Faccount%2Fdelete"),
        (200, "Delete my account for good"),
    ),
    "cohorts.index": ("/cohorts", (302, "/login?next=%2Fcohorts"), (200, "not in any cohort")),
    "cohorts.cohort": (
        NO_COHORT,
        (302, "/login?next=%2Fcohorts%2F999999"),
        (404, "Page not found"),
    ),
    "cohorts.join": (
        "/join/not-a-real-token",
        (404, "This invitation link is not valid."),
        (404, "This invitation link is not valid."),
    ),
    "progress.review_queue": (
        "/review",
        (302, "/login?next=%2Freview"),
        (200, "Nothing due"),
    ),
    "scenarios.debrief": (
        NO_PLAY + "/debrief",
        (302, "/login?next=%2Fscenarios%2Fattempts%2F999999%2Fdebrief"),
        (404, "Page not found"),
    ),
    "cohorts.calendar_feed": (
        "/calendar/not-a-real-token.ics",
        (404, "Page not found"),
        (404, "Page not found"),
    ),
    "cohorts.analysis_page": (
        NO_COHORT + "/analysis/1",
        (302, "/login?next=%2Fcohorts%2F999999%2Fanalysis%2F1"),
        (404, "Page not found"),
    ),
    "cohorts.export_matrix": (
        NO_COHORT + "/export/matrix.csv",
        (302, "/login?next=%2Fcohorts%2F999999%2Fexport%2Fmatrix.csv"),
        (404, "Page not found"),
    ),
    "cohorts.export_attempts": (
        NO_COHORT + "/export/attempts.csv",
        (302, "/login?next=%2Fcohorts%2F999999%2Fexport%2Fattempts.csv"),
        (404, "Page not found"),
    ),
    "cohorts.learner_record": (
        NO_COHORT + "/learners/1",
        (302, "/login?next=%2Fcohorts%2F999999%2Flearners%2F1"),
        (404, "Page not found"),
    ),
    "cohorts.assignments_page": (
        NO_COHORT + "/assignments",
        (302, "/login?next=%2Fcohorts%2F999999%2Fassignments"),
        (404, "Page not found"),
    ),
    "cohorts.areas_page": (
        NO_COHORT + "/areas",
        (302, "/login?next=%2Fcohorts%2F999999%2Fareas"),
        (404, "Page not found"),
    ),
    "cohorts.people_page": (
        NO_COHORT + "/people",
        (302, "/login?next=%2Fcohorts%2F999999%2Fpeople"),
        (404, "Page not found"),
    ),
    "cohorts.settings_page": (
        NO_COHORT + "/settings",
        (302, "/login?next=%2Fcohorts%2F999999%2Fsettings"),
        (404, "Page not found"),
    ),
    "progress.certificate": (
        "/certificates/not-a-real-code",
        (404, "Page not found"),
        (404, "Page not found"),
    ),
    "admin.users": ("/admin/users", (302, "/login?next=%2Fadmin%2Fusers"), (403, "Forbidden")),
    "admin.audit": ("/admin/audit", (302, "/login?next=%2Fadmin%2Faudit"), (403, "Forbidden")),
}

# endpoint: sample path for a POST (the token and session id need not exist:
# the CSRF check comes first).
POST_ROUTES = {
    "auth.register": "/register",
    "auth.login": "/login",
    "auth.logout": "/logout",
    "auth.resend_verification": "/verify/resend",
    "auth.forgot_password": "/password/forgot",
    "auth.reset_password": "/password/reset/not-a-real-token",
    "auth.update_profile": "/account/profile",
    "auth.change_password": "/account/password",
    "auth.end_session": "/account/sessions/not-a-session/end",
    "progress.complete_lesson": "/progress/lessons/pmit-why-projects/complete",
    "progress.undo_lesson": "/progress/lessons/pmit-why-projects/undo",
    "progress.review_card": "/review/cards/999999",
    "cohorts.create": "/cohorts",
    "cohorts.settings": NO_COHORT + "/settings",
    "cohorts.archive": NO_COHORT + "/archive",
    "cohorts.add_staff": NO_COHORT + "/staff",
    "cohorts.invite_link": NO_COHORT + "/invites/link",
    "cohorts.invite_emails": NO_COHORT + "/invites/email",
    "cohorts.revoke_invite": NO_COHORT + "/invites/1/revoke",
    "cohorts.remove_member": NO_COHORT + "/members/1/remove",
    "cohorts.leave": NO_COHORT + "/leave",
    "cohorts.join": "/join/not-a-real-token",
    "cohorts.assign": NO_COHORT + "/assignments",
    "cohorts.unassign": NO_COHORT + "/assignments/1/delete",
    "cohorts.exception": NO_COHORT + "/assignments/1/exceptions",
    "cohorts.allowance": NO_COHORT + "/learners/1/allowance",
    "cohorts.build_practice_set": NO_COHORT + "/practice-set",
    "cohorts.practise_set": NO_COHORT + "/assignments/1/practise",
    "auth.delete_account": "/account/delete",
    "cohorts.calendar_reset": "/account/calendar",
    "cohorts.calendar_revoke": "/account/calendar/revoke",
    "progress.set_goal": "/review/goal",
    "quizzes.start": CHECK + "/start",
    "quizzes.answer": NO_RUN + "/1",
    "quizzes.start_topic": "/practice/topics/it-risk/start",
    "quizzes.start_exam": EXAM + "/start",
    "quizzes.save_exam_answer": NO_ATTEMPT + "/q/1",
    "quizzes.exam_submit": NO_ATTEMPT + "/submit",
    "scenarios.start": SCENARIO + "/start",
    "scenarios.choose": NO_PLAY + "/choose",
    "scenarios.plan": NO_PLAY + "/plan",
    "admin.set_role": "/admin/users/999999/role",
    "admin.disable": "/admin/users/999999/disable",
    "admin.enable": "/admin/users/999999/enable",
}
