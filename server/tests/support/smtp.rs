//! An SMTP server for the tests: it speaks just enough SMTP for a real
//! client (lettre) on loopback, keeps every message it accepts, and can
//! be told to refuse the next few, for a while (4xx) or for good (5xx).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One message the sink accepted.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body), dot-unstuffed.
    pub data: String,
}

impl Received {
    /// The body of the part with `content_type`, decoded from
    /// quoted-printable if it was sent so.
    pub fn part(&self, content_type: &str) -> String {
        let marker = format!("Content-Type: {content_type}");
        let at = self
            .data
            .find(&marker)
            .unwrap_or_else(|| panic!("no {content_type} part in {}", self.data));
        let rest = &self.data[at..];
        let (head, body) = rest.split_once("\r\n\r\n").unwrap();
        let body = body.split("\r\n--").next().unwrap();
        if head.contains("quoted-printable") {
            quoted_printable(body)
        } else {
            body.to_owned()
        }
    }

    /// A header's value, unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(current) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    current.push_str(line.trim_start());
                    continue;
                }
                return value;
            }
            if let Some((key, rest)) = line.split_once(':') {
                if key.eq_ignore_ascii_case(name) {
                    value = Some(rest.trim().to_owned());
                }
            }
        }
        value
    }
}

#[derive(Default)]
struct State {
    accepted: Vec<Received>,
    /// Keep only each message's head (for sends of thousands).
    heads_only: bool,
    /// Answer every connection 421 and close it: the server is down.
    down: bool,
    /// Replies for the next messages' end of data, in turn: `451 …`, `550 …`.
    refusals: VecDeque<&'static str>,
    refused: usize,
}

/// A running sink.
#[derive(Clone)]
pub struct SmtpSink {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        Self::start_keeping(false).await
    }

    /// A sink that keeps only the head of each message it accepts.
    pub async fn start_heads_only() -> Self {
        Self::start_keeping(true).await
    }

    async fn start_keeping(heads_only: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            heads_only,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, Arc::clone(&shared)));
            }
        });
        SmtpSink { addr, state }
    }

    /// The next message is refused for now (451): the sender should retry.
    pub fn refuse_next_for_now(&self) {
        self.state
            .lock()
            .unwrap()
            .refusals
            .push_back("451 4.3.0 Try again later");
    }

    /// The next message is refused for good (550): the sender should give up.
    pub fn refuse_next_for_good(&self) {
        self.state
            .lock()
            .unwrap()
            .refusals
            .push_back("550 5.1.1 No such mailbox");
    }

    /// While down, every connection is answered 421 and closed.
    pub fn set_down(&self, down: bool) {
        self.state.lock().unwrap().down = down;
    }

    /// How many messages it has accepted.
    pub fn count(&self) -> usize {
        self.state.lock().unwrap().accepted.len()
    }

    /// How many messages each recipient was sent.
    pub fn per_recipient(&self) -> std::collections::HashMap<String, usize> {
        let mut counts = std::collections::HashMap::new();
        for message in &self.state.lock().unwrap().accepted {
            for to in &message.to {
                *counts.entry(to.to_ascii_lowercase()).or_insert(0) += 1;
            }
        }
        counts
    }

    pub fn accepted(&self) -> Vec<Received> {
        self.state.lock().unwrap().accepted.clone()
    }

    pub fn refused(&self) -> usize {
        self.state.lock().unwrap().refused
    }

    /// Waits until at least `count` messages have been accepted (or fails),
    /// without copying them.
    pub async fn wait_for_count(&self, count: usize, within: Duration) {
        let deadline = tokio::time::Instant::now() + within;
        while self.count() < count {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the sink got {} of {count} messages in {within:?}",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until `count` messages have been accepted (or fails).
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let accepted = self.accepted();
            if accepted.len() >= count {
                return accepted;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the sink got {} of {count} messages in {within:?}",
                accepted.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

async fn session(stream: tokio::net::TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if state.lock().unwrap().down {
        let _ = write
            .write_all(b"421 4.3.2 sink.test Service not available\r\n")
            .await;
        return;
    }
    if write.write_all(b"220 sink.test ESMTP\r\n").await.is_err() {
        return;
    }
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: String = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8".into(),
            "HELO" => "250 sink.test".into(),
            "MAIL" => {
                from = address(&command);
                to.clear();
                "250 2.1.0 OK".into()
            }
            "RCPT" => {
                to.push(address(&command));
                "250 2.1.5 OK".into()
            }
            "DATA" => {
                if write.write_all(b"354 End data with .\r\n").await.is_err() {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.push_str(unstuffed);
                }
                let mut state = state.lock().unwrap();
                match state.refusals.pop_front() {
                    Some(refusal) => {
                        state.refused += 1;
                        refusal.into()
                    }
                    None => {
                        let data = if state.heads_only {
                            data.split("\r\n\r\n").next().unwrap_or_default().to_owned()
                        } else {
                            data
                        };
                        state.accepted.push(Received {
                            from: from.clone(),
                            to: to.clone(),
                            data,
                        });
                        "250 2.0.0 Queued".into()
                    }
                }
            }
            "RSET" => {
                from.clear();
                to.clear();
                "250 2.0.0 OK".into()
            }
            "NOOP" => "250 2.0.0 OK".into(),
            "QUIT" => {
                let _ = write.write_all(b"221 2.0.0 Bye\r\n").await;
                return;
            }
            _ => "502 5.5.2 Command not recognised".into(),
        };
        if write
            .write_all(format!("{answer}\r\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}

/// The address in `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

/// Decodes quoted-printable text (RFC 2045): soft line breaks and `=XX`.
fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
