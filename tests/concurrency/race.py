"""Requests that really run at the same time."""

import threading


def all_at_once(clients: list, request) -> list:
    """Call ``request(client, n)`` from one thread per client, released together."""
    barrier = threading.Barrier(len(clients))
    results: list = [None] * len(clients)

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = request(clients[n], n)
        except Exception as exc:  # reported below, not lost in a thread
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def same_session(app, client, n: int) -> list:
    """``n`` more test clients holding ``client``'s session cookie, as tabs of one
    browser (or a double-click) would."""
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name)
    assert cookie is not None
    others = [app.test_client() for _ in range(n)]
    for other in others:
        other.set_cookie(name, cookie.value)
    return others
