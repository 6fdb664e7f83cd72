"""How questions are shown: stable per seed, no answer key, ordering never pre-solved."""

from app.quizzes.display import secret_seed, show

CONTENT = {
    "stem_html": "<p>Order the steps.</p>",
    "items": [{"id": f"s{i}", "text": f"Step {i}"} for i in range(1, 4)],
}


def test_ordering_never_starts_in_the_right_order():
    for seed in range(200):
        shown = show("ordering", CONTENT, True, f"seed-{seed}")
        assert [i["id"] for i in shown.items] != ["s1", "s2", "s3"]


def test_same_seed_same_order_so_a_reload_shows_the_same_page():
    choice = {
        "stem_html": "",
        "options": [
            {"id": k, "text": k, "correct": k == "a", "reason": "secret reason"} for k in "abcd"
        ],
    }
    first = show("single", choice, True, "run-1:3")
    assert first == show("single", choice, True, "run-1:3")
    assert all(set(option) == {"id", "text"} for option in first.options)  # no key, no reason


def test_unshuffled_options_keep_their_authored_order():
    choice = {"stem_html": "", "options": [{"id": k, "text": k} for k in "abcd"]}
    assert [o["id"] for o in show("single", choice, False, "x").options] == list("abcd")


def test_secret_seed_cannot_be_recomputed_without_the_secret():
    seed = secret_seed("app-secret", "practice", 12, 3)
    assert seed == secret_seed("app-secret", "practice", 12, 3)
    assert seed != secret_seed("other-secret", "practice", 12, 3)
    assert "12" not in seed.split(":")  # not the public run id and position
