"""A lesson with a practice check links to it; a lesson without one does not."""

from tests.bank_trees import CHECK_SLUG
from tests.functional.quizzes.helpers import page

LINK = "Practise this lesson's questions"


def test_lesson_with_a_check_links_to_it(bank_tree, client):
    html = page(client, "/courses/test-course/first")
    assert "Check your understanding" in html
    assert f'<a class="button" href="/courses/test-course/practice/{CHECK_SLUG}">{LINK}</a>' in html


def test_lesson_without_a_check_has_no_link(bank_tree, client):
    html = page(client, "/courses/test-course/second")
    assert "Check your understanding" not in html and LINK not in html
    assert "/practice/" not in html


def test_a_learner_sees_the_link_too(bank_tree, client, learner):
    assert LINK in page(client, "/courses/test-course/first")
