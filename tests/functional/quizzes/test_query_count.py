"""Answering a question costs the same number of statements however long the run is."""

from tests.bank_trees import bank, practice_quiz, quizzes, single
from tests.conftest import sql_statements
from tests.functional.quizzes.helpers import answer_form, question_path, run_questions, start

DRILL = {
    "course-a/questions/drill.yaml": bank(
        *(single(f"q-drill-{n:02}", lesson="tst-second", pool="[practice]") for n in range(30))
    ),
    "course-a/quizzes/drill.yaml": quizzes(
        practice_quiz("quiz-drill-3", "drill-3", lesson="tst-second", questions=3),
        practice_quiz("quiz-drill-30", "drill-30", lesson="tst-second", questions=30),
    ),
}


def test_answering_costs_the_same_statements_in_a_run_of_3_and_of_30(
    app, bank_tree, client, learner, ctx
):
    bank_tree(DRILL)
    short = start(client, "/courses/test-course/practice/drill-3")
    long = start(client, "/courses/test-course/practice/drill-30")
    assert (len(run_questions(ctx, short)), len(run_questions(ctx, long))) == (3, 30)
    counts = []
    for run_id in (short, long, short):
        # The same position, not the last, so neither answer finishes its run.
        token = answer_form(client, run_id, 2).values["csrf_token"][0]
        with sql_statements(app) as sent:
            response = client.post(
                question_path(run_id, 2), data={"csrf_token": token, "choice": "a"}
            )
        assert response.status_code == 302
        counts.append(len(sent))
    assert counts[0] == counts[1] == counts[2], counts
