//! Writes the mail of a published edition as a reader gets it (an
//! unsubscribe link made up), to look at before sending:
//! `cargo run -p news-portal-server --example edition-mail -- EDITION.json OUT`
//! writes OUT.html and OUT.txt, and says how large the HTML part is (Gmail
//! clips messages over about 102 KB).

use news_portal::model::Edition;
use news_portal_server::newsletter::compose::EditionMail;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(edition), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: edition-mail EDITION.json OUT");
        std::process::exit(2);
    };
    let json = std::fs::read_to_string(&edition).unwrap_or_else(|err| {
        eprintln!("edition-mail: cannot read {edition}: {err}");
        std::process::exit(1);
    });
    let edition = Edition::from_json(&json).unwrap_or_else(|err| {
        eprintln!("edition-mail: not a published edition: {err}");
        std::process::exit(1);
    });
    let origin = "https://www.example.co.uk";
    let mail = EditionMail::new(&edition, origin);
    let leave = news_portal::routes::unsubscribe_link(origin, &"0".repeat(64));
    let (text, html) = mail.parts(&leave);
    for (file, part) in [
        (format!("{out}.html"), &html),
        (format!("{out}.txt"), &text),
    ] {
        if let Err(err) = std::fs::write(&file, part) {
            eprintln!("edition-mail: cannot write {file}: {err}");
            std::process::exit(1);
        }
    }
    println!(
        "edition-mail: {out}.html ({} bytes), {out}.txt ({} bytes)",
        html.len(),
        text.len()
    );
}
