//! The FTP engine against a real vsftpd on 127.0.0.1 (started by the test;
//! skipped with a message when vsftpd is not installed, outside CI).

use openinet::ftp::{Direction, FtpClient, FtpConfig, Transfer, TransferType};
use openinet::{Error, Timeouts};
use std::time::Duration;
use testserver::vsftpd::{self, Vsftpd};

fn config(server: &Vsftpd, passive: bool) -> FtpConfig {
    FtpConfig {
        host: "127.0.0.1".into(),
        port: server.port(),
        user: None,
        password: None,
        passive,
        timeouts: Timeouts {
            connect: Some(Duration::from_secs(10)),
            send: Some(Duration::from_secs(10)),
            receive: Some(Duration::from_secs(10)),
        },
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn download(client: &FtpClient, path: &str) -> Result<Vec<u8>, Error> {
    let mut transfer = {
        let mut c = client.lock().await;
        Transfer::open(
            client,
            &mut c,
            &format!("RETR {path}"),
            TransferType::Binary,
            Direction::Download,
            None,
        )
        .await?
    };
    let mut out = Vec::new();
    let mut buf = vec![0u8; 8192];
    loop {
        let n = transfer.read(&mut buf).await?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&buf[..n]);
    }
}

async fn upload(client: &FtpClient, path: &str, bytes: &[u8]) -> Result<(), Error> {
    let mut transfer = {
        let mut c = client.lock().await;
        Transfer::open(
            client,
            &mut c,
            &format!("STOR {path}"),
            TransferType::Binary,
            Direction::Upload,
            None,
        )
        .await?
    };
    for chunk in bytes.chunks(7000) {
        transfer.write(chunk).await?;
    }
    transfer.finish().await
}

#[test]
fn browse_download_and_upload_in_both_modes() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    for passive in [true, false] {
        openinet::runtime().block_on(async {
            let client = FtpClient::connect(&config(&server, passive), None)
                .await
                .expect("login");
            assert!(
                client.last_reply().starts_with("230"),
                "{}",
                client.last_reply()
            );
            {
                let mut c = client.lock().await;
                assert_eq!(c.current_dir().await.unwrap(), "/");
                c.change_dir("pub").await.unwrap();
                assert_eq!(c.current_dir().await.unwrap(), "/pub");
                assert_eq!(c.change_dir("nowhere").await, Err(Error::ExtendedError));
                assert!(client.last_reply().starts_with("550"));
                c.set_type(TransferType::Binary).await.unwrap();
                assert_eq!(
                    c.size("pattern.bin").await.unwrap(),
                    vsftpd::PATTERN_LEN as u64
                );
                let entries = openinet::ftp::list(&client, &mut c, None, now())
                    .await
                    .unwrap();
                let find = |n: &str| entries.iter().find(|e| e.name == n).unwrap().clone();
                assert_eq!(find("big.bin").size, vsftpd::BIG_LEN);
                assert!(find("sub").is_dir);
                assert!(find("My Dir").is_dir);
                assert_eq!(find("hello.txt").size, vsftpd::HELLO.len() as u64);
                assert!(find("hello.txt").modified.is_some());
                let none = openinet::ftp::list(&client, &mut c, Some("*.nothing"), now())
                    .await
                    .unwrap();
                assert!(none.is_empty());
            }
            assert_eq!(
                download(&client, "hello.txt").await.unwrap(),
                vsftpd::HELLO.as_bytes()
            );
            assert_eq!(
                download(&client, "pattern.bin").await.unwrap(),
                testserver::pattern(vsftpd::PATTERN_LEN)
            );
            assert_eq!(
                download(&client, "missing").await,
                Err(Error::ExtendedError)
            );

            // Writing in up/.
            let name = format!("/up/file-{passive}.bin");
            let body = testserver::pattern(100_000);
            upload(&client, &name, &body).await.unwrap();
            assert_eq!(download(&client, &name).await.unwrap(), body);
            let mut c = client.lock().await;
            let renamed = format!("/up/renamed-{passive}.bin");
            c.rename(&name, &renamed).await.unwrap();
            assert_eq!(c.rename(&name, "/up/x").await, Err(Error::ExtendedError));
            c.delete(&renamed).await.unwrap();
            assert_eq!(c.delete(&renamed).await, Err(Error::ExtendedError));
            let dir = format!("/up/dir-{passive}");
            c.make_dir(&dir).await.unwrap();
            c.remove_dir(&dir).await.unwrap();
            // Not empty: cannot be removed.
            assert_eq!(c.remove_dir("/pub/sub").await, Err(Error::ExtendedError));
        });
    }
}

#[test]
fn an_abandoned_transfer_leaves_the_session_usable() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    openinet::runtime().block_on(async {
        let client = FtpClient::connect(&config(&server, true), None)
            .await
            .unwrap();
        {
            let mut c = client.lock().await;
            let mut t = Transfer::open(
                &client,
                &mut c,
                "RETR /pub/big.bin",
                TransferType::Binary,
                Direction::Download,
                None,
            )
            .await
            .unwrap();
            assert_eq!(t.size, Some(vsftpd::BIG_LEN), "the 150 reply's size");
            drop(c);
            let mut buf = [0u8; 1000];
            assert!(t.read(&mut buf).await.unwrap() > 0);
            // Dropped mid-way: the final reply is owed.
        }
        assert_eq!(
            download(&client, "/pub/hello.txt").await.unwrap(),
            vsftpd::HELLO.as_bytes()
        );
    });
}

#[test]
fn login_failure_and_refused_connections() {
    let Some(server) = Vsftpd::start() else {
        return;
    };
    openinet::runtime().block_on(async {
        let mut bad = config(&server, true);
        bad.user = Some("nobody-here".into());
        bad.password = Some("wrong".into());
        assert_eq!(
            FtpClient::connect(&bad, None).await.err(),
            Some(Error::LoginFailure)
        );
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let mut refused = config(&server, true);
        refused.port = port;
        assert_eq!(
            FtpClient::connect(&refused, None).await.err(),
            Some(Error::CannotConnect)
        );
    });
}

#[test]
fn ipv6_passive_and_active() {
    let Some(server) = Vsftpd::start_ipv6() else {
        return;
    };
    for passive in [true, false] {
        openinet::runtime().block_on(async {
            let mut cfg = config(&server, passive);
            cfg.host = "::1".into();
            let client = FtpClient::connect(&cfg, None)
                .await
                .expect("login over IPv6");
            // EPSV in passive mode, EPRT in active mode: both work on IPv6.
            assert_eq!(
                download(&client, "/pub/hello.txt").await.unwrap(),
                vsftpd::HELLO.as_bytes()
            );
            let mut c = client.lock().await;
            let entries = openinet::ftp::list(&client, &mut c, Some("/pub"), now())
                .await
                .unwrap();
            assert!(entries
                .iter()
                .any(|e| e.name == "big.bin" && e.size == vsftpd::BIG_LEN));
        });
    }
}
