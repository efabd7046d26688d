//! Conformance: Tamis's verdicts against the reference validator's (validata-core 0.9.7, run by
//! `../shared/tools/validata-ref`, installed from PyPI on first use).
//!
//! Two suites, each comparing the verdict and the set of (row, field, code):
//! - **as it is**: files already in a schema's layout — the project's cases (`tests/cases/`, one or
//!   more per rule) and the corpus files that are schema examples — validated as they are
//!   (`mapping::as_is`, the app's check of a file as it is), like Validata does with an uploaded file;
//! - **exported**: real corpus files read, mapped by name and exported by Tamis; the exported CSV goes
//!   to the reference, so what a commune would publish gets the same verdict.
//!
//! Every disagreement must be listed, with its reason, in `docs/VALIDATA-DIVERGENCES.md` (a case
//! listed there that agrees again fails too, so the document stays true). Agreement figures are printed.

// Helpers outside #[test] functions unwrap and index too: a test that cannot read its data should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tamis_engine::{mapping, read, Code, ReadOptions, Report, Schema};

/// Corpus files mapped and exported by Tamis.
const EXPORTED: &[(&str, &str)] = &[
    ("scdl/subventions", "subventions/csvdetective_subventions-commune-de-castelmaurou.csv"),
    ("scdl/subventions", "subventions/schema_exemple_valide.csv"),
    ("scdl/subventions", "subventions/schema_exemple_invalide_erreurs_cellules.csv"),
    ("scdl/subventions", "subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv"),
    ("scdl/subventions", "subventions/SCDL_DEP_Haute_Garonne_datalocale-subvention.csv"),
    ("scdl/subventions", "subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx"),
    ("scdl/subventions", "subventions/greytrey05_subventions-toulouse_2023.csv"),
    ("scdl/subventions", "subventions/DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv"),
    ("scdl/subventions", "subventions/apisubv_fixture_Antibes_title_rows.xlsx"),
    ("scdl/subventions", "subventions/importErrors_cd11_Aude_donneesessentiellessubventions23k.csv-errors.csv"),
    ("scdl/deliberations", "deliberations/altervilles_deliberations-metropole-saint-etienne.csv"),
    ("scdl/deliberations", "deliberations/VilleMTP_MTP_Delibs.csv"),
    ("scdl/prenoms", "prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv"),
    ("scdl/prenoms", "prenoms/DIGNE-PRENOMS-2017.csv"),
    ("scdl/prenoms", "prenoms/VilleMTP_MTP_Prenoms.csv"),
    ("scdl/catalogue", "catalogue/schema-catalogue-donnees_exemple-valide.csv"),
    ("scdl/budget", "budget/yatotem2scdl_BP2022_SaintMaloAgglo_TRANSPORT.csv"),
    ("scdl/budget", "budget/yatotem2scdl_CFU2023_Mohon_M57.csv"),
    ("scdl/budget", "budget/VilleMTP_MTP_BudgetPri_2014.csv"),
    ("scdl/equipements", "equipements/altervilles_services_publics-saint-etienne-metropole.csv"),
    ("etalab/schema-irve-statique", "irve/schema-irve_statique_exemple-valide-statique.csv"),
    ("atlasante/schema-dae", "dae/schema-dae_exemple_invalide_complet.csv"),
    ("scdl/menus-collectifs", "menus_collectifs/validata_mini-menus-collectifs_invalide.utf-16.csv"),
];

/// Corpus files that are the catalog's own examples (or in a schema's layout), validated as they are.
const CORPUS_AS_IS: &[(&str, &str)] = &[
    ("scdl/subventions", "subventions/schema_exemple_valide.csv"),
    ("scdl/subventions", "subventions/schema_exemple_invalide_erreurs_cellules.csv"),
    ("scdl/subventions", "subventions/schema_exemple_invalide_erreurs_colonnes.csv"),
    ("scdl/subventions", "subventions/csvdetective_subventions-commune-de-castelmaurou.csv"),
    ("scdl/prenoms", "prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv"),
    ("scdl/catalogue", "catalogue/schema-catalogue-donnees_exemple-valide.csv"),
    ("scdl/budget", "budget/yatotem2scdl_BP2022_SaintMaloAgglo_TRANSPORT.csv"),
    ("scdl/budget", "budget/yatotem2scdl_CFU2023_Mohon_M57.csv"),
    ("etalab/schema-irve-statique", "irve/schema-irve_statique_exemple-valide-statique.csv"),
    ("atlasante/schema-dae", "dae/schema-dae_exemple_invalide_structure.csv"),
    ("atlasante/schema-dae", "dae/schema-dae_exemple_invalide_complet.csv"),
    ("scdl/subventions", "subventions/schema_exemple-duplicate-column.csv"),
    ("scdl/menus-collectifs", "menus_collectifs/validata_mini-menus-collectifs_invalide.utf-16.csv"),
    ("scdl/deliberations", "deliberations/altervilles_deliberations-metropole-saint-etienne.csv"),
    ("scdl/equipements", "equipements/altervilles_services_publics-saint-etienne-metropole.csv"),
    ("scdl/prenoms", "prenoms/DIGNE-PRENOMS-2017.csv"),
    ("scdl/subventions", "subventions/SCDL_DEP_Haute_Garonne_datalocale-subvention.csv"),
    ("scdl/subventions", "subventions/apisubv_SCDL_DILCRAH_2019.csv"),
    ("scdl/subventions", "subventions/SCDL_COM_Poitiers_citoyennete-subventions-directes-attribuees-aux-associations-2017-ville-de-poiti.csv"),
    ("scdl/subventions", "subventions/greytrey05_subventions-toulouse_2023.csv"),
    ("scdl/subventions", "subventions/importErrors_cd11_Aude_donneesessentiellessubventions23k.csv-errors.csv"),
    ("etalab/schema-irve-statique", "irve/validata_irve_accent_valide.csv"),
    ("etalab/schema-irve-statique", "irve/validata_irve-driveco-201215.csv"),
    ("atlasante/schema-dae", "dae/validata_dae_test.xlsx"),
    // The other corpus files already in a schema's layout (MANIFEST "(a)"), as an ATD checks them in the
    // app's as-is mode. Among them, files Validata reads otherwise than Tamis would for a mapping:
    // an XLSX sheet with an empty, formatted row after the data (a blank row for Validata); a UTF-8 BOM
    // over a Windows-1252 body (an `encoding-error`); an empty first sheet (a `source-error`).
    ("scdl/subventions", "subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx"),
    ("scdl/subventions", "subventions/DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx"),
    ("scdl/subventions", "subventions/DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv"),
    ("scdl/subventions", "subventions/apisubv_fixture_Antibes_title_rows.xlsx"),
    ("scdl/subventions", "subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv"),
    ("scdl/subventions", "subventions/importErrors_donneesessentielles2019_publiINTERNET.xls-errors.csv"),
    ("etalab/schema-irve-statique", "irve/schemadatagouv_irve-v1_exemple-invalide.csv"),
    ("etalab/schema-irve-statique", "irve/schemadatagouv_bornes-IRVE-aggregation-2018_collectivites_excerpt.csv"),
];

type IssueKey = (usize, String, String);

struct Case {
    id: String,
    schema: PathBuf,
    /// The file the reference validates.
    data: PathBuf,
    /// Tamis's report on the same table.
    report: Report,
}

#[derive(Clone, PartialEq, Debug)]
struct Verdict {
    valid: bool,
    crashed: bool,
    issues: BTreeSet<IssueKey>,
}

/// The reference's answers on the files validated as they are, recorded by the live tier
/// (`TAMIS_RECORD_REFERENCE=1`), so the fast tier compares with them without Python.
fn recorded_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/reference.json")
}

fn to_record(verdict: &Verdict) -> Value {
    let issues: Vec<Value> =
        verdict.issues.iter().map(|(row, field, code)| serde_json::json!([row, field, code])).collect();
    serde_json::json!({"valid": verdict.valid, "crashed": verdict.crashed, "issues": issues})
}

fn from_record(value: &Value) -> Verdict {
    let issues = value["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|issue| {
            (
                issue[0].as_u64().unwrap_or(0) as usize,
                issue[1].as_str().unwrap_or_default().to_owned(),
                issue[2].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    Verdict {
        valid: value["valid"].as_bool().unwrap_or(false),
        crashed: value["crashed"].as_bool().unwrap_or(false),
        issues,
    }
}

fn recorded() -> BTreeMap<String, Verdict> {
    let path = recorded_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let map: BTreeMap<String, Value> = serde_json::from_str(&text).expect("reference.json is an object");
    map.iter().map(|(id, value)| (id.clone(), from_record(value))).collect()
}

fn keys(report: &Report) -> BTreeSet<IssueKey> {
    report
        .issues
        .iter()
        .map(|i| (i.row.unwrap_or(0), i.field.as_deref().unwrap_or_default().to_owned(), i.code.as_str().to_owned()))
        .collect()
}

fn schema_path(reference: &str, base: &Path) -> PathBuf {
    match reference.strip_prefix("catalog:") {
        Some(name) => common::latest_schema_path(name),
        None => base.join(reference),
    }
}

fn load_schema(path: &Path) -> Schema {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Schema::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Tamis on a file as it is: read, then the app's check of a file as it is.
fn as_is(schema: &Path, data: &Path) -> Report {
    let bytes = std::fs::read(data).unwrap_or_else(|e| panic!("{}: {e}", data.display()));
    let name = data.file_name().and_then(|n| n.to_str()).unwrap_or("data.csv");
    match read(name, &bytes, &ReadOptions::default()) {
        Ok(sheet) => mapping::as_is(&load_schema(schema), &sheet).unwrap().report().clone(),
        // A file Tamis cannot read at all: an invalid verdict with the reader's error.
        Err(e) => Report::refused(tamis_engine::Issue::of_table(Code::SourceError, None, e.to_string()), 0),
    }
}

/// The reference's verdicts, all pairs in one Python process (Validata's 1000-error cap lifted).
fn reference(pairs: &[(&Path, &Path)]) -> Vec<Verdict> {
    common::reference_verdicts(pairs)
        .into_iter()
        .map(|verdict| {
            let errors = verdict["errors"].as_array().cloned().unwrap_or_default();
            let crashed = errors.iter().any(|e| matches!(e["code"].as_str(), Some("task-error" | "validata-crash")));
            let issues = errors
                .iter()
                .map(|e| {
                    (
                        e["row"].as_u64().unwrap_or(0) as usize,
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            Verdict { valid: verdict["valid"].as_bool().unwrap_or(false), crashed, issues }
        })
        .collect()
}

/// Case ids listed in the divergence document, with the reason's first words.
fn documented_divergences() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/VALIDATA-DIVERGENCES.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("| `")?;
            let (id, rest) = rest.split_once('`')?;
            Some((id.to_owned(), rest.trim_start_matches([' ', '|']).chars().take(60).collect()))
        })
        .collect()
}

fn project_cases() -> Vec<Case> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let manifest = base.join("cases.json");
    let entries: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display())),
    )
    .expect("cases.json is a JSON array");
    entries
        .iter()
        .map(|entry| {
            let id = entry["id"].as_str().expect("id").to_owned();
            let schema = schema_path(entry["schema"].as_str().expect("schema"), &base);
            let data = base.join(entry["file"].as_str().expect("file"));
            let report = as_is(&schema, &data);
            Case { id, schema, data, report }
        })
        .collect()
}

fn corpus_cases() -> Vec<Case> {
    CORPUS_AS_IS
        .iter()
        .map(|(schema_name, file)| {
            let schema = common::latest_schema_path(schema_name);
            let data = common::corpus(file);
            let report = as_is(&schema, &data);
            Case { id: format!("corpus:{file}"), schema, data, report }
        })
        .collect()
}

fn exported_cases(out: &Path) -> Vec<Case> {
    EXPORTED
        .iter()
        .enumerate()
        .map(|(index, (schema_name, file))| {
            let (_, report, csv) = common::run(file, &common::latest_schema(schema_name));
            let data = out.join(format!("{index}.csv"));
            std::fs::write(&data, csv).unwrap();
            Case { id: format!("exported:{file}"), schema: common::latest_schema_path(schema_name), data, report }
        })
        .collect()
}

/// The `any` date format fills missing parts from today, as dateutil does for the reference.
fn set_today() {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let today = chrono::DateTime::from_timestamp(now as i64, 0).unwrap_or_default().date_naive();
    use chrono::Datelike;
    tamis_engine::validate::set_today(today.year(), today.month(), today.day());
}

/// Compares Tamis's reports with the reference's verdicts, suite by suite; prints the agreement and
/// fails on a differing verdict, on fewer than 99 % identical issue sets, on a disagreement that
/// `docs/VALIDATA-DIVERGENCES.md` does not explain, or on one it explains that no longer happens (among
/// the cases compared: `all_cases` says whether every documented case was).
fn compare(suites: &[(&str, Vec<Case>)], verdicts: &[Verdict], all_cases: bool) {
    let mut verdicts = verdicts.iter();
    let documented = documented_divergences();
    let mut undocumented = Vec::new();
    let mut diverging = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let (mut all_compared, mut all_verdicts, mut all_issues) = (0, 0, 0);
    for (suite, cases) in suites {
        let (mut crashed, mut same_verdict, mut same_issues, mut compared) = (0, 0, 0, 0);
        for case in cases {
            ids.insert(case.id.clone());
            let verdict = verdicts.next().expect("a verdict per case");
            let ours = keys(&case.report);
            let verdict_ok = verdict.valid == case.report.valid;
            let issues_ok = ours == verdict.issues;
            if verdict.crashed {
                crashed += 1;
            } else {
                compared += 1;
                same_verdict += usize::from(verdict_ok);
                same_issues += usize::from(issues_ok);
            }
            if verdict_ok && issues_ok {
                continue;
            }
            diverging.insert(case.id.clone());
            let only_ref: Vec<_> = verdict.issues.difference(&ours).take(4).collect();
            let only_ours: Vec<_> = ours.difference(&verdict.issues).take(4).collect();
            let line = format!(
                "{}: reference {}{} ({}), Tamis {} ({}); only in reference {only_ref:?}; only in Tamis {only_ours:?}",
                case.id,
                if verdict.valid { "valid" } else { "invalid" },
                if verdict.crashed { " [crash]" } else { "" },
                verdict.issues.len(),
                if case.report.valid { "valid" } else { "invalid" },
                ours.len(),
            );
            match documented.get(&case.id) {
                Some(reason) => println!("  documented: {line}\n      reason: {reason}…"),
                None => undocumented.push(line),
            }
        }
        (all_compared, all_verdicts, all_issues) =
            (all_compared + compared, all_verdicts + same_verdict, all_issues + same_issues);
        let percent = |n: usize| if compared == 0 { 100.0 } else { 100.0 * n as f64 / compared as f64 };
        println!(
            "{suite}: {} files; the reference crashes on {crashed}; of the {compared} others, same verdict {same_verdict} \
             ({:.1} %), same (row, field, code) set {same_issues} ({:.1} %)",
            cases.len(),
            percent(same_verdict),
            percent(same_issues),
        );
    }
    let issue_share = 100.0 * all_issues as f64 / all_compared.max(1) as f64;
    println!(
        "overall, where the reference does not crash: same verdict {all_verdicts}/{all_compared}, same issues \
         {all_issues}/{all_compared} ({issue_share:.1} %)"
    );
    // Every disagreement is shown before any threshold is checked.
    for line in &undocumented {
        println!("  NOT DOCUMENTED: {line}");
    }
    assert_eq!(all_verdicts, all_compared, "the same verdict wherever the reference does not crash");
    assert!(issue_share >= 99.0, "the same issues on at least 99 % of the files: {issue_share:.1} %");
    let stale: Vec<&String> =
        documented.keys().filter(|id| (all_cases || ids.contains(*id)) && !diverging.contains(*id)).collect();
    assert!(undocumented.is_empty(), "divergences not in docs/VALIDATA-DIVERGENCES.md:\n{}", undocumented.join("\n"));
    assert!(stale.is_empty(), "listed in docs/VALIDATA-DIVERGENCES.md but agreeing now: {stale:?}");
}

/// The live tier: the reference validator itself (Python) on every file. It also checks that the
/// recorded answers of the fast tier are still the reference's, or records them anew with
/// `TAMIS_RECORD_REFERENCE=1`.
#[test]
fn tamis_and_the_reference_validator_agree() {
    set_today();
    let out = std::env::temp_dir().join(format!("tamis-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let suites = [
        ("as it is (project cases)", project_cases()),
        ("as it is (corpus examples)", corpus_cases()),
        ("exported by Tamis", exported_cases(&out)),
    ];
    let pairs: Vec<(&Path, &Path)> =
        suites.iter().flat_map(|(_, cases)| cases.iter().map(|c| (c.schema.as_path(), c.data.as_path()))).collect();
    let verdicts = reference(&pairs);
    let _ = std::fs::remove_dir_all(&out);

    // The answers on files as they are do not depend on Tamis: the fast tier replays them.
    let live: BTreeMap<String, Verdict> = suites
        .iter()
        .flat_map(|(_, cases)| cases)
        .zip(&verdicts)
        .filter(|(case, _)| !case.id.starts_with("exported:"))
        .map(|(case, verdict)| (case.id.clone(), verdict.clone()))
        .collect();
    if std::env::var_os("TAMIS_RECORD_REFERENCE").is_some() {
        let map: serde_json::Map<String, Value> = live.iter().map(|(id, v)| (id.clone(), to_record(v))).collect();
        std::fs::write(recorded_path(), serde_json::to_string_pretty(&Value::Object(map)).unwrap() + "\n").unwrap();
    } else {
        let stale: Vec<&String> = live.keys().filter(|id| recorded().get(*id) != live.get(*id)).collect();
        assert!(
            stale.is_empty() && recorded().len() == live.len(),
            "tests/cases/reference.json is not the reference's answer for {stale:?} (or lists other cases): \
             record it anew with TAMIS_RECORD_REFERENCE=1 cargo test -p tamis-engine --test engine conformance::"
        );
    }
    compare(&suites, &verdicts, true);
}

/// The fast tier: the same comparison on the files validated as they are, against the reference's
/// recorded answers (no Python, seconds). The exported files depend on Tamis's own output: only the
/// live tier checks them.
#[test]
fn tamis_agrees_with_the_recorded_reference_answers() {
    set_today();
    let recorded = recorded();
    let suites = [("as it is (project cases)", project_cases()), ("as it is (corpus examples)", corpus_cases())];
    let verdicts: Vec<Verdict> = suites
        .iter()
        .flat_map(|(_, cases)| cases)
        .map(|case| {
            recorded.get(&case.id).cloned().unwrap_or_else(|| {
                panic!("{} has no recorded answer: run the live tier with TAMIS_RECORD_REFERENCE=1", case.id)
            })
        })
        .collect();
    compare(&suites, &verdicts, false);
}
