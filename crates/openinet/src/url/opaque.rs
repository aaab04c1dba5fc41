//! Canonicalizing the part after `scheme:` of a URL without an authority
//! (`foo:bar/../baz`, `mailto:a@b`, `ftp:a/b`): dot segments and escaping.
//!
//! No Windows-checked test covers dot segments here, so these are the rules
//! WinINet follows under Wine 8 (where nothing says otherwise, we do what
//! Wine does), observed with small programs; the escaping of `/` is also in
//! shlwapi's Windows-checked UrlEscape table (`foo:foo/bar` is
//! `foo:foo%2Fbar`, `foo:/foo/bar` stays), which canonicalization ends with.
//!
//! Dot segments, over the whole text, query included (`ICU_NO_META` keeps
//! them, but still adds the `/` after a final root run):
//! - the *root* is the first character, except in `a/b...`, where a run of
//!   letters, digits, `-`, `.` and `:` must follow the `/` (else nothing is
//!   resolved), then a run of slashes (whose last one is the root); a run
//!   that ends the URL gets a `/` after it (`foo:a/b` is `foo:a/b/`);
//! - after each `/` or `\` that follows the root, `./` goes, and `..`
//!   (followed by a slash, `?`, `#` or the end) takes the output back to
//!   just after the last slash at or after the root; when there is none
//!   (`foo:bar/../baz`, whose root is `b`), the URL ends there: `foo:bar`.
//!
//! Escaping (unless `ICU_NO_ENCODE` or `ICU_ENCODE_SPACES_ONLY`): when the
//! text does not start with `/`, slashes before the first `?` or `#` are
//! escaped too; `mailto:` escapes `/`, `?` and `#` everywhere.

use super::escape::{is_unsafe, push_escaped};
use super::scheme::Scheme;

fn is_slash(b: u8) -> bool {
    b == b'/' || b == b'\\'
}

/// Resolves dot segments of `rest`, the text after `scheme:`; with
/// `resolve` false (`ICU_NO_META`) only the `/` after a final root run is added.
pub(super) fn remove_dots(rest: &[u8], resolve: bool) -> Vec<u8> {
    let Some(&first) = rest.first() else {
        return Vec::new();
    };
    let mut out = vec![first];
    let mut i = 1;
    let root;
    if rest.get(1) == Some(&b'/') {
        out.push(b'/');
        i = 2;
        let run = rest[i..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':'))
            .count();
        if run == 0 {
            return rest.to_vec();
        }
        out.extend_from_slice(&rest[i..i + run]);
        i += run;
        if i == rest.len() {
            out.push(b'/');
            return out;
        }
        if !is_slash(rest[i]) {
            out.extend_from_slice(&rest[i..]);
            return out;
        }
        while i < rest.len() && is_slash(rest[i]) {
            out.push(rest[i]);
            i += 1;
        }
        root = out.len() - 1;
    } else {
        root = 0;
    }
    if !resolve {
        out.extend_from_slice(&rest[i..]);
        return out;
    }
    while i < rest.len() {
        let Some(sep) = rest[i..].iter().position(|&b| is_slash(b)).map(|p| p + i) else {
            out.extend_from_slice(&rest[i..]);
            break;
        };
        out.extend_from_slice(&rest[i..=sep]);
        i = sep + 1;
        while rest.get(i) == Some(&b'.') {
            let next = rest.get(i + 1).copied();
            if next.is_some_and(is_slash) {
                i += 2;
                continue;
            }
            let after = rest.get(i + 2).copied();
            let dotdot =
                next == Some(b'.') && after.is_none_or(|b| is_slash(b) || matches!(b, b'?' | b'#'));
            if !dotdot {
                break;
            }
            out.pop();
            match back_up_point(&out[root..]) {
                Some(p) => {
                    out.truncate(root + p + 1);
                    i += if after.is_some_and(is_slash) { 3 } else { 2 };
                }
                None => return out,
            }
        }
    }
    out
}

/// Where a `..` takes the output back to: the last `/` or the last `\` in
/// `from`, the earlier of the two when both are there (as WinINet does).
fn back_up_point(from: &[u8]) -> Option<usize> {
    let slash = from.iter().rposition(|&b| b == b'/');
    let back = from.iter().rposition(|&b| b == b'\\');
    match (slash, back) {
        (Some(s), Some(b)) => Some(s.min(b)),
        (s, b) => s.or(b),
    }
}

/// Whether canonicalizing escapes byte `b` of `rest` (the text after
/// `scheme:`), `in_query` telling whether a `?` or `#` came before it.
pub(super) fn escapes(kind: Scheme, rest: &[u8], b: u8, in_query: bool) -> bool {
    if kind == Scheme::Mailto {
        return is_unsafe(b) || matches!(b, b'/' | b'?' | b'#');
    }
    !in_query && (is_unsafe(b) || (b == b'/' && rest.first() != Some(&b'/')))
}

/// Escapes `rest` (the text after `scheme:`) as [`escapes`] says, `%` too when `percent`.
pub(super) fn escape(kind: Scheme, rest: &[u8], percent: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(rest.len() + 8);
    let mut in_query = false;
    for &b in rest {
        if kind != Scheme::Mailto && matches!(b, b'?' | b'#') {
            in_query = true;
        }
        if escapes(kind, rest, b, in_query) || (percent && !in_query && b == b'%') {
            push_escaped(&mut out, b);
        } else {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dots(s: &str) -> String {
        String::from_utf8(remove_dots(s.as_bytes(), true)).unwrap()
    }

    #[test]
    fn dot_segments_as_wine_resolves_them() {
        for (i, o) in [
            ("bar/../baz", "bar"),
            ("a/b/../c", "a/b/../c"),
            ("a/./b", "a/./b"),
            ("/a/../b", "/b"),
            ("/a/./b", "/a/b"),
            ("a/b/c/..", "a/b/"),
            ("ab/c/../d", "ab/d"),
            ("a//b/../c", "a//b/../c"),
            ("a/b", "a/b/"),
            ("ab?c/../d", "ab?c"),
            ("a?b/c", "a?b/c"),
            ("blank", "blank"),
            ("", ""),
        ] {
            assert_eq!(dots(i), o, "{i}");
        }
        let keep = |s: &str| String::from_utf8(remove_dots(s.as_bytes(), false)).unwrap();
        assert_eq!(keep("bar/../baz"), "bar/../baz");
        assert_eq!(keep("a/b"), "a/b/");
    }

    #[test]
    fn slashes_escape_unless_the_text_starts_with_one() {
        let e = |k, s: &str, p| String::from_utf8(escape(k, s.as_bytes(), p)).unwrap();
        assert_eq!(e(Scheme::Unknown, "foo/bar\\baz", false), "foo%2Fbar%5Cbaz");
        assert_eq!(e(Scheme::Unknown, "/foo/bar\\baz", false), "/foo/bar%5Cbaz");
        assert_eq!(
            e(Scheme::Unknown, "/foo/bar\\ba?\\z", false),
            "/foo/bar%5Cba?\\z"
        );
        assert_eq!(
            e(Scheme::Ftp, "fo/o@bar.baz/foo/bar", false),
            "fo%2Fo@bar.baz%2Ffoo%2Fbar"
        );
        assert_eq!(
            e(Scheme::Mailto, "fo/o@b\\%a?\\r.b#\\az", false),
            "fo%2Fo@b%5C%a%3F%5Cr.b%23%5Caz"
        );
    }
}
