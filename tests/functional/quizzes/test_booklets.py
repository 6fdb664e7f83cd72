"""A question set in a scenario booklet is shown with the booklet beside it."""

from app.extensions import db
from app.models import Booklet, PracticeRun, Question
from tests.bank_trees import bank
from tests.unit.test_booklet_check import BOOKLET, BOOKLET_FILE, booklet_question


def test_booklet_and_its_question_are_loaded_and_shown_together(client, learner, ctx, bank_tree):
    bank_tree(
        {BOOKLET_FILE: BOOKLET, "course-a/questions/more.yaml": bank(booklet_question("q-b"))}
    )
    with ctx():
        assert db.session.get(Question, "q-b").booklet_id == "bk-mail-migration"
        assert db.session.get(Booklet, "bk-mail-migration").title == "Moving the company's mail"
        run = PracticeRun(user_id=learner, quiz_id="quiz-first-check", question_ids=["q-b"])
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    page = client.get(f"/practice/runs/{run_id}/1").get_data(as_text=True)
    assert "Scenario: Moving the company" in page
    assert '<h2 id="sec-the-project">The project</h2>' in page
    assert page.index('class="booklet"') < page.index('id="stem"')


def test_removing_a_booklet_retires_it(ctx, bank_tree):
    bank_tree({BOOKLET_FILE: BOOKLET})
    bank_tree({BOOKLET_FILE: None})
    with ctx():
        assert db.session.get(Booklet, "bk-mail-migration").retired_at is not None
