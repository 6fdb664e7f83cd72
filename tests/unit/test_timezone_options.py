"""The cached time-zone <option> list marks exactly the chosen zone."""

from app.auth.forms import timezone_options


def test_the_chosen_zone_and_only_it_is_selected():
    html = str(timezone_options("Europe/Berlin"))
    assert html.count(" selected") == 1
    assert '<option value="Europe/Berlin" selected>' in html


def test_no_choice_selects_nothing_and_unknown_zones_change_nothing():
    assert " selected" not in str(timezone_options(None))
    assert " selected" not in str(timezone_options('"><script>'))
