//! Percent-decoding and -encoding as WinINet applies them.

/// The value of a hex digit.
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Decodes every well-formed `%xx`; malformed ones (`%zz`, a trailing `%`) stay as they are.
pub(crate) fn decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' && i + 2 < s.len() {
            if let (Some(h), Some(l)) = (hex(s[i + 1]), hex(s[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// `%XX` of a byte, upper-case hex as WinINet writes it.
pub(crate) fn push_escaped(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
}

/// Whether a byte is "unsafe" in a URL, the set WinINet escapes by default:
/// controls, space, non-ASCII, and `" < > \ ^ ` { | }`.
pub(crate) fn is_unsafe(b: u8) -> bool {
    b <= 0x20
        || b >= 0x7f
        || matches!(
            b,
            b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_only_well_formed_escapes() {
        assert_eq!(decode(b"a%20b"), b"a b");
        assert_eq!(decode(b"%zz%4"), b"%zz%4");
        assert_eq!(decode(b"%"), b"%");
        assert_eq!(decode(b"%41%4a%4A"), b"AJJ");
        assert_eq!(decode(b"%C3%A9"), "é".as_bytes());
    }

    #[test]
    fn escapes_upper_case() {
        let mut v = Vec::new();
        push_escaped(&mut v, b' ');
        push_escaped(&mut v, 0xfe);
        assert_eq!(v, b"%20%FE");
        assert!(is_unsafe(b' ') && is_unsafe(b'<') && !is_unsafe(b'/') && !is_unsafe(b'%'));
    }
}
