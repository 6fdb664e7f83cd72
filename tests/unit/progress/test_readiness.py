"""Exam readiness: predicted score, band and pass probability from mastery per area,
mock results and forgetting."""

from datetime import UTC, datetime, timedelta

import pytest

from app.progress.mastery import PRIOR_VARIANCE, Skill, at, observe, probability
from app.progress.readiness import MIN_ANSWERS, Mock, forecast

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=2)
BLUEPRINT = {"risk": 10, "change": 10, "people": 10}
GROUPS = {"people": {"sponsor", "team"}}  # a group area; the others are tags
TAGS = ("risk", "change", "sponsor", "team")
PASS_MARK = 18


def trained(share_right: float, answers: int = 20) -> Skill:
    """A skill after ``answers`` answers, ``share_right`` of them right, spread evenly."""
    skill = Skill()
    for n in range(answers):
        right = (n * share_right) % 1 + share_right >= 1
        skill = observe(skill, 1.0 if right else 0.0, T0 + timedelta(minutes=n))
    return skill


def learner(share_right: float, tags=TAGS) -> dict[str, Skill]:
    return {tag: trained(share_right) for tag in tags}


def ready(skills, mocks=(), now=NOW, blueprint=BLUEPRINT):
    return forecast(blueprint, GROUPS, skills, PASS_MARK, now, list(mocks))


def area(result, name):
    return next(a for a in result.areas if a.area == name)


def test_no_evidence_is_not_enough_and_names_no_weakest_area():
    result = ready({})
    assert not result.enough
    assert result.weakest == []
    assert result.expected == pytest.approx(15)  # a coin toss on every question
    assert [a.answers for a in result.areas] == [0, 0, 0]


def test_a_learner_strong_everywhere_is_more_likely_to_pass_than_a_weak_one():
    strong, weak = ready(learner(0.9)), ready(learner(0.3))
    assert strong.enough and weak.enough
    assert strong.expected > PASS_MARK > weak.expected
    assert strong.pass_probability > 0.9
    assert weak.pass_probability < 0.1


@pytest.mark.parametrize("share_right", [0.1, 0.5, 0.9])
def test_the_band_contains_the_expected_score_within_the_exam(share_right):
    for result in (
        ready(learner(share_right)),
        ready(learner(share_right), [Mock(NOW - timedelta(days=1), 29, 30)]),
    ):
        assert 0 <= result.low < result.expected < result.high <= result.questions


def test_the_band_is_narrower_with_more_evidence():
    thin = ready({tag: trained(0.7, answers=6) for tag in TAGS})
    thick = ready({tag: trained(0.7, answers=60) for tag in TAGS})
    assert thick.high - thick.low < thin.high - thin.low


def test_a_recent_mock_pulls_the_expectation_toward_its_score_and_an_old_one_less():
    skills = learner(0.5)
    alone = ready(skills).expected
    recent = ready(skills, [Mock(NOW - timedelta(hours=1), 27, 30)]).expected
    old = ready(skills, [Mock(NOW - timedelta(days=60), 27, 30)]).expected
    assert alone < old < recent < 27
    assert recent - alone > 0.5 * (27 - alone)


def test_a_poor_mock_pulls_the_expectation_down():
    skills = learner(0.9)
    assert ready(skills, [Mock(NOW, 9, 30)]).expected < ready(skills).expected


def test_only_the_latest_mock_counts():
    skills = learner(0.5)
    latest_good = [Mock(NOW - timedelta(days=10), 6, 30), Mock(NOW - timedelta(days=1), 27, 30)]
    latest_good_reversed = list(reversed(latest_good))
    just_latest = ready(skills, [latest_good[1]]).expected
    assert ready(skills, latest_good).expected == pytest.approx(just_latest)
    assert ready(skills, latest_good_reversed).expected == pytest.approx(just_latest)


def test_a_mock_on_an_exam_of_another_length_is_scaled_to_this_one():
    skills = learner(0.5)
    assert ready(skills, [Mock(NOW, 54, 60)]).expected == pytest.approx(
        ready(skills, [Mock(NOW, 27, 30)]).expected
    )


def test_a_mock_alone_is_enough_evidence():
    assert ready({}, [Mock(NOW - timedelta(days=2), 20, 30)]).enough


def test_enough_needs_answers_and_coverage_of_the_blueprint():
    few = {tag: trained(0.7, answers=MIN_ANSWERS // 4 - 1) for tag in TAGS}
    assert sum(s.answers for s in few.values()) < MIN_ANSWERS
    assert not ready(few).enough
    # Plenty of answers, but on one area of three: a third of the exam covered.
    one_area = {"risk": trained(0.7, answers=3 * MIN_ANSWERS)}
    assert not ready(one_area).enough
    assert ready(learner(0.7)).enough


def test_weakest_areas_are_listed_weakest_first_and_only_with_evidence():
    skills = {
        "risk": trained(0.8),
        "change": trained(0.2),
        "sponsor": trained(0.5),
        "team": trained(0.5),
    }
    assert ready(skills).weakest == ["change", "people"]
    assert ready({"risk": trained(0.9)}).weakest == ["risk"]


def test_a_group_area_averages_the_chances_of_its_tags():
    skills = {"sponsor": trained(0.9), "team": trained(0.2)}
    people = area(ready(skills), "people")
    mean = (probability(at(skills["sponsor"], NOW)) + probability(at(skills["team"], NOW))) / 2
    assert people.chance == pytest.approx(mean)
    assert people.answers == 40


def test_an_area_missing_from_the_groups_is_its_own_tag():
    skills = {"risk": trained(0.9)}
    assert area(ready(skills), "risk").chance == pytest.approx(probability(at(skills["risk"], NOW)))


def test_the_expected_score_weights_each_area_by_its_questions():
    skills = learner(0.5) | {"risk": trained(0.9)}
    light = ready(skills, blueprint={"risk": 2, "change": 28})
    heavy = ready(skills, blueprint={"risk": 28, "change": 2})
    assert heavy.expected > light.expected
    assert heavy.expected == pytest.approx(sum(a.questions * a.chance for a in heavy.areas))


def test_an_untested_tag_takes_the_learners_pooled_prior():
    skills = {"risk": trained(0.9), "change": trained(0.6)}
    pooled = Skill(
        rating=(at(skills["risk"], NOW).rating + at(skills["change"], NOW).rating) / 2,
        variance=PRIOR_VARIANCE,
    )
    assert area(ready(skills), "people").chance == pytest.approx(probability(pooled))
    assert area(ready(skills), "people").answers == 0


def test_untested_areas_look_better_for_a_strong_learner_than_for_a_weak_one():
    strong = area(ready(learner(0.9, ("risk", "change"))), "people").chance
    weak = area(ready(learner(0.2, ("risk", "change"))), "people").chance
    assert weak < 0.5 < strong


def test_a_tag_with_no_answers_yet_is_as_untested_as_an_absent_one():
    """The dashboard passes a blank belief for every tag it lists, answered or not."""
    skills = learner(0.9, ("risk", "change"))
    blank = skills | {"sponsor": Skill(), "team": Skill()}
    assert ready(blank).expected == pytest.approx(ready(skills).expected)


def test_the_same_skills_six_months_later_predict_a_lower_score():
    skills = learner(0.85)
    today = ready(skills)
    later = ready(skills, now=NOW + timedelta(days=182))
    assert later.expected < today.expected
    assert later.pass_probability < today.pass_probability
    assert later.high - later.low > today.high - today.low


def test_percent_is_the_expected_share_of_the_questions():
    result = ready(learner(0.9))
    assert result.percent == round(100 * result.expected / 30)
