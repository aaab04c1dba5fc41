//! InternetCreateUrl and the time functions on the engine, with the results
//! Wine's url.c and internet.c assert and run against Windows.

use openinet::time::{self, SystemTime};
use openinet::url::{create_bytes, UrlComponents};
use openinet::Error;

const HTTP: i32 = 3;
const ESCAPE: u32 = 0x8000_0000;

fn s(x: &str) -> Option<Vec<u8>> {
    Some(x.as_bytes().to_vec())
}

/// http, www.winehq.org, 80, username, password, /site/about, "".
fn filled() -> UrlComponents {
    UrlComponents {
        scheme: s("http"),
        scheme_kind: HTTP,
        host: s("www.winehq.org"),
        port: 80,
        user: s("username"),
        password: s("password"),
        path: s("/site/about"),
        extra: s(""),
    }
}

fn created(c: &UrlComponents, flags: u32) -> String {
    String::from_utf8(create_bytes(c, flags).unwrap()).unwrap()
}

#[test]
fn urls_as_windows_builds_them() {
    let full = "http://username:password@www.winehq.org/site/about";
    assert_eq!(created(&filled(), 0), full);
    assert_eq!(created(&filled(), ESCAPE), full);

    // A NULL scheme string: nScheme names it.
    let c = UrlComponents {
        scheme: None,
        ..filled()
    };
    assert_eq!(created(&c, 0), full);
    // An nScheme out of range is ignored when the string is there.
    let c = UrlComponents {
        scheme_kind: -3,
        ..filled()
    };
    assert_eq!(created(&c, 0), full);

    let c = UrlComponents {
        password: None,
        ..filled()
    };
    assert_eq!(created(&c, 0), "http://username@www.winehq.org/site/about");
    let c = UrlComponents {
        user: None,
        password: None,
        ..filled()
    };
    assert_eq!(created(&c, 0), "http://www.winehq.org/site/about");

    // The port is written unless it is the scheme string's default.
    let c = UrlComponents {
        scheme: s("nhttp"),
        ..filled()
    };
    assert_eq!(
        created(&c, ESCAPE),
        "nhttp://username:password@www.winehq.org:80/site/about"
    );
    let c = UrlComponents {
        port: 42,
        ..filled()
    };
    assert_eq!(
        created(&c, ESCAPE),
        "http://username:password@www.winehq.org:42/site/about"
    );
    let c = UrlComponents {
        scheme: s("https"),
        port: 443,
        ..filled()
    };
    assert_eq!(
        created(&c, ESCAPE),
        "https://username:password@www.winehq.org/site/about"
    );
    let c = UrlComponents {
        scheme: s("http"),
        scheme_kind: HTTP,
        host: s("www.winehq.org"),
        port: 65535,
        ..UrlComponents::default()
    };
    assert_eq!(created(&c, ESCAPE), "http://www.winehq.org:65535");
    let c = UrlComponents {
        scheme: s("http"),
        host: s("localhost"),
        port: 80,
        path: s("/"),
        extra: s("?test=123"),
        ..UrlComponents::default()
    };
    assert_eq!(created(&c, ESCAPE), "http://localhost/?test=123");

    // Opaque schemes: no "//" without a host.
    let c = UrlComponents {
        scheme: s("about"),
        path: s("blank"),
        ..UrlComponents::default()
    };
    assert_eq!(created(&c, ESCAPE), "about:blank");
    let c = UrlComponents {
        scheme: s("about"),
        host: s("host"),
        path: s("blank"),
        ..UrlComponents::default()
    };
    assert_eq!(created(&c, ESCAPE), "about://host/blank");
    let c = UrlComponents {
        scheme: s("about"),
        port: 8080,
        ..UrlComponents::default()
    };
    assert_eq!(created(&c, ESCAPE), "about:");
}

#[test]
fn a_password_needs_a_user_name() {
    let c = UrlComponents {
        user: None,
        ..filled()
    };
    assert_eq!(create_bytes(&c, 0), Err(Error::InvalidParameter));
    assert_eq!(Error::InvalidParameter.code(), 87);
}

const JAN_7_2005: SystemTime = SystemTime {
    year: 2005,
    month: 1,
    day_of_week: 5,
    day: 7,
    hour: 12,
    minute: 6,
    second: 35,
    milliseconds: 0,
};

#[test]
fn rfc1123_dates_both_ways() {
    assert_eq!(
        time::to_http_date(&JAN_7_2005).unwrap(),
        "Fri, 07 Jan 2005 12:06:35 GMT"
    );
    assert_eq!(time::RFC1123_BUFSIZE, 30);
    let now = time::from_unix(0, 0);
    for text in [
        "Fri, 07 Jan 2005 12:06:35 GMT",
        " fri 7 jan 2005 12 06 35",
        "Friday, 07-Jan-05 12:06:35 GMT",
        "Fri Jan  7 12:06:35 2005",
    ] {
        assert_eq!(
            time::internet_time_to_system_time(text, now),
            JAN_7_2005,
            "{text:?}"
        );
    }
}

#[test]
fn canonicalize_as_windows_does() {
    use openinet::url::canonicalize;
    const BROWSER_MODE: u32 = 0x0200_0000;
    const DECODE: u32 = 0x1000_0000;
    const NO_ENCODE: u32 = 0x2000_0000;
    // internet.c: a trailing space goes, ICU_BROWSER_MODE or not.
    assert_eq!(
        canonicalize("http://www.winehq.org/index.php?x= ", BROWSER_MODE).unwrap(),
        "http://www.winehq.org/index.php?x="
    );
    // internet.c: a file: URL decoded into a DOS path.
    assert_eq!(
        canonicalize(
            "file:///C:/Program%20Files/Atmel/AVR%20Tools/STK500/STK500.xml",
            DECODE | NO_ENCODE
        )
        .unwrap(),
        "file://C:\\Program Files\\Atmel\\AVR Tools\\STK500\\STK500.xml"
    );
    // Unchanged when there is nothing to do (the Acrobat Updater URL).
    let u = "http://swupmf.adobe.com/manifest/50/win/AdobeUpdater.upd";
    assert_eq!(canonicalize(u, 0).unwrap(), u);
}

#[test]
fn opaque_urls_canonicalize_as_wine_does() {
    use openinet::url::canonicalize;
    const NO_ENCODE: u32 = 0x2000_0000;
    const NO_META: u32 = 0x0800_0000;
    // shlwapi's Windows-checked UrlEscape table: slashes are escaped when
    // the text after the scheme does not start with one.
    assert_eq!(canonicalize("foo:/a/b", 0).unwrap(), "foo:/a/b");
    assert_eq!(canonicalize("foo:a b/c", 0).unwrap(), "foo:a%20b%2Fc");
    assert_eq!(canonicalize("foo:a b/c", NO_ENCODE).unwrap(), "foo:a b/c");
    // Dot segments as WinINet resolves them under Wine 8 (nothing
    // Windows-checked covers them): a ".." with nowhere to go back to ends
    // the URL; a final host-like run gets a "/".
    assert_eq!(canonicalize("foo:bar/../baz", 0).unwrap(), "foo:bar");
    assert_eq!(
        canonicalize("foo:bar/../baz", NO_META).unwrap(),
        "foo:bar%2F..%2Fbaz"
    );
    assert_eq!(canonicalize("foo:/a/../b", 0).unwrap(), "foo:/b");
    assert_eq!(canonicalize("foo:a/b", NO_ENCODE).unwrap(), "foo:a/b/");
    assert_eq!(canonicalize("mailto:a?b#c", 0).unwrap(), "mailto:a%3Fb%23c");
    // Blanks after the host keep an empty path empty; a tab does not.
    assert_eq!(canonicalize("http://host\r\n", 0).unwrap(), "http://host");
    assert_eq!(canonicalize("http://host\t", 0).unwrap(), "http://host/");
}

#[test]
fn an_empty_scheme_string_is_ftp() {
    use openinet::url::{create, UrlComponents};
    // As under Wine 8 (no Windows-checked test covers it): port 21 is left out.
    let c = UrlComponents {
        scheme: Some(Vec::new()),
        host: Some(b"h".to_vec()),
        port: 21,
        path: Some(b"/p".to_vec()),
        ..Default::default()
    };
    assert_eq!(create(&c, 0).unwrap(), "://h/p");
    let c = UrlComponents { port: 42, ..c };
    assert_eq!(create(&c, 0).unwrap(), "://h:42/p");
}
