//! Reads a file as the app does, for profiling the reader: `cargo run --release --example read_only FILE [N]`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let file = args.get(1).ok_or("usage: read_only FILE [RUNS]")?;
    let runs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(3);
    let bytes = std::fs::read(file)?;
    for _ in 0..runs {
        let started = std::time::Instant::now();
        let sheet = tamis_engine::read(file, &bytes, &tamis_engine::ReadOptions::default())?;
        println!("{} rows in {:?}", sheet.rows.len(), started.elapsed());
    }
    Ok(())
}
