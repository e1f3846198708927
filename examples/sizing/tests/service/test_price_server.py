import socket
import threading

import pytest
from stock import ask_price_server


@pytest.fixture
def price_server():
    """A price server on this machine, answering 9.99 for anything."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def answer():
        connection, _ = server.accept()
        with connection:
            connection.recv(64)
            connection.sendall(b"9.99")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield server.getsockname()
    thread.join(timeout=5)
    server.close()


def test_asks_the_local_price_server(price_server):
    host, port = price_server
    assert ask_price_server(host, port, "pen") == 9.99
