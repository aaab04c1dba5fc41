//! The FTP engine against a scripted hostile server: odd and broken
//! replies, huge lines, broken listings, cut transfers, a data connection
//! that never comes. Each must end in an error code or a bounded result,
//! never a panic or a hang.

use openinet::ftp::{reply::MAX_LINE, Direction, FtpClient, FtpConfig, Transfer, TransferType};
use openinet::{Error, Timeouts};
use std::io::Write;
use std::time::Duration;
use testserver::ftp_script::{accept_data, FtpCtl, FtpScript};

fn config(port: u16, passive: bool) -> FtpConfig {
    FtpConfig {
        host: "127.0.0.1".into(),
        port,
        user: Some("u".into()),
        password: Some("p".into()),
        passive,
        timeouts: Timeouts {
            connect: Some(Duration::from_millis(700)),
            send: Some(Duration::from_secs(5)),
            receive: Some(Duration::from_millis(700)),
        },
    }
}

fn connect(server: &FtpScript, passive: bool) -> Result<FtpClient, Error> {
    openinet::runtime().block_on(FtpClient::connect(&config(server.port(), passive), None))
}

#[test]
fn multi_line_replies_and_a_300_kb_line_are_read_and_bounded() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.send("220-Welcome\r\n220-");
        c.send(&"x".repeat(300 * 1024));
        c.send("\r\n 220 indented is text\r\n220 ready\r\n");
        c.expect("USER");
        c.send("331-more\r\n331 password\r\n");
        c.expect("PASS");
        c.send("230 in\r\n");
        c.expect("QUIT");
    });
    let client = connect(&server, true).unwrap();
    assert_eq!(client.last_reply(), "230 in\r\n");
    let _ = MAX_LINE;
}

#[test]
fn garbage_replies_fail_with_ftp_dropped() {
    for garbage in [
        "HTTP/1.1 200 OK\r\n",
        "2x0 what\r\n",
        "999 no\r\n",
        "\0\0\0\r\n",
    ] {
        let server = FtpScript::start(move |mut c: FtpCtl| {
            c.send(garbage);
            let _ = c.command();
        });
        assert_eq!(
            connect(&server, true).err(),
            Some(Error::FtpDropped),
            "{garbage:?}"
        );
    }
    // Garbage after login: the command fails, and so does the next (the
    // connection is dropped).
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        c.expect("PWD");
        c.send("hello there\r\n");
        let _ = c.command();
    });
    let client = connect(&server, true).unwrap();
    openinet::runtime().block_on(async {
        let mut c = client.lock().await;
        assert_eq!(c.current_dir().await, Err(Error::FtpDropped));
        assert_eq!(c.current_dir().await, Err(Error::FtpDropped));
    });
}

#[test]
fn a_closed_or_silent_control_connection_ends_in_an_error() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.send("220-start\r\n");
        c.close();
    });
    assert_eq!(connect(&server, true).err(), Some(Error::FtpDropped));
    // A line that never ends: the receive timeout.
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.send("220 no end");
        std::thread::sleep(Duration::from_secs(3));
    });
    assert_eq!(connect(&server, true).err(), Some(Error::Timeout));
}

#[test]
fn a_listing_with_broken_lines_keeps_the_good_ones() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        let data = c.pasv();
        c.expect("LIST");
        c.send("150 here\r\n");
        let mut d = accept_data(&data).unwrap();
        let _ = d.write_all(
            b"total 3\r\n\
              -rw-r--r-- 1 a b 42 Jan 1 2020 good.txt\r\n\
              \xff\xfe\x00 binary junk\r\n\
              -rw-r--r-- 1 a b 4294967296 Jan 1 2020\r\n\
              drwxr-xr-x 2 a b 4096 Feb 29 2020 dir\r\n\
              01-02-20  03:04PM  12 dos.txt\r\n",
        );
        let _ = d.write_all(&vec![b'z'; 100_000]);
        let _ = d.write_all(b"\r\n");
        drop(d);
        c.send("226 done\r\n");
        c.expect("QUIT");
    });
    let client = connect(&server, true).unwrap();
    let names = openinet::runtime().block_on(async {
        let mut c = client.lock().await;
        openinet::ftp::list(&client, &mut c, None, 1_700_000_000).await
    });
    let names: Vec<String> = names.unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["good.txt", "dir", "dos.txt"]);
}

fn retr(client: &FtpClient) -> Result<Vec<u8>, Error> {
    openinet::runtime().block_on(async {
        let mut t = {
            let mut c = client.lock().await;
            Transfer::open(
                client,
                &mut c,
                "RETR f",
                TransferType::Binary,
                Direction::Download,
                None,
            )
            .await?
        };
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match t.read(&mut buf).await? {
                0 => return Ok(out),
                n => out.extend_from_slice(&buf[..n]),
            }
        }
    })
}

#[test]
fn a_transfer_the_server_cuts_fails() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        let data = c.pasv();
        c.expect("RETR");
        c.send("150 sending 1000 bytes\r\n");
        let mut d = accept_data(&data).unwrap();
        let _ = d.write_all(&[7u8; 100]);
        drop(d);
        c.send("426 connection cut\r\n");
        c.expect("QUIT");
    });
    let client = connect(&server, true).unwrap();
    assert_eq!(retr(&client), Err(Error::ConnectionAborted));
    assert!(client.last_reply().starts_with("426"));
}

#[test]
fn a_data_connection_that_never_comes_times_out() {
    // Active mode: the server never connects back.
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        c.expect("PORT");
        c.send("200 ok\r\n");
        c.expect("RETR");
        c.send("150 coming\r\n");
        let _ = c.command();
    });
    let client = connect(&server, false).unwrap();
    assert_eq!(retr(&client), Err(Error::Timeout));
    // Passive mode: the server's data port accepts nothing; a stalled
    // data connection times out in the read.
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        let data = c.pasv();
        c.expect("RETR");
        c.send("150 coming\r\n");
        let _held = accept_data(&data);
        let _ = c.command();
    });
    let client = connect(&server, true).unwrap();
    assert_eq!(retr(&client), Err(Error::Timeout));
}

#[test]
fn a_bad_pasv_reply_is_an_error() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        c.expect("PASV");
        c.send("227 no address here\r\n");
        c.expect("QUIT");
    });
    let client = connect(&server, true).unwrap();
    assert_eq!(retr(&client), Err(Error::ExtendedError));
}

#[test]
fn mlsd_is_used_where_feat_offers_it() {
    let server = FtpScript::start(|mut c: FtpCtl| {
        c.login();
        c.expect("FEAT");
        c.send("211-Features:\r\n MDTM\r\n MLST type*;size*;modify*;\r\n SIZE\r\n211 End\r\n");
        let data = c.pasv();
        let cmd = c.expect("MLSD");
        assert_eq!(cmd, "MLSD /dir");
        c.send("150 here\r\n");
        let mut d = accept_data(&data).unwrap();
        let _ = d.write_all(
            b"type=cdir;modify=20200101000000; /dir\r\n\
              type=file;size=6442450944;modify=20200102030405; big file.iso\r\n\
              type=dir;modify=20191231235959; sub\r\n\
              broken line\r\n",
        );
        drop(d);
        c.send("226 done\r\n");
        // A pattern with a wildcard: LIST, FEAT not asked again.
        let data = c.pasv();
        c.expect("LIST");
        c.send("150 here\r\n");
        let mut d = accept_data(&data).unwrap();
        let _ = d.write_all(b"-rw-r--r-- 1 a b 5 Jan 1 2020 x.txt\r\n");
        drop(d);
        c.send("226 done\r\n");
        c.expect("QUIT");
    });
    let client = connect(&server, true).unwrap();
    openinet::runtime().block_on(async {
        let mut c = client.lock().await;
        let entries = openinet::ftp::list(&client, &mut c, Some("/dir"), 1_700_000_000)
            .await
            .unwrap();
        let got: Vec<(&str, u64, bool)> = entries
            .iter()
            .map(|e| (e.name.as_str(), e.size, e.is_dir))
            .collect();
        assert_eq!(
            got,
            [("big file.iso", 6_442_450_944, false), ("sub", 0, true)]
        );
        let listed = openinet::ftp::list(&client, &mut c, Some("*.txt"), 1_700_000_000)
            .await
            .unwrap();
        assert_eq!(listed[0].name, "x.txt");
    });
}
