"""Password rules: long enough, not guessable, no composition rules; scrypt hashes."""

import pytest

from app.auth.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    hash_password,
    password_problem,
    verify_password,
)


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",  # lower case letters and spaces only
        "velvet tractor ocean 1987",
        "Tr0ub4dor&3xx",
        "amber0 quartz1 lantern2 vivid3 orbit4 " * 3,  # over 100 characters
        "ĝojo ŝanĝiĝas ĉiuĵaŭde",  # not only ASCII
    ],
)
def test_long_unguessable_password_has_no_problem(password):
    assert password_problem(password) is None


def test_password_one_short_of_the_minimum_is_refused_with_the_minimum():
    assert MIN_LENGTH == 10
    assert password_problem("Zq8#mw!4x") == "Use at least 10 characters."


def test_password_of_exactly_the_minimum_length_may_pass():
    assert password_problem("Zq8#mw!4xL") is None


@pytest.mark.parametrize("length", [72, 73, 128, 200, MAX_LENGTH])
def test_passwords_up_to_the_maximum_are_judged_without_error(length):
    password = ("amber quartz lantern vivid orbit fennel jigsaw pelican " * 5)[:length]
    assert password_problem(password) is None


def test_password_over_the_maximum_is_refused():
    assert MAX_LENGTH >= 128
    assert password_problem("x" * (MAX_LENGTH + 1)) == f"Use at most {MAX_LENGTH} characters."


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password1234", "very common password"),
        ("aaaaaaaaaaaaaaa", 'Repeats like "aaa"'),
        ("abcdefghijkl", "Sequences like"),
        ("2019-04-12xx", "Dates are often easy to guess"),
    ],
)
def test_guessable_password_is_refused_with_a_reason(password, reason):
    problem = password_problem(password)
    assert problem is not None
    assert reason in problem


def test_password_made_of_the_users_own_details_is_refused():
    assert password_problem("jane.doe@example.com") is None  # fine for someone else
    assert password_problem("jane.doe@example.com", ["jane.doe@example.com", "Jane Doe"])


def test_hash_is_scrypt_and_verifies_only_the_same_password():
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("scrypt:")
    assert verify_password(hashed, "correct horse battery staple")
    assert not verify_password(hashed, "correct horse battery stapl")


def test_missing_hash_never_verifies():
    assert not verify_password(None, "anything at all")
    assert not verify_password("", "")
