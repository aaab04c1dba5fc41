//! Which domain a cookie may name: the check WinINet applies to a
//! `Domain` attribute, also exported as `IsDomainLegalCookieDomainW`.
//!
//! WinINet's rule, as Wine's tests assert it (checked on Windows):
//! - neither name may be empty or start with a dot (`.gmail.com` is
//!   refused; callers strip the one leading dot of an attribute first);
//! - both must hold a dot (`com` is never a cookie domain, and a dotless
//!   host such as `localhost` can set no `Domain` at all);
//! - the host must be the domain or end with `.` + the domain;
//! - the domain may not be a public suffix (`co.uk`, `com.pl`): Windows
//!   refuses those, so we ask the public suffix list (the `psl` crate,
//!   compiled in, ICANN and private sections alike, as browsers do).
//!
//! One addition of ours, from RFC 6265 §5.1.3: an IP-address host only
//! names itself (`0.0.1` is no domain of `127.0.0.1`).

/// True when a cookie set for `host` may name `domain` as its domain.
/// Both are bare names (no leading dot), compared without regard to case.
pub fn is_legal_cookie_domain(domain: &str, host: &str) -> bool {
    if domain.is_empty() || host.is_empty() || domain.starts_with('.') || host.starts_with('.') {
        return false;
    }
    if !domain.contains('.') || !host.contains('.') || domain.len() > host.len() {
        return false;
    }
    if !domain_matches(host, domain) {
        return false;
    }
    if is_ip_address(host) {
        return domain.eq_ignore_ascii_case(host);
    }
    !is_public_suffix(domain)
}

/// True when `host` is `domain` or one of its subdomains (any case):
/// `www.example.com` and `example.com` match `example.com`;
/// `badexample.com` does not.
pub fn domain_matches(host: &str, domain: &str) -> bool {
    if host.eq_ignore_ascii_case(domain) {
        return true;
    }
    if is_ip_address(host) || host.len() <= domain.len() {
        return false;
    }
    let split = host.len() - domain.len();
    host.is_char_boundary(split)
        && host[split..].eq_ignore_ascii_case(domain)
        && host[..split].ends_with('.')
}

/// True when `domain` is on the public suffix list (`com`, `co.uk`,
/// `github.io`): names under which unrelated parties register.
pub fn is_public_suffix(domain: &str) -> bool {
    use psl::Psl as _;
    let name = domain.trim_end_matches('.').to_ascii_lowercase();
    match psl::List.suffix(name.as_bytes()) {
        Some(suffix) => suffix.is_known() && suffix.as_bytes() == name.as_bytes(),
        None => false,
    }
}

/// An IPv4 or IPv6 literal (brackets allowed), which has no parent domain.
fn is_ip_address(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<std::net::IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomains_of_a_registrable_domain_are_legal() {
        assert!(is_legal_cookie_domain("gmail.com", "gmail.com"));
        assert!(is_legal_cookie_domain("gmail.com", "www.gmail.com"));
        assert!(is_legal_cookie_domain("gmail.com", "www.mail.gmail.com"));
        assert!(is_legal_cookie_domain("GMAIL.com", "mail.Gmail.COM"));
        assert!(is_legal_cookie_domain("gmail.co.uk", "gmail.co.uk"));
        assert!(is_legal_cookie_domain(
            "example.com.pl",
            "www.aaa.example.com.pl"
        ));
    }

    #[test]
    fn empty_dotted_dotless_and_foreign_domains_are_not() {
        for (domain, host) in [
            ("", "gmail.com"),
            ("com", ""),
            (".", "gmail.com"),
            ("gmail.com", "."),
            ("com", "com"),
            ("com", ".com"),
            (".com", "com"),
            ("com", "gmail.com"),
            ("gmail.com", "com"),
            (".gmail.com", "mail.gmail.com"),
            ("mail.gmail.com", ".gmail.com"),
            ("mail.gmail.com", "gmail.com"),
            ("example.com", "badexample.com"),
            ("different.com", "www.aaa.example.com"),
            ("localhost", "localhost"),
        ] {
            assert!(!is_legal_cookie_domain(domain, host), "{domain} for {host}");
        }
    }

    #[test]
    fn public_suffixes_are_refused() {
        assert!(!is_legal_cookie_domain("co.uk", "gmail.co.uk"));
        assert!(!is_legal_cookie_domain("com.pl", "www.aaa.example.com.pl"));
        assert!(!is_legal_cookie_domain("uk", "co.uk"));
        assert!(is_public_suffix("co.uk"));
        assert!(is_public_suffix("com"));
        assert!(!is_public_suffix("example.com"));
        // An unknown top-level name is not "known" public: a.b.c may name b.c.
        assert!(is_legal_cookie_domain("b.c", "a.b.c"));
    }

    #[test]
    fn ip_hosts_name_only_themselves() {
        assert!(!is_legal_cookie_domain("0.0.1", "127.0.0.1"));
        assert!(is_legal_cookie_domain("127.0.0.1", "127.0.0.1"));
        assert!(!domain_matches("127.0.0.1", "0.0.1"));
        assert!(domain_matches("127.0.0.1", "127.0.0.1"));
    }
}
