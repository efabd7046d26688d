//! Every real file of ../shared/corpus is read without a panic: a sheet, or a French error message.
//! (The per-file expectations of encoding, delimiter, sheet and header row come with the readers issue.)

mod common;

use tamis_engine::{read, ReadOptions};

fn corpus_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![common::shared().join("corpus")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n != "MANIFEST.md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_file_opens_or_says_why_in_french() {
    let files = corpus_files();
    assert!(files.len() >= 50, "the corpus has its 50 files: found {}", files.len());
    for path in files {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        match read(&name, &bytes, &ReadOptions::default()) {
            Ok(sheet) => {
                assert!(sheet.source.column_count > 0, "{name}: no column");
                println!("{name}: {:?}", sheet.source);
            }
            Err(e) => println!("{name}: {e}"),
        }
    }
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
