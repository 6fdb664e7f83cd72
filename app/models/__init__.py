"""Typed SQLAlchemy models, one module per area. Models import only extensions."""

from app.models.content import (
    Course,
    CourseRedirect,
    Lesson,
    LessonRedirect,
    LessonTag,
    Media,
    Module,
    SyllabusGroup,
    SyllabusTag,
)
from app.models.progress import LessonProgress
from app.models.users import User, UserSession

__all__ = [
    "Course",
    "CourseRedirect",
    "Lesson",
    "LessonProgress",
    "LessonRedirect",
    "LessonTag",
    "Media",
    "Module",
    "SyllabusGroup",
    "SyllabusTag",
    "User",
    "UserSession",
]
