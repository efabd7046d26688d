//! Deterministic generator of a realistic SCDL délibérations CSV, shared by the native benchmark
//! (`benches/validate.rs`) and the wasm one (`tests/bench_wasm.rs`, included with `#[path]`).
//!
//! Every field of the schema, in schema order; valid SIRETs (Luhn), ACTES nomenclature, consistent
//! votes, prefecture dates after the deliberation, a French `DELIB_OBJET` of 60 to 130 characters:
//! 100 000 rows weigh about 28 MB (about 280 bytes a row, most of it in the fixed fields). About 2 %
//! of the cells are spoiled, spread over the kinds of mistakes communes make (see [`Bad`]); the cells
//! to spoil are drawn with a seeded xorshift, so a seed gives the same bytes on every platform.
//!
//! Every spoiled cell is one Validata would report without crashing: dd/mm/yyyy dates are real dates
//! (Validata crashes on 31/02/2023), integers never have leading zeros.

// Each includer uses its own subset.
#![allow(dead_code)]

/// The délibérations fields (scdl/deliberations 2.1.5), in schema order.
pub const FIELDS: [&str; 17] = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
];

/// Share of spoiled cells, per mille (20 ‰ = 2 %).
pub const BAD_PER_MILLE: u64 = 20;

/// The kinds of spoiled cells, one per field where the schema can catch a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bad {
    /// A required cell left empty (COLL_NOM, DELIB_ID, DELIB_OBJET).
    EmptyRequired,
    /// A SIRET whose check digit is wrong, or with a letter in it.
    Siret,
    /// `15/03/2023` instead of `2023-03-15`, or an impossible ISO date.
    Date,
    /// `8,4` or `84` instead of `8.4`.
    MatiereCode,
    /// An unknown ACTES prefix, spaces around the slash, or no slash.
    Nomenclature,
    /// `2023/2023`, `2024/2023` or `23`.
    BudgetAnnee,
    /// BUDGET_ANNEE without BUDGET_NOM or the other way round.
    BudgetCohesion,
    /// PREF_DATE before DELIB_DATE.
    PrefBeforeDelib,
    /// Fewer members than voters, or a vote count that is not an integer.
    VoteEffectif,
    /// VOTE_REEL different from the sum of the votes.
    VoteSum,
    /// One vote column left empty while the others are filled.
    VoteCohesion,
    /// `www.…` without a scheme.
    Url,
}

impl Bad {
    pub const ALL: [Bad; 12] = [
        Bad::EmptyRequired,
        Bad::Siret,
        Bad::Date,
        Bad::MatiereCode,
        Bad::Nomenclature,
        Bad::BudgetAnnee,
        Bad::BudgetCohesion,
        Bad::PrefBeforeDelib,
        Bad::VoteEffectif,
        Bad::VoteSum,
        Bad::VoteCohesion,
        Bad::Url,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Bad::EmptyRequired => "empty required cell",
            Bad::Siret => "bad SIRET",
            Bad::Date => "bad date",
            Bad::MatiereCode => "bad matière code",
            Bad::Nomenclature => "bad ACTES nomenclature",
            Bad::BudgetAnnee => "bad budget year",
            Bad::BudgetCohesion => "budget year/name incoherent",
            Bad::PrefBeforeDelib => "prefecture date before deliberation",
            Bad::VoteEffectif => "bad vote count",
            Bad::VoteSum => "vote sum wrong",
            Bad::VoteCohesion => "vote cell missing",
            Bad::Url => "URL without scheme",
        }
    }
}

/// The generated file and what was put in it.
pub struct Generated {
    pub csv: Vec<u8>,
    pub rows: usize,
    /// Spoiled cells per kind, in [`Bad::ALL`] order.
    pub bad: Vec<(Bad, usize)>,
}

impl Generated {
    pub fn bad_cells(&self) -> usize {
        self.bad.iter().map(|(_, n)| n).sum()
    }
}

/// xorshift64*: small, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        (self.next() >> 11) % n.max(1)
    }

    pub fn range(&mut self, lo: u64, hi_inclusive: u64) -> u64 {
        lo + self.below(hi_inclusive - lo + 1)
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len() as u64) as usize).copied().unwrap_or("")
    }
}

/// The Luhn check digit that makes `payload` followed by it pass Luhn.
pub fn luhn_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// A valid SIRET of a commune (SIREN starting with 21 or 20, both Luhn digits right).
fn siret(rng: &mut Rng) -> String {
    let mut digits: Vec<u8> = vec![2, if rng.chance(800) { 1 } else { 0 }];
    for _ in 0..6 {
        digits.push(rng.below(10) as u8);
    }
    digits.push(luhn_digit(&digits));
    // NIC: 4 digits, then the SIRET check digit.
    digits.extend_from_slice(&[0, 0, 0, 1 + rng.below(4) as u8]);
    digits.push(luhn_digit(&digits));
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

const TOWNS: &[&str] = &[
    "Poitiers",
    "Crécy-la-Chapelle",
    "Saint-Étienne-de-Tinée",
    "Montreuil-sur-Mer",
    "L'Haÿ-les-Roses",
    "Châtellerault",
    "Évry-Courcouronnes",
    "Bourg-en-Bresse",
    "Pont-Saint-Esprit",
    "Aix-les-Bains",
    "Saint-Jean-de-Luz",
    "Lons-le-Saunier",
    "Villeneuve-d'Ascq",
    "Chalon-sur-Saône",
    "Bagnères-de-Bigorre",
    "Île-d'Yeu",
    "Béthune",
    "Quimperlé",
    "Montélimar",
    "Sées",
];

const KINDS: &[&str] = &["Commune de", "Ville de", "Mairie de", "Communauté de communes du Pays de"];

/// (code, nomenclature), from the ACTES nomenclature.
const MATIERES: &[(&str, &str)] = &[
    ("1.1", "Commande publique/Marchés publics"),
    ("1.2", "Commande publique/Délégation de service public"),
    ("1.4", "Commande publique/Autres types de contrats"),
    ("2.1", "Urbanisme/Documents d'urbanisme"),
    ("2.2", "Urbanisme/Actes relatifs au droit d'occupation ou d'utilisation des sols"),
    ("3.1", "Domaine et patrimoine/Acquisitions"),
    ("3.2", "Domaine et patrimoine/Aliénations"),
    ("3.3", "Domaine et patrimoine/Locations"),
    ("3.5", "Domaine et patrimoine/Actes de gestion du domaine public"),
    ("4.1", "Fonction publique/Personnels titulaires et stagiaires de la F.P.T."),
    ("4.2", "Fonction publique/Personnels contractuels"),
    ("5.2", "Institutions et vie politique/Fonctionnement des assemblées"),
    ("5.3", "Institutions et vie politique/Désignation de représentants"),
    ("5.7", "Institutions et vie politique/Intercommunalité"),
    ("6.1", "Libertés publiques et pouvoirs de police/Police municipale"),
    ("7.1", "Finances locales/Décisions budgétaires"),
    ("7.2", "Finances locales/Fiscalité"),
    ("7.5", "Finances locales/Subventions"),
    ("7.10", "Finances locales/Divers"),
    ("8.1", "Domaines de compétences par thèmes/Enseignement"),
    ("8.3", "Domaines de compétences par thèmes/Voirie"),
    ("8.4", "Domaines de compétences par thèmes/Aménagement du territoire"),
    ("8.8", "Domaines de compétences par thèmes/Environnement"),
    ("8.9", "Domaines de compétences par thèmes/Culture"),
    ("9.1", "Autres domaines de compétences/Autres domaines de compétences des communes"),
];

const OBJET_START: &[&str] = &[
    "Convention de partenariat pour",
    "Subvention exceptionnelle pour",
    "Marché de travaux pour",
    "Acquisition d'une parcelle pour",
    "Création d'un poste pour",
    "Décision modificative n° 2 :",
    "Désignation des délégués pour",
    "Tarifs municipaux 2024 :",
    "Demande de subvention DETR pour",
    "Groupement de commandes pour",
];

const OBJET_TOPIC: &[&str] = &[
    "la rénovation de l'école Jules-Ferry",
    "l'aménagement de la place de la Mairie",
    "les Journées européennes du patrimoine",
    "la réfection de la voirie communale",
    "la maison de santé du centre-bourg",
    "l'accueil de loisirs, été 2024",
    "l'accessibilité des bâtiments communaux",
    "la restauration scolaire",
    "la restauration de l'église Saint-Martin",
    "la vidéoprotection",
    "l'assainissement rue des Écoles",
    "le fleurissement de la commune",
];

const OBJET_END: &[&str] = &[
    " ; autorisation de signature donnée au maire",
    ", selon le plan de financement annexé",
    " (commission « Finances et personnel »)",
    ", le \"comité de pilotage\" ayant rendu un avis favorable",
];

const BUDGETS: &[&str] = &[
    "Budget principal",
    "Budget annexe assainissement",
    "Budget annexe eau potable",
    "Budget annexe déchets-collecte et traitement",
    "Budget annexe lotissement Les Vignes",
];

/// Writes one CSV cell, quoted when it holds a comma, a quote or a line break.
fn cell(out: &mut Vec<u8>, value: &str) {
    if value.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in value.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(value.as_bytes());
    }
}

/// A date as days since 2015-01-01, within 2015–2024, written ISO or dd/mm/yyyy.
#[derive(Clone, Copy)]
struct Day {
    y: u32,
    m: u32,
    d: u32,
}

fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    fn random(rng: &mut Rng) -> Day {
        let y = rng.range(2015, 2024) as u32;
        let m = rng.range(1, 12) as u32;
        let d = rng.range(1, u64::from(days_in(y, m))) as u32;
        Day { y, m, d }
    }

    fn plus(self, days: u32) -> Day {
        let mut day = self;
        for _ in 0..days {
            day.d += 1;
            if day.d > days_in(day.y, day.m) {
                day.d = 1;
                day.m += 1;
                if day.m > 12 {
                    day.m = 1;
                    day.y += 1;
                }
            }
        }
        day
    }

    fn minus(self, days: u32) -> Day {
        let mut day = self;
        for _ in 0..days {
            if day.d > 1 {
                day.d -= 1;
            } else {
                if day.m > 1 {
                    day.m -= 1;
                } else {
                    day.m = 12;
                    day.y -= 1;
                }
                day.d = days_in(day.y, day.m);
            }
        }
        day
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn french(self) -> String {
        format!("{:02}/{:02}/{:04}", self.d, self.m, self.y)
    }
}

struct Collectivite {
    nom: String,
    siret: String,
    site: String,
}

/// The bad kinds a field can be spoiled with (its index in [`FIELDS`]).
fn bad_kinds(field: usize) -> &'static [Bad] {
    match field {
        0 | 2 | 6 => &[Bad::EmptyRequired],
        1 => &[Bad::Siret],
        3 => &[Bad::Date, Bad::EmptyRequired],
        4 => &[Bad::MatiereCode],
        5 => &[Bad::Nomenclature],
        7 => &[Bad::BudgetAnnee],
        8 => &[Bad::BudgetCohesion],
        10 => &[Bad::PrefBeforeDelib, Bad::Date],
        11 => &[Bad::VoteEffectif],
        12 | 15 => &[Bad::VoteSum],
        13 | 14 => &[Bad::VoteCohesion],
        16 => &[Bad::Url],
        _ => &[],
    }
}

/// `rows` data rows of délibérations, from `seed`, with [`BAD_PER_MILLE`] spoiled cells.
pub fn deliberations_csv(rows: usize, seed: u64) -> Generated {
    deliberations_csv_spoiled(rows, seed, BAD_PER_MILLE)
}

/// `rows` data rows of délibérations, from `seed`, with about `bad_per_mille` ‰ of the cells spoiled.
pub fn deliberations_csv_spoiled(rows: usize, seed: u64, bad_per_mille: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let collectivites: Vec<Collectivite> = (0..40)
        .map(|i| {
            let town = TOWNS.get(i % TOWNS.len()).copied().unwrap_or("Poitiers");
            let kind = KINDS.get((i / TOWNS.len()) % KINDS.len()).copied().unwrap_or("Commune de");
            let slug: String = town
                .chars()
                .map(|c| match c {
                    'é' | 'è' | 'É' => 'e',
                    'â' => 'a',
                    'ÿ' => 'y',
                    'Î' => 'i',
                    '\'' | ' ' => '-',
                    c => c.to_ascii_lowercase(),
                })
                .collect();
            Collectivite { nom: format!("{kind} {town}"), siret: siret(&mut rng), site: format!("www.{slug}.fr") }
        })
        .collect();

    let mut counts = [0usize; Bad::ALL.len()];
    let mut out = Vec::with_capacity(rows * 260 + 512);
    for (i, name) in FIELDS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(name.as_bytes());
    }
    out.extend_from_slice(b"\r\n");

    let mut values: Vec<String> = vec![String::new(); FIELDS.len()];
    for row in 0..rows {
        let coll = collectivites.get(rng.below(collectivites.len() as u64) as usize);
        let Some(coll) = coll else { break };
        let delib = Day::random(&mut rng);
        let (code, nom) = MATIERES.get(rng.below(MATIERES.len() as u64) as usize).copied().unwrap_or(("7.1", ""));
        let mut objet = String::with_capacity(120);
        objet.push_str(rng.pick(OBJET_START));
        objet.push(' ');
        objet.push_str(rng.pick(OBJET_TOPIC));
        if rng.chance(150) {
            objet.push_str(rng.pick(OBJET_END));
        }
        let budget = code.starts_with("7.") || rng.chance(100);
        let (annee, budget_nom) = if budget {
            let annee = if rng.chance(300) { format!("{}/{}", delib.y, delib.y + 1) } else { delib.y.to_string() };
            (annee, rng.pick(BUDGETS).to_owned())
        } else {
            (String::new(), String::new())
        };
        let pref = rng.chance(850);
        let (pref_id, pref_date) = if pref {
            (format!("PREF{:03}", rng.range(1, 976)), delib.plus(rng.range(0, 20) as u32).iso())
        } else {
            (String::new(), String::new())
        };
        let votes = rng.chance(900);
        let mut vote: [String; 5] = Default::default();
        if votes {
            let effectif = rng.range(11, 69);
            let reel = effectif - rng.below(effectif / 4 + 1);
            let contre = rng.below(reel / 5 + 1);
            let abstention = rng.below((reel - contre) / 6 + 1);
            let pour = reel - contre - abstention;
            vote = [effectif, reel, pour, contre, abstention].map(|v| v.to_string());
        }
        let [effectif, reel, pour, contre, abstention] = vote;
        let year = delib.y;
        let delib_id = format!("DEL{year}_{:04}", row % 9973 + 1);
        let url = format!("https://{}/delib/{delib_id}.pdf", coll.site);
        values.clear();
        values.extend([
            coll.nom.clone(),
            coll.siret.clone(),
            delib_id,
            delib.iso(),
            code.to_owned(),
            nom.to_owned(),
            objet,
            annee,
            budget_nom,
            pref_id,
            pref_date,
            effectif,
            reel,
            pour,
            contre,
            abstention,
            url,
        ]);

        for field in 0..FIELDS.len() {
            let kinds = bad_kinds(field);
            // 16 of the 17 fields can be spoiled (PREF_ID has no rule): scale so ~2 % of all cells are.
            if kinds.is_empty() || !rng.chance(bad_per_mille * FIELDS.len() as u64 / 16) {
                continue;
            }
            let kind = kinds.get(rng.below(kinds.len() as u64) as usize).copied().unwrap_or(Bad::EmptyRequired);
            if spoil(&mut values, field, kind, delib, &mut rng) {
                if let Some(n) = Bad::ALL.iter().position(|b| *b == kind).and_then(|k| counts.get_mut(k)) {
                    *n += 1;
                }
            }
        }

        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            cell(&mut out, value);
        }
        out.extend_from_slice(b"\r\n");
    }
    Generated { csv: out, rows, bad: Bad::ALL.iter().copied().zip(counts).collect() }
}

/// Spoils `values[field]` (or a partner cell) with a mistake of `kind`. False when the row does not
/// lend itself to it (e.g. a vote mistake in a row without votes).
fn spoil(values: &mut [String], field: usize, kind: Bad, delib: Day, rng: &mut Rng) -> bool {
    let int = |values: &[String], i: usize| values.get(i).and_then(|v| v.parse::<u64>().ok());
    let has_votes = int(values, 11).is_some() && int(values, 12).is_some();
    let new = match kind {
        Bad::EmptyRequired => String::new(),
        Bad::Siret => {
            let Some(siret) = values.get(field) else { return false };
            let mut digits: Vec<u8> = siret.bytes().collect();
            if rng.chance(200) {
                if let Some(d) = digits.get_mut(3) {
                    *d = b'O';
                }
            } else if let Some(last) = digits.last_mut() {
                *last = b'0' + (*last - b'0' + 1 + rng.below(8) as u8) % 10;
            }
            String::from_utf8(digits).unwrap_or_default()
        }
        Bad::Date => {
            if field == 10 && values.get(10).is_none_or(String::is_empty) {
                return false;
            }
            let day = if field == 10 { delib.plus(3) } else { delib };
            match rng.below(4) {
                0 => format!("{:04}-02-30", day.y),
                _ => day.french(),
            }
        }
        Bad::MatiereCode => {
            let code = values.get(field).cloned().unwrap_or_default();
            if rng.chance(500) {
                code.replace('.', ",")
            } else {
                code.replace('.', "")
            }
        }
        Bad::Nomenclature => {
            let nom = values.get(field).cloned().unwrap_or_default();
            match rng.below(3) {
                0 => nom.replacen('/', " / ", 1),
                1 => nom.split_once('/').map(|(_, rest)| format!("Budget/{rest}")).unwrap_or_default(),
                _ => nom.replacen('/', " - ", 1),
            }
        }
        Bad::BudgetAnnee => {
            let y = delib.y;
            match rng.below(3) {
                0 => format!("{y}/{y}"),
                1 => format!("{}/{y}", y + 1),
                _ => format!("{:02}", y % 100),
            }
        }
        Bad::BudgetCohesion => {
            if values.get(7).is_some_and(|v| !v.is_empty()) {
                String::new()
            } else {
                "Budget principal".to_owned()
            }
        }
        Bad::PrefBeforeDelib => {
            if values.get(10).is_none_or(String::is_empty) {
                return false;
            }
            delib.minus(rng.range(1, 30) as u32).iso()
        }
        Bad::VoteEffectif => {
            let Some(reel) = int(values, 12).filter(|_| has_votes) else { return false };
            if rng.chance(300) {
                format!("{reel}.0")
            } else {
                (reel.saturating_sub(rng.range(1, 5))).to_string()
            }
        }
        Bad::VoteSum => {
            let Some(v) = int(values, field).filter(|_| has_votes) else { return false };
            if field == 12 {
                // VOTE_REEL lowered: still >= each vote, but no longer their sum.
                let max = [13, 14, 15].iter().filter_map(|&i| int(values, i)).max().unwrap_or(0);
                if v <= max {
                    (v + 1).to_string()
                } else {
                    (v - 1).to_string()
                }
            } else {
                (v + 1).to_string()
            }
        }
        Bad::VoteCohesion => {
            if !has_votes {
                return false;
            }
            String::new()
        }
        Bad::Url => values.get(field).map(|u| u.trim_start_matches("https://").to_owned()).unwrap_or_default(),
    };
    match values.get_mut(field) {
        Some(slot) if *slot != new => {
            *slot = new;
            true
        }
        _ => false,
    }
}
