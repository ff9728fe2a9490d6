"""Run the same action from several threads at once, as several browser tabs would: each thread
has its own test client (and so its own database connection, opened by its request), and all
start together behind a barrier."""
import threading

from tests.helpers.pages import html


def at_once(actions, timeout: float = 60.0) -> list:
    """Run each callable in its own thread, released together; their results in order (an
    exception raised is returned in its place, so a test can say what the user got)."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout)
            results[index] = action()
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


def statuses(results) -> list:
    """The status code of each answer, or the exception's class name."""
    return sorted((r.status_code if hasattr(r, "status_code") else type(r).__name__
                   for r in results), key=str)


def alert_text(response) -> str:
    """The error alert(s) of an answer, as read."""
    return " ".join(a.get_text(" ", strip=True) for a in html(response).select(".fr-alert--error"))


def copy_cookies(source, target, names) -> None:
    """Give `target` the cookies `names` of `source` (a second tab of the same browser)."""
    for name in names:
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value, domain=cookie.domain or "localhost",
                              path=cookie.path or "/")
