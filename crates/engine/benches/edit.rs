//! Benchmark (prints, does not assert): editing a generated 100 000-row délibérations table natively.
//!
//!   cargo bench -p tamis-engine --bench edit
//!
//! Times (median of the runs): one cell edit with its revalidation and the refreshed report, then the
//! panel's counts; a bulk fix of every issue of the largest fixable group, and its undo; deleting one
//! row and undoing it (both revalidate the whole table).
//!
//! Environment: `TAMIS_BENCH_ROWS` (default 100000), `TAMIS_BENCH_RUNS` (default 7), `TAMIS_BENCH_SEED`
//! (default 1), `TAMIS_BENCH_SCHEMA` (default: the latest délibérations schema of the shared snapshot).

#[path = "gen/mod.rs"]
mod gen;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tamis_engine::edit::{Edit, Editor, Position, RowRef};
use tamis_engine::{mapping, read, Code, ReadOptions, Recipe, Schema};

type BoxError = Box<dyn std::error::Error>;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<(), BoxError> {
    let rows: usize = env_or("TAMIS_BENCH_ROWS", 100_000);
    let runs: usize = env_or("TAMIS_BENCH_RUNS", 7).max(1);
    let seed: u64 = env_or("TAMIS_BENCH_SEED", 1);
    let schema_path = std::env::var("TAMIS_BENCH_SCHEMA").map(PathBuf::from).unwrap_or_else(|_| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/schema.data.gouv.fr/schemas/scdl/deliberations/latest/schema.json")
    });
    let schema = Schema::from_json(&std::fs::read_to_string(&schema_path)?)?;

    let generated = gen::deliberations_csv(rows, seed);
    let sheet = read("deliberations.csv", &generated.csv, &ReadOptions::default())?;
    let recipe = Recipe::by_name(&schema, &sheet.headers);
    let table = mapping::apply(&sheet, &schema, &recipe);
    let t = Instant::now();
    let mut editor = Editor::new(&schema, table)?;
    let open = t.elapsed();
    println!(
        "{} rows, {} issues; editor opened (full validation + report) in {:.1} ms",
        editor.table().rows.len(),
        editor.report().issues.len(),
        ms(open)
    );

    // One cell edit: the first DELIB_DATE issue, set to a valid date, then back (undo), `runs` times.
    let date = editor.column("DELIB_DATE")?;
    let first = editor
        .next_issue(None, Some((Some("DELIB_DATE"), Code::TypeError)))
        .or_else(|| editor.next_issue(None, None))
        .unwrap_or(Position { row: 0, column: Some(date) });
    let column = first.column.unwrap_or(date);
    let field = editor.table().fields.get(column).cloned().unwrap_or_default();
    let (mut apply, mut counts, mut undo) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        editor.apply(Edit::SetCell { row: RowRef::at(first.row), field: field.clone(), value: "2023-03-15".into() })?;
        apply.push(t.elapsed());
        let t = Instant::now();
        let groups = editor.groups();
        let total: usize = groups.iter().map(|g| g.count).sum();
        counts.push(t.elapsed());
        std::hint::black_box(total);
        let t = Instant::now();
        editor.undo();
        undo.push(t.elapsed());
    }
    println!(
        "one cell edit (row {}, {field}): apply + revalidate row + report {:.2} ms, group counts {:.2} ms, \
         undo {:.2} ms",
        first.row + 2,
        ms(median(apply)),
        ms(median(counts)),
        ms(median(undo))
    );
    let t = Instant::now();
    let next = editor.next_issue(Some(first), None);
    println!("next issue after it: {next:?} in {:.2} ms", ms(t.elapsed()));

    // Bulk fix of the largest fixable group, then its undo.
    let groups = editor.groups();
    let Some(largest) = groups.iter().filter(|g| g.fixable > 0 && g.field.is_some()).max_by_key(|g| g.fixable) else {
        println!("no fixable group");
        return Ok(());
    };
    let field = largest.field.clone().unwrap_or_default();
    let (mut build, mut preview, mut apply, mut undo) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut cells = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let edit = editor.fix_group(&field, largest.code);
        build.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(editor.preview(&edit, 10)?);
        preview.push(t.elapsed());
        let t = Instant::now();
        cells = editor.apply(edit)?.cells;
        apply.push(t.elapsed());
        let t = Instant::now();
        editor.undo();
        undo.push(t.elapsed());
    }
    println!(
        "bulk fix of « {} » ({cells} cells): edit built {:.1} ms, preview {:.1} ms, apply + revalidate + report \
         {:.1} ms, undo {:.1} ms",
        largest.line(),
        ms(median(build)),
        ms(median(preview)),
        ms(median(apply)),
        ms(median(undo))
    );

    // Deleting a row revalidates the whole table (indexes shift), and so does undoing it.
    let (mut delete, mut restore) = (Vec::new(), Vec::new());
    for _ in 0..runs.min(3) {
        let t = Instant::now();
        editor.apply(Edit::DeleteRows { rows: vec![RowRef::at(1)] })?;
        delete.push(t.elapsed());
        let t = Instant::now();
        editor.undo();
        restore.push(t.elapsed());
    }
    println!("delete one row {:.1} ms, undo it {:.1} ms", ms(median(delete)), ms(median(restore)));
    Ok(())
}
