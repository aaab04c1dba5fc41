//! The cookie file: persistent cookies shared by every process of the
//! user, as WinINet's per-user store is.
//!
//! Where: `$XDG_DATA_HOME/openinet/cookies.txt`, else
//! `~/.local/share/openinet/cookies.txt` (`~/Library/Application
//! Support/openinet/cookies.txt` on macOS). Without a home directory
//! cookies live in memory only.
//!
//! Format: a first line `OpenINet cookies 1`, then one cookie per line,
//! seven tab-separated fields: domain, path, name, value, expiry (seconds
//! since 1970 UTC), flags (`INTERNET_COOKIE_IS_SECURE` |
//! `INTERNET_COOKIE_HTTPONLY`) and creation time (nanoseconds since 1970,
//! which orders cookies). `%`, tab, CR and LF inside a field are written
//! `%25`, `%09`, `%0D`, `%0A`. Session cookies are never written.
//!
//! Writes replace the file whole: a temporary file in the same directory,
//! renamed over the old one, so a reader sees the old file or the new one.
//! A missing, unreadable or foreign file reads as empty; a malformed line
//! is skipped. Nothing here panics on bad input.

use super::store::Cookie;
use crate::consts::{INTERNET_COOKIE_HTTPONLY, INTERNET_COOKIE_IS_SECURE};
use std::io::Write as _;
use std::path::{Path, PathBuf};

const MAGIC: &str = "OpenINet cookies 1";

/// The per-user cookie file, from the environment.
pub fn default_path() -> Option<PathBuf> {
    let nonempty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = if cfg!(target_os = "macos") {
        PathBuf::from(nonempty("HOME")?).join("Library/Application Support")
    } else if let Some(xdg) = nonempty("XDG_DATA_HOME").map(PathBuf::from) {
        if xdg.is_absolute() {
            xdg
        } else {
            PathBuf::from(nonempty("HOME")?).join(".local/share")
        }
    } else {
        PathBuf::from(nonempty("HOME")?).join(".local/share")
    };
    Some(base.join("openinet").join("cookies.txt"))
}

/// What identifies one version of the file: when it changes, another
/// process wrote it and the store reloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

/// The file's stamp now; `None` when there is no file.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    })
}

/// Reads the cookies of the file; anything unreadable gives none.
pub fn load(path: &Path) -> Vec<Cookie> {
    match std::fs::read(path) {
        Ok(bytes) => decode(&bytes),
        Err(_) => Vec::new(),
    }
}

/// Writes `cookies` (the caller passes the persistent ones) as the new file.
pub fn save<'a>(path: &Path, cookies: impl Iterator<Item = &'a Cookie>) -> std::io::Result<()> {
    let text = encode(cookies);
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name()
            .map_or("cookies".into(), |n| n.to_string_lossy()),
        std::process::id(),
        next_tmp_number()
    ));
    let written =
        write_private_file(&tmp, text.as_bytes()).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The file's text for `cookies`.
pub fn encode<'a>(cookies: impl Iterator<Item = &'a Cookie>) -> String {
    let mut out = format!("{MAGIC}\n");
    for c in cookies {
        let Some(expires) = c.expires else { continue };
        let mut flags = 0;
        if c.secure {
            flags |= INTERNET_COOKIE_IS_SECURE;
        }
        if c.http_only {
            flags |= INTERNET_COOKIE_HTTPONLY;
        }
        let fields = [
            escape(&c.domain),
            escape(&c.path),
            escape(&c.name),
            escape(&c.value),
            expires.to_string(),
            flags.to_string(),
            c.created.to_string(),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// The cookies of a file's bytes: none unless it starts with our first
/// line; each malformed line is skipped.
pub fn decode(bytes: &[u8]) -> Vec<Cookie> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(MAGIC) {
        return Vec::new();
    }
    lines.filter_map(decode_line).collect()
}

fn decode_line(line: &str) -> Option<Cookie> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [domain, path, name, value, expires, flags, created] = fields[..] else {
        return None;
    };
    let flags: u32 = flags.parse().ok()?;
    let cookie = Cookie {
        domain: unescape(domain)?,
        path: unescape(path)?,
        name: unescape(name)?,
        value: unescape(value)?,
        expires: Some(expires.parse().ok()?),
        secure: flags & INTERNET_COOKIE_IS_SECURE != 0,
        http_only: flags & INTERNET_COOKIE_HTTPONLY != 0,
        created: created.parse().ok()?,
    };
    (!cookie.domain.is_empty() && cookie.path.starts_with('/')).then_some(cookie)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\t' => out.push_str("%09"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3)?;
        out.push(match code {
            "25" => '%',
            "09" => '\t',
            "0D" => '\r',
            "0A" => '\n',
            _ => return None,
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Some(out)
}

fn next_tmp_number() -> u64 {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Cookies are credentials: the directory is the user's alone.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie(name: &str, value: &str, expires: Option<i64>) -> Cookie {
        Cookie {
            domain: "example.com".into(),
            path: "/a b/".into(),
            name: name.into(),
            value: value.into(),
            expires,
            secure: true,
            http_only: false,
            created: 7,
        }
    }

    #[test]
    fn round_trip_keeps_every_field_and_escapes() {
        let mut odd = cookie("n%\t", "v\r\n%0A", Some(2_000_000_000));
        odd.http_only = true;
        odd.secure = false;
        let plain = cookie("A", "B", Some(-5));
        let text = encode([&odd, &plain].into_iter());
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_eq!(decode(text.as_bytes()), vec![odd, plain]);
    }

    #[test]
    fn session_cookies_are_never_written() {
        let text = encode([&cookie("S", "1", None)].into_iter());
        assert_eq!(text, format!("{MAGIC}\n"));
    }

    #[test]
    fn corrupt_input_reads_as_empty_or_skips_lines() {
        assert!(decode(b"").is_empty());
        assert!(decode(b"\xff\xfe garbage").is_empty());
        assert!(decode(b"some other file\nexample.com\t/\tA\tB\t1\t0\t1\n").is_empty());
        let good = encode([&cookie("A", "B", Some(1))].into_iter());
        let mixed = format!(
            "{good}too\tfew\tfields\nexample.com\t/\tA\tB\tsoon\t0\t1\nexample.com\t/\tA\t%zz\t1\t0\t1\n\t/\tA\tB\t1\t0\t1\n"
        );
        assert_eq!(decode(mixed.as_bytes()).len(), 1);
    }

    #[test]
    fn save_replaces_the_file_and_load_reads_it() {
        let dir = std::env::temp_dir().join(format!("openinet-persist-{}", std::process::id()));
        let path = dir.join("sub").join("cookies.txt");
        let c = cookie("A", "B", Some(100));
        save(&path, [&c].into_iter()).unwrap();
        assert_eq!(load(&path), vec![c.clone()]);
        save(&path, std::iter::empty()).unwrap();
        assert!(load(&path).is_empty());
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("cookies.txt")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_or_unreadable_file_loads_as_empty() {
        let dir = std::env::temp_dir().join(format!("openinet-persist-x-{}", std::process::id()));
        assert!(load(&dir.join("nothing.txt")).is_empty());
        std::fs::create_dir_all(&dir).unwrap();
        // A directory where the file should be cannot be read as one.
        assert!(load(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
