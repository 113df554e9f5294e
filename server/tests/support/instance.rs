//! The real binary, as its own process: an instance of the service, and
//! the operator's commands.

use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::process::{Child, Command};

pub const BINARY: &str = env!("CARGO_BIN_EXE_news-portal-server");

/// One instance of the service, as its own process.
pub struct Instance {
    pub child: Child,
    pub base: String,
    _site: tempfile::TempDir,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Instance {
    pub async fn start(database_url: &str, rate_limit: u32, smtp: Option<SocketAddr>) -> Self {
        Self::start_with(database_url, rate_limit, smtp, &[]).await
    }

    /// An instance with `extra` options on its command line.
    pub async fn start_with(
        database_url: &str,
        rate_limit: u32,
        smtp: Option<SocketAddr>,
        extra: &[&str],
    ) -> Self {
        let site = super::site();
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut command = Command::new(BINARY);
        command
            .arg("--dist")
            .arg(site.path().join("dist"))
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .args(["--database-url", database_url])
            .args(["--rate-limit", &rate_limit.to_string()])
            .args(["--public-url", "https://news.example"])
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Some(smtp) = smtp {
            command
                .args(["--smtp-url", &format!("smtp://{smtp}")])
                .args(["--mail-from", "newsletter@news.example"])
                .args(["--mail-poll", "100", "--mail-retry", "1"]);
        }
        command.args(extra);
        let child = command.spawn().unwrap();
        let instance = Instance {
            child,
            base,
            _site: site,
        };
        // Up once it answers.
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if client.get(&instance.base).send().await.is_ok() {
                return instance;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the instance on {} did not start", instance.base);
    }

    pub fn url(&self) -> String {
        format!("{}{}", self.base, super::SIGNUP)
    }

    /// Stops gracefully (SIGTERM) and returns what it logged.
    pub async fn stop(mut self) -> String {
        let pid = self.child.id().unwrap();
        std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        self.child.wait().await.unwrap();
        let mut log = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .await
            .unwrap();
        log
    }
}

/// Runs `news-portal-server ARGS --database-url URL`: whether it succeeded,
/// and what it printed on stdout and stderr.
pub async fn operator(database_url: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(BINARY)
        .args(args)
        .args(["--database-url", database_url])
        .output()
        .await
        .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}
