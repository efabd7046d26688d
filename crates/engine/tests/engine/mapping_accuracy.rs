//! Mapping accuracy benchmark (issue #5): top-1 accuracy of `suggest_mapping` on labelled corpus files
//! (`mapping/labels.json`, read from ../shared/corpus at run time) and on sheets generated here with
//! realistic header variants. Prints the figures; asserts a floor measured on this set minus a margin,
//! and that no suggestion is confidently wrong (High or Medium on a wrong column).
//!
//! `cargo test -p tamis-engine --test engine mapping_accuracy:: -- --nocapture`

// Helpers outside #[test] functions unwrap and index too: a test that cannot read its data should fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::common;

use serde_json::Value;
use std::collections::BTreeMap;
use tamis_engine::suggest::{suggest_mapping, suggest_schema, Confidence, FieldSuggestion};
use tamis_engine::{read, ReadOptions, Schema, Sheet};

/// What a field accepts: any of these columns (`None`: no column).
type Truth = Vec<Option<String>>;

struct Case {
    name: String,
    schema: String,
    sheet: Sheet,
    truth: BTreeMap<String, Truth>,
}

#[derive(Default)]
struct Tally {
    fields: usize,
    right: usize,
    high: usize,
    high_right: usize,
    medium: usize,
    medium_right: usize,
    /// Fields whose truth is a column, and how many of them got it.
    mapped: usize,
    mapped_right: usize,
    confident_wrong: Vec<String>,
}

fn corpus_cases() -> Vec<Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mapping/labels.json");
    let labels: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut cases = Vec::new();
    for entry in labels["files"].as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let bytes = std::fs::read(common::corpus(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let sheet = read(file, &bytes, &ReadOptions::default()).unwrap();
        let mut truth = BTreeMap::new();
        for (field, expected) in entry["expected"].as_object().unwrap() {
            let options: Truth = match expected {
                Value::Array(items) => items.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
                other => vec![other.as_str().map(str::to_owned)],
            };
            for column in options.iter().flatten() {
                assert!(sheet.headers.contains(column), "{file}: no column {column:?} in {:?}", sheet.headers);
            }
            truth.insert(field.clone(), options);
        }
        cases.push(Case { name: file.to_owned(), schema: entry["schema"].as_str().unwrap().to_owned(), sheet, truth });
    }
    cases
}

/// Scores one case; fields absent from the truth expect no column.
fn evaluate(case: &Case, schema: &Schema, tally: &mut Tally) -> (usize, usize) {
    for field in case.truth.keys() {
        assert!(schema.field(field).is_some(), "{}: {field} is not a field of {}", case.name, case.schema);
    }
    let suggestions = suggest_mapping(schema, &case.sheet);
    assert_eq!(suggestions.len(), schema.fields.len());
    let mut used: Vec<&str> = suggestions.iter().filter_map(|s| s.column.as_deref()).collect();
    let before = used.len();
    used.sort_unstable();
    used.dedup();
    assert_eq!(used.len(), before, "{}: a column fills two fields", case.name);
    let (mut right, mut total) = (0, 0);
    for (suggestion, field) in suggestions.iter().zip(&schema.fields) {
        assert_eq!(suggestion.field, field.name);
        if let Some(column) = &suggestion.column {
            assert!(case.sheet.headers.contains(column));
        }
        let expected = case.truth.get(&field.name).cloned().unwrap_or_else(|| vec![None]);
        let ok = expected.contains(&suggestion.column);
        total += 1;
        right += usize::from(ok);
        if !expected.contains(&None) {
            tally.mapped += 1;
            tally.mapped_right += usize::from(ok);
        }
        match suggestion.confidence {
            Confidence::High => {
                tally.high += 1;
                tally.high_right += usize::from(ok);
            }
            Confidence::Medium => {
                tally.medium += 1;
                tally.medium_right += usize::from(ok);
            }
            Confidence::Low => {}
        }
        if !ok {
            let line = describe(&case.name, suggestion, &expected);
            if suggestion.confidence >= Confidence::Medium && suggestion.column.is_some() {
                tally.confident_wrong.push(line);
            } else if std::env::var_os("MAPPING_VERBOSE").is_some() {
                println!("    miss (low): {line}");
            }
        }
    }
    tally.fields += total;
    tally.right += right;
    (right, total)
}

fn describe(case: &str, s: &FieldSuggestion, expected: &Truth) -> String {
    format!(
        "{case}: {} ← {:?} ({:?}, {:.2}, « {} »), expected {:?}",
        s.field, s.column, s.confidence, s.score, s.reason, expected
    )
}

#[test]
fn mapping_accuracy() {
    let mut schemas: BTreeMap<String, Schema> = BTreeMap::new();
    let mut load = |name: &str| schemas.entry(name.to_owned()).or_insert_with(|| common::latest_schema(name)).clone();
    let mut corpus = Tally::default();
    println!("\n== Corpus files (labelled) ==");
    for case in corpus_cases() {
        let schema = load(&case.schema);
        let (right, total) = evaluate(&case, &schema, &mut corpus);
        println!("  {:>3}/{:<3} {:5.1} %  {}", right, total, 100.0 * right as f32 / total as f32, case.name);
    }
    let mut generated = Tally::default();
    println!("\n== Generated sheets ==");
    let mut per_schema: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for case in generated_cases() {
        let schema = load(&case.schema);
        let (right, total) = evaluate(&case, &schema, &mut generated);
        let entry = per_schema.entry(case.schema.clone()).or_default();
        entry.0 += right;
        entry.1 += total;
    }
    for (schema, (right, total)) in &per_schema {
        println!("  {:>4}/{:<4} {:5.1} %  {schema}", right, total, 100.0 * *right as f32 / *total as f32);
    }
    for (label, t) in [("corpus", &corpus), ("generated", &generated)] {
        println!(
            "\n{label}: top-1 {}/{} = {:.1} % of fields right; High {} ({} right), Medium {} ({} right)",
            t.right,
            t.fields,
            100.0 * t.right as f32 / t.fields as f32,
            t.high,
            t.high_right,
            t.medium,
            t.medium_right
        );
        println!(
            "{label}: fields that have a column: {}/{} = {:.1} % get it",
            t.mapped_right,
            t.mapped,
            100.0 * t.mapped_right as f32 / t.mapped as f32
        );
        println!("{label}: confident wrong suggestions: {}", t.confident_wrong.len());
        for line in &t.confident_wrong {
            println!("    {line}");
        }
    }
    let corpus_accuracy = corpus.right as f32 / corpus.fields as f32;
    let generated_accuracy = generated.right as f32 / generated.fields as f32;
    assert!(corpus_accuracy >= FLOOR_CORPUS, "corpus accuracy fell to {corpus_accuracy}");
    assert!(generated_accuracy >= FLOOR_GENERATED, "generated accuracy fell to {generated_accuracy}");
    assert!(corpus.confident_wrong.is_empty() && generated.confident_wrong.is_empty(), "confident wrong suggestions");
}

/// Measured accuracy minus a margin (see the printed figures).
const FLOOR_CORPUS: f32 = 0.95; // measured 0.988 (489/495)
const FLOOR_GENERATED: f32 = 0.94; // measured 0.980 (964/984)

#[test]
fn schema_suggestion_on_corpus_files() {
    let names = [
        "scdl/subventions",
        "scdl/deliberations",
        "scdl/budget",
        "scdl/equipements",
        "scdl/prenoms",
        "scdl/catalogue",
        "scdl/menus-collectifs",
    ];
    let schemas: Vec<Schema> = names.iter().map(|n| common::latest_schema(n)).collect();
    let catalog: Vec<(&str, &Schema)> = names.iter().copied().zip(schemas.iter()).collect();
    let (mut right, mut total) = (0, 0);
    println!();
    for case in corpus_cases().into_iter().filter(|c| names.contains(&c.schema.as_str())) {
        let ranked = suggest_schema(&catalog, &case.sheet);
        let top = ranked.first().map(|(n, _)| n.as_str()).unwrap_or("");
        total += 1;
        right += usize::from(top == case.schema);
        let marker = if top == case.schema { "ok " } else { "MISS" };
        println!("  {marker} {} → {} ({:.2}; then {:?})", case.name, top, ranked[0].1, ranked.get(1));
    }
    println!("schema suggestion: {right}/{total} files with the right schema first");
    assert!(right as f32 / total as f32 >= SCHEMA_FLOOR);
}

const SCHEMA_FLOOR: f32 = 0.9; // measured 25/25

// ---------------------------------------------------------------------------------------------------
// Generated sheets: realistic header variants and values, truth known.
// ---------------------------------------------------------------------------------------------------

/// A tiny deterministic generator (no dependency, same sheets on every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn luhn_digit(body: &str) -> u32 {
    // The digit that makes body + digit pass Luhn.
    (0..10)
        .find(|d| {
            let s = format!("{body}{d}");
            let sum: u32 = s
                .bytes()
                .rev()
                .enumerate()
                .map(|(i, b)| {
                    let d = u32::from(b - b'0');
                    if i % 2 == 1 {
                        if d * 2 > 9 {
                            d * 2 - 9
                        } else {
                            d * 2
                        }
                    } else {
                        d
                    }
                })
                .sum();
            sum.is_multiple_of(10)
        })
        .unwrap()
}

fn siret(rng: &mut Rng) -> String {
    let siren_body = format!("{:08}", 10_000_000 + rng.below(89_999_999));
    let siren = format!("{siren_body}{}", luhn_digit(&siren_body));
    let body = format!("{siren}{:04}", rng.below(9999));
    format!("{body}{}", luhn_digit(&body))
}

/// A value generator for a field of a generated sheet.
#[derive(Clone, Copy)]
enum Gen {
    Const(&'static str),
    ConstSiret,
    Siret,
    Date(&'static str),
    Amount,
    Words(&'static [&'static str]),
    Name,
    Int(usize),
    Year,
    Oui,
    Email,
    Url,
    Lat,
    Lon,
    Insee,
    Postcode,
    Phone,
}

fn value(gen: Gen, rng: &mut Rng, constant_siret: &str) -> String {
    let (d, m, y) = (1 + rng.below(28), 1 + rng.below(12), 2015 + rng.below(9));
    match gen {
        Gen::Const(s) => s.to_owned(),
        Gen::ConstSiret => constant_siret.to_owned(),
        Gen::Siret => siret(rng),
        Gen::Date(fmt) => match fmt {
            "iso" => format!("{y}-{m:02}-{d:02}"),
            "fr" => format!("{d:02}/{m:02}/{y}"),
            "dot" => format!("{d:02}.{m:02}.{y}"),
            "serial" => format!("{}", 42000 + rng.below(3000)),
            _ => format!("{y}/{m:02}/{d:02}"),
        },
        Gen::Amount => match rng.below(3) {
            0 => format!("{} {:03},00", 1 + rng.below(90), rng.below(1000)),
            1 => format!("{}", 100 + rng.below(90000)),
            _ => format!("{}.0", 100 + rng.below(90000)),
        },
        Gen::Words(items) => items[rng.below(items.len())].to_owned(),
        Gen::Name => format!(
            "{} {}",
            rng.pick(&["Association", "Club", "Comité", "Amicale", "Union", "Foyer"]),
            rng.pick(&[
                "des Fêtes",
                "Sportive",
                "du Patrimoine",
                "Culturelle",
                "des Aînés",
                "de Pétanque",
                "Musicale",
                "Théâtre"
            ])
        ),
        Gen::Int(max) => format!("{}", rng.below(max)),
        Gen::Year => format!("{y}"),
        Gen::Oui => rng.pick(&["oui", "non", "Non", "NON"]).to_owned(),
        Gen::Email => format!(
            "{}@{}.fr",
            rng.pick(&["contact", "mairie", "accueil"]),
            rng.pick(&["ville-a", "commune-b", "cc-c"])
        ),
        Gen::Url => format!("https://www.ville.fr/docs/{}.pdf", rng.below(9999)),
        Gen::Lat => format!("{:.6}", 43.0 + rng.below(5_000_000) as f64 / 1_000_000.0),
        Gen::Lon => format!("{:.6}", 1.0 + rng.below(5_000_000) as f64 / 1_000_000.0),
        Gen::Insee => format!("{:05}", 1001 + rng.below(94000)),
        Gen::Postcode => format!("{:02}{:03}", 1 + rng.below(95), rng.below(100) * 10),
        Gen::Phone => format!(
            "0{} {:02} {:02} {:02} {:02}",
            1 + rng.below(5),
            rng.below(99),
            rng.below(99),
            rng.below(99),
            rng.below(99)
        ),
    }
}

/// One field of a generated schema: its header variants (one picked per sheet) and its values.
struct Spec {
    field: &'static str,
    variants: &'static [&'static str],
    gen: Gen,
}

const OBJETS: &[&str] = &[
    "Subvention de fonctionnement",
    "Organisation du festival d'été",
    "Aide au démarrage",
    "Soutien aux activités sportives des jeunes",
    "Achat de matériel",
];

fn subventions_specs() -> Vec<Spec> {
    vec![
        Spec {
            field: "nomAttribuant",
            variants: &["NOM_ATTRIBUANT", "Nom attribuant", "Collectivité", "nom de l'attribuant", "Attribuant"],
            gen: Gen::Const("Commune de Saint-Martin"),
        },
        Spec {
            field: "idAttribuant",
            variants: &[
                "SIRET attribuant",
                "ID_ATTRIBUANT",
                "Siret collectivite",
                "id attribuant",
                "SIRET de l'attribuant",
            ],
            gen: Gen::ConstSiret,
        },
        Spec {
            field: "dateConvention",
            variants: &[
                "Date convention",
                "DATE_CONVENTION",
                "date de la convention",
                "Date signature convention",
                "Dt convention",
            ],
            gen: Gen::Date("fr"),
        },
        Spec {
            field: "referenceDecision",
            variants: &[
                "Référence décision",
                "REF_DECISION",
                "Ref. délibération",
                "reference de la decision",
                "N° délibération",
            ],
            gen: Gen::Words(&["DCM-2023-12", "D2022/045", "CM 2021-07", "DEL-2024-3"]),
        },
        Spec {
            field: "nomBeneficiaire",
            variants: &["Bénéficiaire", "NOM_BENEFICIAIRE", "Nom du bénéficiaire", "Association", "beneficiaire nom"],
            gen: Gen::Name,
        },
        Spec {
            field: "idBeneficiaire",
            variants: &["SIRET bénéficiaire", "SIRET", "N° SIRET", "siret_beneficiaire", "Identifiant bénéficiaire"],
            gen: Gen::Siret,
        },
        Spec {
            field: "objet",
            variants: &["Objet", "OBJET_SUBVENTION", "Objet de la subvention", "Intitulé du projet", "objet subv"],
            gen: Gen::Words(OBJETS),
        },
        Spec {
            field: "montant",
            variants: &["Montant", "MONTANT_ATTRIBUE", "Montant voté", "Montant (€)", "Mt accordé"],
            gen: Gen::Amount,
        },
        Spec {
            field: "nature",
            variants: &["Nature", "NATURE_AIDE", "Nature de l'aide", "nature subvention"],
            gen: Gen::Words(&["aide en numéraire", "Aide en numéraire", "aide en nature"]),
        },
        Spec {
            field: "conditionsVersement",
            variants: &["Conditions de versement", "MODALITES_VERSEMENT", "Versement", "cond. versement"],
            gen: Gen::Words(&["unique", "échelonné", "Unique"]),
        },
        Spec {
            field: "datesPeriodeVersement",
            variants: &["Date de versement", "DATES_VERSEMENT", "Période de versement", "date paiement"],
            gen: Gen::Date("iso"),
        },
        Spec {
            field: "notificationUE",
            variants: &[
                "Notification UE",
                "NOTIF_UE",
                "Aide notifiée à la Commission européenne",
                "notification commission europeenne",
            ],
            gen: Gen::Oui,
        },
        Spec {
            field: "pourcentageSubvention",
            variants: &["Pourcentage", "POURCENTAGE_SUBVENTION", "Taux de subvention", "% subvention"],
            gen: Gen::Words(&["1", "0.5", "0,8", "1"]),
        },
    ]
}

fn deliberations_specs() -> Vec<Spec> {
    vec![
        Spec {
            field: "COLL_NOM",
            variants: &["Collectivité", "Nom collectivité", "COLLECTIVITE", "Commune"],
            gen: Gen::Const("Commune de Bellevue"),
        },
        Spec {
            field: "COLL_SIRET",
            variants: &["SIRET", "SIRET collectivité", "siret_coll", "N° SIRET"],
            gen: Gen::ConstSiret,
        },
        Spec {
            field: "DELIB_ID",
            variants: &["N° délibération", "Numéro", "NUM_DELIB", "Identifiant", "Numéro de l'acte"],
            gen: Gen::Words(&["2023-001", "2023-002", "2023-017", "2023-045", "2023-112"]),
        },
        Spec {
            field: "DELIB_DATE",
            variants: &["Date séance", "Date du conseil", "DATE_DELIB", "Date CM", "date de la seance", "Séance du"],
            gen: Gen::Date("fr"),
        },
        Spec {
            field: "DELIB_MATIERE_NOM",
            variants: &["Matière", "Thème", "MATIERE", "Nomenclature"],
            gen: Gen::Words(&["Finances locales", "Commande publique", "Urbanisme", "Fonction publique"]),
        },
        Spec {
            field: "DELIB_OBJET",
            variants: &["Objet", "Titre", "OBJET_DELIB", "Intitulé", "Libellé de la délibération"],
            gen: Gen::Words(&[
                "Vote du budget primitif",
                "Attribution des subventions aux associations",
                "Création d'un poste",
                "Tarifs de la cantine scolaire",
                "Convention avec le SDIS",
            ]),
        },
        Spec { field: "VOTE_POUR", variants: &["Pour", "Votes pour", "NB_POUR", "Voix pour"], gen: Gen::Int(30) },
        Spec {
            field: "VOTE_CONTRE",
            variants: &["Contre", "Votes contre", "NB_CONTRE", "Voix contre"],
            gen: Gen::Int(5),
        },
        Spec {
            field: "VOTE_ABSTENTION",
            variants: &["Abstention", "Abstentions", "NB_ABST", "Abst."],
            gen: Gen::Int(4),
        },
        Spec { field: "DELIB_URL", variants: &["Lien", "URL", "Lien vers le PDF", "Document"], gen: Gen::Url },
    ]
}

fn budget_specs() -> Vec<Spec> {
    vec![
        Spec {
            field: "BGT_ANNEE",
            variants: &["Exercice", "Année", "ANNEE", "exercice budgétaire"],
            gen: Gen::Const("2024"),
        },
        Spec {
            field: "BGT_NATURE",
            variants: &["Nature", "Code nature", "NATURE", "Article nature"],
            gen: Gen::Words(&["6068", "611", "6411", "7311", "2313"]),
        },
        Spec {
            field: "BGT_NATURE_LABEL",
            variants: &["Libellé nature", "LIBELLE_NATURE", "Lib. nature"],
            gen: Gen::Words(&[
                "Autres matières et fournitures",
                "Contrats de prestations",
                "Personnel titulaire",
                "Impôts locaux",
            ]),
        },
        Spec {
            field: "BGT_FONCTION",
            variants: &["Fonction", "Code fonction", "FONCTION"],
            gen: Gen::Words(&["020", "212", "411", "822"]),
        },
        Spec {
            field: "BGT_SECTION",
            variants: &["Section", "I_F", "SECTION", "Invest./Fonct."],
            gen: Gen::Words(&["fonctionnement", "investissement", "Fonctionnement"]),
        },
        Spec {
            field: "BGT_CODRD",
            variants: &["Dépense / Recette", "D_R", "SENS", "Dépense/Recette"],
            gen: Gen::Words(&["dépense", "recette", "Dépense"]),
        },
        Spec {
            field: "BGT_MTPREV",
            variants: &["BP", "Montant voté", "Prévu", "MONTANT_PREVU", "Crédits votés"],
            gen: Gen::Amount,
        },
    ]
}

fn equipements_specs() -> Vec<Spec> {
    vec![
        Spec {
            field: "EQUIP_NOM",
            variants: &["Nom", "Nom de l'équipement", "LIBELLE", "name", "Désignation"],
            gen: Gen::Words(&["Salle des fêtes", "Gymnase municipal", "Médiathèque", "Mairie", "Stade Jean Moulin"]),
        },
        Spec {
            field: "EQUIP_TYPE",
            variants: &["Type", "Type d'équipement", "TYPE_EQUIP", "Catégorie d'équipement"],
            gen: Gen::Words(&["Salle", "Gymnase", "Bibliothèque", "Mairie"]),
        },
        Spec { field: "ADR_NUMERO", variants: &["N°", "Numéro", "NUM_VOIE", "numero de voie"], gen: Gen::Int(120) },
        Spec {
            field: "ADR_NOMVOIE",
            variants: &["Rue", "Voie", "NOM_VOIE", "Adresse"],
            gen: Gen::Words(&["Rue de la République", "Avenue Jean Jaurès", "Place de la Mairie", "Chemin des Vignes"]),
        },
        Spec {
            field: "ADR_CODEPOSTAL",
            variants: &["Code postal", "CP", "CODE_POSTAL", "code_post"],
            gen: Gen::Postcode,
        },
        Spec {
            field: "ADR_COMMUNE",
            variants: &["Commune", "Ville", "COMMUNE", "nom commune"],
            gen: Gen::Words(&["Bellevue", "Saint-Martin", "Montagnac"]),
        },
        Spec { field: "EQUIP_LAT", variants: &["Latitude", "lat", "LATITUDE", "Y", "coord_y"], gen: Gen::Lat },
        Spec { field: "EQUIP_LONG", variants: &["Longitude", "long", "LONGITUDE", "X", "lng"], gen: Gen::Lon },
        Spec {
            field: "EQUIP_TEL",
            variants: &["Téléphone", "Tél.", "TEL", "phone", "Numéro de téléphone"],
            gen: Gen::Phone,
        },
        Spec {
            field: "EQUIP_EMAIL",
            variants: &["Email", "Courriel", "MAIL", "Adresse électronique"],
            gen: Gen::Email,
        },
        Spec {
            field: "EQUIP_OUVERTURE",
            variants: &["Horaires", "Horaires d'ouverture", "HORAIRES", "opening hours"],
            gen: Gen::Words(&["Mo-Fr 08:30-12:00", "Tu-Sa 09:00-18:00", "Mo-Su 07:00-22:00"]),
        },
    ]
}

fn prenoms_specs() -> Vec<Spec> {
    vec![
        Spec {
            field: "COMMUNE_NOM",
            variants: &["Commune", "Ville", "NOM_COMMUNE", "commune d'enregistrement"],
            gen: Gen::Const("Bellevue"),
        },
        Spec { field: "COLL_INSEE", variants: &["Code INSEE", "INSEE", "code commune", "COG"], gen: Gen::Insee },
        Spec {
            field: "ENFANT_SEXE",
            variants: &["Sexe", "SEXE", "Genre", "sexe enfant"],
            gen: Gen::Words(&["M", "F"]),
        },
        Spec {
            field: "ENFANT_PRENOM",
            variants: &["Prénom", "PRENOM", "prenom enfant", "Prénoms"],
            gen: Gen::Words(&["Emma", "Lucas", "Léa", "Gabriel", "Louise", "Jade"]),
        },
        Spec {
            field: "NOMBRE_OCCURRENCES",
            variants: &["Nombre", "NB", "Effectif", "nombre de naissances", "Occurrences"],
            gen: Gen::Int(40),
        },
        Spec { field: "ANNEE", variants: &["Année", "ANNEE", "Année de naissance", "annee"], gen: Gen::Year },
    ]
}

/// Columns a real export carries beside the schema's, to tempt the matcher.
const DISTRACTORS: &[(&str, Gen)] = &[
    ("Commentaire", Gen::Words(&["", "à revoir", "ok"])),
    ("Service instructeur", Gen::Words(&["Culture", "Sport", "Jeunesse"])),
    ("Date de saisie", Gen::Date("iso")),
    ("Montant demandé", Gen::Amount),
    ("Code interne", Gen::Int(9999)),
    ("Observations", Gen::Words(&["", "RAS"])),
];

/// The header specs of a schema family.
type SpecsFn = fn() -> Vec<Spec>;

fn generated_cases() -> Vec<Case> {
    let mut rng = Rng(20_240_515);
    let families: [(&str, SpecsFn); 5] = [
        ("scdl/subventions", subventions_specs),
        ("scdl/deliberations", deliberations_specs),
        ("scdl/budget", budget_specs),
        ("scdl/equipements", equipements_specs),
        ("scdl/prenoms", prenoms_specs),
    ];
    let mut cases = Vec::new();
    for (schema, specs) in families {
        for n in 0..12 {
            let specs = specs();
            // Each sheet: a variant per field (varied spelling: as listed, upper case, accents dropped),
            // some fields left out, one or two distractors, columns shuffled.
            let mut columns: Vec<(String, Gen, Option<&str>)> = Vec::new();
            for spec in &specs {
                if rng.below(6) == 0 {
                    continue;
                }
                let variant = spec.variants[(n + rng.below(spec.variants.len())) % spec.variants.len()];
                let header = match rng.below(4) {
                    0 => variant.to_uppercase(),
                    1 => strip_accents(variant),
                    _ => variant.to_owned(),
                };
                columns.push((header, spec.gen, Some(spec.field)));
            }
            for _ in 0..1 + rng.below(2) {
                let (label, gen) = DISTRACTORS[rng.below(DISTRACTORS.len())];
                if !columns.iter().any(|(h, _, _)| h == label) {
                    columns.push((label.to_owned(), gen, None));
                }
            }
            for i in (1..columns.len()).rev() {
                let j = rng.below(i + 1);
                columns.swap(i, j);
            }
            // A header repeated by two variants would be renamed by the reader: keep the first.
            let mut seen = Vec::new();
            columns.retain(|(h, _, _)| {
                let key = h.to_lowercase();
                let fresh = !seen.contains(&key);
                seen.push(key);
                fresh
            });
            let constant_siret = siret(&mut rng);
            let mut csv = columns.iter().map(|(h, _, _)| h.replace(';', ",")).collect::<Vec<_>>().join(";");
            csv.push('\n');
            for _ in 0..40 {
                let row: Vec<String> =
                    columns.iter().map(|(_, gen, _)| value(*gen, &mut rng, &constant_siret)).collect();
                csv.push_str(&row.join(";"));
                csv.push('\n');
            }
            let name = format!("generated {schema} #{n}");
            let sheet = read("generated.csv", csv.as_bytes(), &ReadOptions::default()).unwrap();
            let mut truth = BTreeMap::new();
            for (header, _, field) in &columns {
                if let Some(field) = field {
                    assert!(sheet.headers.contains(header), "{name}: {header:?} not in {:?}", sheet.headers);
                    truth.insert((*field).to_owned(), vec![Some(header.clone())]);
                }
            }
            cases.push(Case { name, schema: schema.to_owned(), sheet, truth });
        }
    }
    cases
}

fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' => 'E',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}
