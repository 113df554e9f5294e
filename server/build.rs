// sqlx's `migrate!` embeds server/migrations at compile time; this rebuilds
// the service when a migration is added or changed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
