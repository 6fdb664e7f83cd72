"""Typed SQLAlchemy models, one module per area. Models import only extensions."""

from app.models.cohorts import (
    Assignment,
    AssignmentException,
    AssignmentResult,
    AuditEvent,
    BoardView,
    Cohort,
    CohortInvite,
    CohortMember,
    CohortStaff,
    ReminderSent,
)
from app.models.content import (
    ContentState,
    Course,
    CourseRedirect,
    GlossaryTerm,
    Lesson,
    LessonRedirect,
    LessonTag,
    Media,
    Module,
    SyllabusGroup,
    SyllabusTag,
)
from app.models.exams import AttemptItem, ExamAttempt
from app.models.learning import ReviewCard, ReviewLog, StudyDay, TagMastery, XapiStatement
from app.models.progress import LessonProgress
from app.models.quizzes import (
    Booklet,
    PracticeAnswer,
    PracticeRun,
    Question,
    QuestionTag,
    Quiz,
)
from app.models.scenarios import Scenario, ScenarioAttempt
from app.models.users import User, UserSession

__all__ = [
    "Assignment",
    "AssignmentException",
    "AssignmentResult",
    "AuditEvent",
    "BoardView",
    "Cohort",
    "CohortInvite",
    "CohortMember",
    "CohortStaff",
    "ReminderSent",
    "AttemptItem",
    "Booklet",
    "ExamAttempt",
    "ContentState",
    "Course",
    "GlossaryTerm",
    "ReviewCard",
    "ReviewLog",
    "StudyDay",
    "TagMastery",
    "XapiStatement",
    "CourseRedirect",
    "Lesson",
    "LessonProgress",
    "LessonRedirect",
    "LessonTag",
    "Media",
    "Module",
    "PracticeAnswer",
    "PracticeRun",
    "Question",
    "QuestionTag",
    "Quiz",
    "Scenario",
    "ScenarioAttempt",
    "SyllabusGroup",
    "SyllabusTag",
    "User",
    "UserSession",
]
