//! Every real file of ../shared/corpus is read as a person checked it would be (a snapshot reviewed
//! against the corpus MANIFEST), plus the readers' behaviours on fixtures the project made.

// Helpers outside #[test] functions unwrap and index too: a test that cannot read its data should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use tamis_engine::{read, ReadOptions};

/// What a person who checked the file against ../shared/corpus/MANIFEST.md has to say where Tamis does
/// not read it the way its producer meant.
const NOTES: &[(&str, &str)] = &[
    (
        "deliberations/VilleMTP_MTP_Delibs_Archives_first1000records.utf16.csv",
        "no header (right); each délibération spans 1-8 physical lines exported cell by cell, so its 1000 \
         records read as 2233 rows: joining continuation rows is not done (the user sees numbered columns)",
    ),
    (
        "prenoms/VilleMTP_MTP_Prenoms.csv",
        "two tables side by side with years as headers: read as one table, unpivoting is not done",
    ),
    (
        "subventions/VilleMTP_MTP_AttribSub_2014.ods",
        "the 24 totals rows are sub-totals of the list and its grand total (right); the sheet 'Détail Sport' has \
         no header row and is read with numbered columns when chosen",
    ),
    (
        "equipements/VilleMTP_MTP_EtabliPublic.csv",
        "DBF-typed labels (`FID_eqpt_2,N,9,0`) are kept as they are; the mapping step matches them",
    ),
    (
        "irve/schemadatagouv_bornes-IRVE-aggregation-2018_collectivites_excerpt.csv",
        "one record is shifted by a column (`2,5€` split into `2;5€`): read as it is, the validation shows it",
    ),
    (
        "subventions/importErrors_donneesessentielles2019_publiINTERNET.xls-errors.csv",
        "CP850 mojibake (`D‚partement`) is inside valid UTF-8, so it was done before this file: kept as it is",
    ),
    (
        "budget/yatotem2scdl_CFU2023_Mohon_M57.csv",
        "U+0096 is a Windows-1252 en dash decoded as Latin-1 before this file was written: flagged, kept",
    ),
];

/// One block per file: what was detected, or the French error. Reviewed by a person against the
/// MANIFEST; a change in any detection shows as a snapshot diff.
fn describe(path: &std::path::Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let relative = path.strip_prefix(common::shared().join("corpus")).unwrap_or(path).display().to_string();
    let bytes = std::fs::read(path).unwrap();
    let mut out = format!("{relative}\n");
    match read(&name, &bytes, &ReadOptions::default()) {
        Ok(sheet) => {
            let s = &sheet.source;
            out += &format!(
                "  {} · encoding {} · delimiter {:?} · sheet {:?} · header row {} · {} rows × {} columns\n",
                s.format,
                s.encoding.as_deref().unwrap_or("-"),
                s.delimiter.as_deref().unwrap_or("-"),
                s.sheet.as_deref().unwrap_or("-"),
                s.header_row,
                s.row_count,
                s.column_count
            );
            if s.sheets.len() > 1 {
                let sheets: Vec<String> =
                    s.sheets.iter().map(|x| format!("{} {}×{}", x.name, x.rows, x.columns)).collect();
                out += &format!("  sheets: {}\n", sheets.join(", "));
            }
            out += &format!("  header: {}\n", sheet.headers.join(" | "));
            if !s.totals_rows.is_empty() {
                out += &format!("  totals rows: {:?}\n", s.totals_rows);
            }
            for r in &s.renamed {
                out += &format!("  renamed column {}: {:?} → {:?}\n", r.column, r.original, r.label);
            }
            for f in &s.findings {
                out += &format!(
                    "  finding {:?} in {:?}: {} cell(s), rows {:?}, e.g. {:?}\n",
                    f.kind,
                    f.column.as_deref().unwrap_or("(file)"),
                    f.count,
                    f.rows,
                    f.example
                );
            }
        }
        Err(e) => out += &format!("  refused: {e}\n"),
    }
    if let Some((_, note)) = NOTES.iter().find(|(file, _)| *file == relative) {
        out += &format!("  note: {note}\n");
    }
    out
}

#[test]
fn every_corpus_file_is_read_as_reviewed() {
    let files = common::corpus_files();
    assert!(files.len() >= 50, "the corpus has its 50 files: found {}", files.len());
    let report: String = files.iter().map(|path| describe(path)).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("corpus", report);
}

#[test]
fn castelmaurou_is_read_as_the_manifest_describes() {
    let bytes =
        std::fs::read(common::corpus("subventions/csvdetective_subventions-commune-de-castelmaurou.csv")).unwrap();
    let sheet = read("castelmaurou.csv", &bytes, &ReadOptions::default()).unwrap();
    let s = &sheet.source;
    assert_eq!(
        (s.format.as_str(), s.encoding.as_deref(), s.delimiter.as_deref(), s.header_row, s.row_count, s.column_count),
        ("csv", Some("UTF-8"), Some(","), 1, 95, 14)
    );
}

#[test]
fn utf16_and_bom_over_windows_1252_files_are_decoded() {
    let bytes = std::fs::read(common::corpus("subventions/DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv")).unwrap();
    let sheet = read("somme.csv", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(
        (sheet.source.encoding.as_deref(), sheet.source.delimiter.as_deref()),
        (Some("windows-1252"), Some(";"))
    );
    assert_eq!(sheet.source.row_count, 41);

    let bytes =
        std::fs::read(common::corpus("menus_collectifs/validata_mini-menus-collectifs_invalide.utf-16.csv")).unwrap();
    let sheet = read("menus.csv", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(
        (sheet.source.encoding.as_deref(), sheet.source.row_count, sheet.source.column_count),
        (Some("UTF-16LE"), 1, 26)
    );
}

#[test]
fn workbooks_read_numbers_and_dates_as_people_see_them() {
    let bytes = std::fs::read(common::corpus("deliberations/VilleMTP_MTP_Delibs.xls")).unwrap();
    let sheet = read("delibs.xls", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!((sheet.source.format.as_str(), sheet.source.sheet.as_deref()), ("xls", Some("Feuil1")));
    assert_eq!((sheet.source.row_count, sheet.source.column_count), (160, 8));
    let date = sheet.headers.iter().position(|h| h == "Date CM").unwrap();
    assert_eq!(sheet.cell(0, date), "2013-11-25");
}

#[test]
fn bad_inputs_get_a_french_message() {
    let protected = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testdata/protected.xlsx")).unwrap();
    let xlsx = std::fs::read(common::corpus(
        "subventions/DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx",
    ))
    .unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("vide.csv", Vec::new(), "Le fichier est vide"),
        ("blanc.csv", b" \r\n\r\n".to_vec(), "Le fichier est vide"),
        ("rapport.csv", b"%PDF-1.7\n...".to_vec(), "Ce fichier est un document PDF, pas un tableau"),
        ("photo.xlsx", b"\x89PNG\r\n\x1a\n\0\0".to_vec(), "Ce fichier est une image PNG"),
        ("protege.xlsx", protected, "Ce classeur est protégé par un mot de passe"),
        ("tronque.xlsx", xlsx.get(..xlsx.len() / 2).unwrap().to_vec(), "Ce classeur est endommagé ou incomplet"),
        ("binaire.csv", (0..=255u8).cycle().take(4000).collect(), "Ce fichier n'est ni un texte"),
    ];
    for (name, bytes, expected) in cases {
        let message = read(name, &bytes, &ReadOptions::default()).unwrap_err().to_string();
        assert!(message.starts_with(expected), "{name}: {message}");
    }
    let huge = vec![b'a'; tamis_engine::read::MAX_BYTES + 1];
    let message = read("enorme.csv", &huge, &ReadOptions::default()).unwrap_err().to_string();
    assert!(message.starts_with("Ce fichier est trop volumineux (100 Mo)"), "{message}");
}

#[test]
fn reading_options_override_the_detection() {
    let bytes = std::fs::read(common::corpus("subventions/VilleMTP_MTP_AttribSub_2014.ods")).unwrap();
    let options = ReadOptions { sheet: Some("Détail Sport".into()), ..ReadOptions::default() };
    let sheet = read("a.ods", &bytes, &options).unwrap();
    assert_eq!(sheet.source.sheet.as_deref(), Some("Détail Sport"));
    let removed = read("a.ods", &bytes, &ReadOptions { remove_totals: true, ..ReadOptions::default() }).unwrap();
    assert_eq!((removed.source.row_count, removed.source.totals_removed), (1264 - 24, true));

    let lot =
        std::fs::read(common::corpus("subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv")).unwrap();
    let forced = ReadOptions {
        encoding: Some("UTF-8".into()),
        delimiter: Some(','),
        header_row: Some(0),
        ..ReadOptions::default()
    };
    let sheet = read("lot.csv", &lot, &forced).unwrap();
    assert_eq!(
        (sheet.source.encoding.as_deref(), sheet.source.delimiter.as_deref(), sheet.source.header_row),
        (Some("UTF-8"), Some(","), 0)
    );
    assert_eq!(sheet.headers.first().map(String::as_str), Some("Colonne 1"));
}

#[test]
fn workbook_cells_become_the_text_people_see_in_both_date_systems() {
    for file in ["cells-1900.xlsx", "cells-1904.xlsx"] {
        let path = format!("{}/tests/testdata/{file}", env!("CARGO_MANIFEST_DIR"));
        let sheet = read(file, &std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap();
        assert_eq!(
            sheet.rows.to_vecs()[0],
            ["2023-03-15", "2023-03-15T10:30:00", "10:30:00", "21860194600013", "0.1", "1308.66", "true", "#N/A"],
            "{file}"
        );
        let finding = sheet.source.findings.iter().find(|f| f.kind == tamis_engine::Anomaly::ErrorCell).unwrap();
        assert_eq!(finding.column.as_deref(), Some("erreur"), "{file}: error cells are flagged");
    }
}

#[test]
fn workbooks_that_make_the_parser_panic_or_loop_are_damaged_workbooks() {
    for file in ["crash-cfb-sector-past-eof.xls", "oom-cfb-fat-cycle.xls"] {
        let bytes = std::fs::read(format!("{}/tests/testdata/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let message = read(file, &bytes, &ReadOptions::default()).unwrap_err().to_string();
        assert!(message.starts_with("Ce classeur est endommagé ou incomplet"), "{file}: {message}");
    }
}
