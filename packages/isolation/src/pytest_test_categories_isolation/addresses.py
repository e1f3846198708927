"""Telling addresses apart: this machine or another, a database or not, and how to show them."""

from __future__ import annotations

import ipaddress
import os
import socket
from types import MappingProxyType

# Ports a connection is almost certainly a database on; such a connection is reported as TC004.
DATABASE_PORTS = MappingProxyType(
    {
        1433: "SQL Server",
        1521: "Oracle",
        3306: "MySQL",
        5432: "PostgreSQL",
        5984: "CouchDB",
        6379: "Redis",
        7687: "Neo4j",
        8086: "InfluxDB",
        8123: "ClickHouse",
        9042: "Cassandra",
        9200: "Elasticsearch",
        11211: "Memcached",
        26257: "CockroachDB",
        27017: "MongoDB",
    }
)

_LOCAL_NAMES = frozenset({"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_hostname: list[str] = []
_own_addresses_found: list[frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address]] = []


def text_of(value: object) -> str:
    """A path or host as text, whether given as str, bytes or a path object."""
    if isinstance(value, str | bytes | os.PathLike):
        return os.fsdecode(value)
    return repr(value)


def parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address written in ``host`` (an IPv6 zone like ``%eth0`` ignored), or None for a name."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def is_numeric(host: object) -> bool:
    """True when looking ``host`` up needs no name service (an IP literal, or no host at all)."""
    if host is None:
        return True
    return parse_ip(text_of(host).strip("[]")) is not None


def _own_hostname() -> str:
    if not _hostname:
        _hostname.append(socket.gethostname().lower())
    return _hostname[0]


def _own_addresses() -> frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """What this host's own name resolves to (in a container, its own address: /etc/hosts says so).

    Looked up once, the first time a connection to an address that is not loopback needs judging.
    """
    if not _own_addresses_found:
        try:
            infos = socket.getaddrinfo(_own_hostname(), None)
        except (OSError, UnicodeError):
            infos = []
        found = (parse_ip(str(info[4][0])) for info in infos)
        _own_addresses_found.append(frozenset(ip for ip in found if ip is not None))
    return _own_addresses_found[0]


def is_this_machine(host: object) -> bool:
    """Loopback (127.0.0.0/8, ::1), the unspecified address, ``localhost``, this host's name and
    the addresses that name resolves to."""
    name = text_of(host).strip().strip("[]").lower().rstrip(".")
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    ip = parse_ip(name)
    if ip is None:
        return name == _own_hostname()
    if ip.is_loopback or ip.is_unspecified:
        return True
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None and (mapped.is_loopback or mapped.is_unspecified):
        return True
    return ip in _own_addresses() or (mapped is not None and mapped in _own_addresses())


def host_and_port(address: object) -> tuple[str, int] | None:
    """``(host, port)`` of an IPv4/IPv6 socket address; None for other kinds of address."""
    if (
        isinstance(address, tuple)
        and len(address) >= 2
        and isinstance(address[0], str | bytes)
        and isinstance(address[1], int)
    ):
        return text_of(address[0]), address[1]
    return None


def show(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def database_socket(path: str) -> str | None:
    """The database a Unix socket path belongs to, judged by the names servers give them."""
    name = os.path.basename(path).lower()
    if name.startswith(".s.pgsql."):
        return "PostgreSQL"
    if name.endswith(".sock") and ("mysql" in name or "mariadb" in name):
        return "MySQL"
    if name.endswith(".sock") and "redis" in name:
        return "Redis"
    if name.endswith(".sock") and "mongodb" in name:
        return "MongoDB"
    return None
