//! Tamis's verdict against the reference validator's, on the file Tamis exports.
//!
//! For each (schema, corpus file) pair: Tamis reads, maps by name and validates; the CSV it would
//! download goes to `validata-ref` (../shared/tools, installed from PyPI on first use); the verdicts and
//! the sets of (row, field, code) must be equal. Row numbers are those of the exported file in both.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

const CASES: &[(&str, &str)] = &[
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

type IssueKey = (usize, String, String);

fn reference(schema: &std::path::Path, data: &std::path::Path) -> (bool, BTreeSet<IssueKey>) {
    let tool = common::shared().join("tools/validata-ref/validata-ref");
    let output = Command::new(&tool)
        .arg(schema)
        .arg(data)
        // Validata stops at 1000 errors; the comparison wants them all.
        .args(["--limit-errors", "1000000"])
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", tool.display()));
    let verdict: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("validata-ref said {e}: {}", String::from_utf8_lossy(&output.stderr)));
    let issues = verdict["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["row"].as_u64().unwrap_or(0) as usize,
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (verdict["valid"].as_bool().unwrap_or(false), issues)
}

#[test]
fn exported_files_get_the_reference_validators_verdict() {
    let out = std::env::temp_dir().join(format!("tamis-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let mut disagreements = Vec::new();
    for (index, (schema_name, file)) in CASES.iter().enumerate() {
        let schema = common::latest_schema(schema_name);
        let (_, report, csv) = common::run(file, &schema);
        let exported = out.join(format!("{index}.csv"));
        std::fs::write(&exported, csv).unwrap();
        let schema_path = common::latest_schema_path(schema_name);
        let (valid, expected) = reference(&schema_path, &exported);
        let ours: BTreeSet<IssueKey> = report
            .issues
            .iter()
            .map(|i| (i.row.unwrap_or(0), i.field.clone().unwrap_or_default(), i.code.to_owned()))
            .collect();
        let verdict_ok = valid == report.valid;
        println!(
            "{file} as {schema_name}: Tamis {} ({} issues), validata-ref {} ({} issues){}",
            if report.valid { "valid" } else { "invalid" },
            ours.len(),
            if valid { "valid" } else { "invalid" },
            expected.len(),
            if verdict_ok && ours == expected { "" } else { "  << DIFFERENT" }
        );
        if !verdict_ok || ours != expected {
            let missing: Vec<_> = expected.difference(&ours).take(5).collect();
            let extra: Vec<_> = ours.difference(&expected).take(5).collect();
            disagreements.push(format!("{file}: only in validata-ref {missing:?}; only in Tamis {extra:?}"));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    println!("agreement: {}/{} files", CASES.len() - disagreements.len(), CASES.len());
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
