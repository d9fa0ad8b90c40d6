//! Which `Host` and `Origin` values the server answers.
//!
//! A page on `evil.example` whose name the attacker re-points at 127.0.0.1 (DNS
//! rebinding) reaches the server with `Host: evil.example`; answering it would let that
//! page read the preview, drafts included. So only loopback names and the address the
//! connection arrived on are answered: `127.0.0.1`, `localhost`, `[::1]`, or the
//! `--bind` address (with an unspecified bind such as `0.0.0.0`, the interface address
//! the client connected to), each with the server's port or none.

use std::net::IpAddr;

/// Whether `host` (a `Host` value or a URL authority) names this server.
pub(super) fn allowed(host: &str, port: u16, local: IpAddr) -> bool {
    let (name, given_port) = match split(host) {
        Some(x) => x,
        None => return false,
    };
    if let Some(p) = given_port {
        if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        if p.parse::<u16>().ok() != Some(port) {
            return false;
        }
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let Ok(ip) = name.parse::<IpAddr>() else {
        return false;
    };
    ip == IpAddr::from([127, 0, 0, 1])
        || ip == IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])
        || ip.to_canonical() == local.to_canonical()
}

/// `name` and the text after its `:` if any; IPv6 literals are bracketed (`[::1]:80`)
/// and come out without the brackets. `None` for malformed values.
fn split(host: &str) -> Option<(&str, Option<&str>)> {
    if let Some(rest) = host.strip_prefix('[') {
        let (inner, after) = rest.split_once(']')?;
        // Only a plain IPv6 literal: a zone id (`%eth0`) or IPvFuture is refused.
        inner.parse::<std::net::Ipv6Addr>().ok()?;
        return match after {
            "" => Some((inner, None)),
            a => Some((inner, Some(a.strip_prefix(':')?))),
        };
    }
    match host.split_once(':') {
        Some((name, port)) if !port.contains(':') => Some((name, Some(port))),
        Some(_) => None,
        None => Some((host, None)),
    }
}

/// Whether an `Origin` value is one of this server's own origins.
pub(super) fn origin_allowed(origin: &str, port: u16, local: IpAddr) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|h| !h.contains('/') && allowed(h, port, local))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn loopback_names_and_the_local_address_only() {
        let lan: IpAddr = "192.168.0.7".parse().unwrap();
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LocalHost:1111",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(allowed(ok, 1111, LOOP), "{ok}");
        }
        assert!(allowed("192.168.0.7:1111", 1111, lan));
        assert!(allowed(
            "192.168.0.7:1111",
            1111,
            "::ffff:192.168.0.7".parse().unwrap()
        ));
        for bad in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost.",
            "app.localhost",
            "127.0.0.1:2222",
            "127.0.0.1:",
            "127.0.0.1:+1111",
            "127.0.0.1:01111111",
            "127.1",
            "0x7f.0.0.1",
            "127.0.0.1.nip.io",
            "::1",
            "[::1",
            "[::1]x",
            "[fe80::1%25eth0]",
            "192.168.0.7",
            "localhost:1111:1111",
            "user@localhost",
        ] {
            assert!(!allowed(bad, 1111, LOOP), "{bad}");
        }
    }

    #[test]
    fn origins_are_http_and_ours() {
        assert!(origin_allowed("http://127.0.0.1:1111", 1111, LOOP));
        assert!(origin_allowed("http://localhost:1111", 1111, LOOP));
        for bad in [
            "null",
            "http://evil.example",
            "https://127.0.0.1:1111",
            "http://127.0.0.1:1111/x",
            "http://127.0.0.1:9",
            "file://",
        ] {
            assert!(!origin_allowed(bad, 1111, LOOP), "{bad}");
        }
    }
}
