"""Client addresses: which proxies may name the client, and how clients are counted.

``client_block`` is what flood control and login throttling count: an IPv4 address, or the /64
network of an IPv6 address. One IPv6 connection usually has a whole /64 to itself (a home, a
phone, a virtual server), so counting single IPv6 addresses would let one client change address
for every request.
"""

import ipaddress

LOOPBACK = ("127.0.0.0/8", "::1")
IPV6_CLIENT_PREFIX = 64


def parse_address(value):
    """``value`` as an ``ipaddress`` address (an IPv4-mapped IPv6 one as IPv4), or None."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_block(value):
    """What counts as one client: ``"192.0.2.7"``, ``"2001:db8:1:2::/64"``; unchanged if not an
    address (an empty one: a unix socket)."""
    address = parse_address(value or "")
    if address is None:
        return value or ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(address)


def networks(values):
    """``ipaddress`` networks of ``values`` (addresses or networks, e.g. from a setting)."""
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values]


def is_in(value, trusted):
    """Whether the address ``value`` is in one of the networks ``trusted``."""
    address = parse_address(value)
    return address is not None and any(address in network for network in trusted)
