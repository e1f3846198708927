from stock import retry


class TestRetry:
    def test_returns_the_first_success(self):
        assert retry(lambda: 42) == 42

    def test_tries_again_after_a_connection_error(self):
        calls = []

        def flaky():
            calls.append(1)
            if len(calls) < 2:
                raise ConnectionError
            return "ok"

        assert retry(flaky) == "ok"  # pauses with time.sleep between attempts
