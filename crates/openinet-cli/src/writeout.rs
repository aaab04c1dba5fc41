//! `-w/--write-out FORMAT`: curl's `%{variable}` text after each transfer.

use std::fmt::Write as _;

/// What the variables are made of, for one finished transfer.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub http_code: u16,
    pub size_download: u64,
    pub size_header: u64,
    pub time_total: f64,
    pub url: String,
    pub url_effective: String,
    pub num_redirects: u32,
    pub content_type: String,
    pub filename_effective: String,
    pub exitcode: u8,
    pub errormsg: String,
}

/// Expands `format`: `%{name}` variables, `%%`, and the escapes `\n`,
/// `\r`, `\t`, `\\`. An unknown variable expands to nothing (curl warns;
/// `unknown` lists them so the caller can).
pub fn expand(format: &str, f: &Facts, unknown: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("%{") {
            if let Some(end) = after.find('}') {
                let name = &after[..end];
                if !variable(name, f, &mut out) {
                    unknown.push(name.to_string());
                }
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("%%") {
            out.push('%');
            rest = after;
            continue;
        }
        if let Some(after) = rest.strip_prefix('\\') {
            match after.chars().next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                _ => {
                    out.push('\\');
                    rest = after;
                    continue;
                }
            }
            rest = &after[1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn variable(name: &str, f: &Facts, out: &mut String) -> bool {
    let _ = match name {
        "http_code" | "response_code" => write!(out, "{:03}", f.http_code),
        "size_download" => write!(out, "{}", f.size_download),
        "size_header" => write!(out, "{}", f.size_header),
        "time_total" => write!(out, "{:.6}", f.time_total),
        "url" => write!(out, "{}", f.url),
        "url_effective" => write!(out, "{}", f.url_effective),
        "num_redirects" => write!(out, "{}", f.num_redirects),
        "content_type" => write!(out, "{}", f.content_type),
        "filename_effective" => write!(out, "{}", f.filename_effective),
        "exitcode" => write!(out, "{}", f.exitcode),
        "errormsg" => write!(out, "{}", f.errormsg),
        _ => return false,
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_variables_and_escapes() {
        let f = Facts {
            http_code: 200,
            size_download: 14,
            url_effective: "http://h/x".into(),
            num_redirects: 2,
            ..Facts::default()
        };
        let mut unknown = Vec::new();
        let s = expand(
            "%{http_code} %{size_download}B %{url_effective} r=%{num_redirects} 100%% %{nope}\\n\\t\\q",
            &f,
            &mut unknown,
        );
        assert_eq!(s, "200 14B http://h/x r=2 100% \n\t\\q");
        assert_eq!(unknown, ["nope"]);
        assert_eq!(expand("%{http_code", &f, &mut unknown), "%{http_code");
        let none = Facts::default();
        assert_eq!(expand("%{response_code}", &none, &mut unknown), "000");
    }
}
