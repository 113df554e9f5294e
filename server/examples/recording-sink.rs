//! An SMTP sink that records whom each message it accepts was for, for the
//! newsletter benchmark's correctness runs (`scripts/bench-newsletter`):
//! it prints `listening on PORT`, keeps only each message's head, and on
//! SIGTERM prints one line, `messages=N recipients=D twice=T`, then the
//! number of messages each address got, one `COUNT ADDRESS` line each
//! (only with `--per-recipient`). Postfix's smtp-sink measures rates; it
//! cannot say who got what.
//! `cargo run -p news-portal-server --example recording-sink [-- --per-recipient]`

#[path = "../tests/support/smtp.rs"]
#[allow(dead_code)]
mod smtp;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let per_recipient = std::env::args().any(|arg| arg == "--per-recipient");
    let sink = smtp::SmtpSink::start_heads_only().await;
    println!("listening on {}", sink.addr.port());
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler");
    term.recv().await;
    let counts = sink.per_recipient();
    let twice: usize = counts.values().map(|n| n.saturating_sub(1)).sum();
    println!(
        "messages={} recipients={} twice={twice}",
        sink.count(),
        counts.len()
    );
    if per_recipient {
        for (address, n) in counts {
            println!("{n} {address}");
        }
    }
}
