use super::*;
use crate::read::{read, ReadOptions};

fn sheet(csv: &str) -> Sheet {
    read("t.csv", csv.as_bytes(), &ReadOptions::default()).unwrap()
}

fn schema(json: &str) -> Schema {
    Schema::from_json(json).unwrap()
}

fn deliberations() -> Schema {
    schema(
        r#"{"fields": [
        {"name": "COLL_NOM", "title": "Nom de la collectivité", "constraints": {"required": true}},
        {"name": "COLL_SIRET", "title": "Code SIRET de la collectivité", "constraints": {"required": true, "pattern": "^\\d{14}$"}},
        {"name": "DELIB_ID", "title": "Identifiant de la délibération", "constraints": {"required": true}},
        {"name": "DELIB_DATE", "type": "date", "title": "Date d'adoption de la délibération", "constraints": {"required": true}},
        {"name": "DELIB_OBJET", "title": "Objet de la délibération", "constraints": {"required": true}},
        {"name": "PREF_DATE", "type": "date", "title": "Date d'enregistrement de la délibération auprès du contrôle de légalité"},
        {"name": "VOTE_POUR", "type": "integer", "title": "Pour"}
    ]}"#,
    )
}

fn by_field<'a>(s: &'a [FieldSuggestion], field: &str) -> &'a FieldSuggestion {
    s.iter().find(|x| x.field == field).unwrap()
}

#[test]
fn montpellier_deliberations_headers() {
    let sheet = sheet(
        "Numéro de projet de délibération;Elu(s);Titre;Numéro de délibération;Date CM\n\
         1;Hélène M;Voeu de soutien;464;25/11/2013\n2;Max L;Attribution d'une aide;465;25/11/2013\n\
         3;Hélène M;Débat d'orientation;466;25/11/2013\n",
    );
    let s = suggest_mapping(&deliberations(), &sheet);
    assert_eq!(s.len(), 7);
    let date = by_field(&s, "DELIB_DATE");
    assert_eq!(date.column.as_deref(), Some("Date CM"));
    assert_eq!(date.confidence, Confidence::High, "{date:?}");
    assert!(date.reason.contains("variante connue de DELIB_DATE"), "{}", date.reason);
    assert_eq!(by_field(&s, "DELIB_OBJET").column.as_deref(), Some("Titre"));
    assert_eq!(by_field(&s, "DELIB_ID").column.as_deref(), Some("Numéro de délibération"));
    assert_eq!(by_field(&s, "COLL_SIRET").column, None);
    assert_eq!(by_field(&s, "PREF_DATE").column, None);
    assert_eq!(by_field(&s, "VOTE_POUR").column, None);
}

#[test]
fn producer_and_beneficiary_sirets_are_told_apart_by_constancy() {
    let schema = schema(
        r#"{"fields": [
        {"name": "idAttribuant", "title": "Identification de l'attribuant", "constraints": {"pattern": "^\\d{14}$"}},
        {"name": "idBeneficiaire", "title": "Identification SIRET du bénéficiaire"},
        {"name": "nomAttribuant", "title": "Nom de l'attribuant"},
        {"name": "nomBeneficiaire", "title": "Nom du bénéficiaire"}
    ]}"#,
    );
    let sheet = sheet(
        "Autorité administrative;SIRET autorité administrative;Nom attributaire;N° SIRET attributaire\n\
         Département;22790001600352;COMMUNE A;20005489800016\nDépartement;22790001600352;COMMUNE B;20006414500028\n\
         Département;22790001600352;CIVAM;38905531000038\nDépartement;22790001600352;CHAMBRE;18790003000029\n\
         Département;22790001600352;CLUB;44137080600016\n",
    );
    let s = suggest_mapping(&schema, &sheet);
    assert_eq!(by_field(&s, "nomAttribuant").column.as_deref(), Some("Autorité administrative"));
    assert_eq!(by_field(&s, "idAttribuant").column.as_deref(), Some("SIRET autorité administrative"));
    assert_eq!(by_field(&s, "nomBeneficiaire").column.as_deref(), Some("Nom attributaire"));
    assert_eq!(by_field(&s, "idBeneficiaire").column.as_deref(), Some("N° SIRET attributaire"));
    let id = by_field(&s, "idAttribuant");
    assert!(id.reason.contains("100 % des valeurs sont des SIRET valides"), "{}", id.reason);
}

#[test]
fn a_column_never_fills_two_fields_and_exact_names_win() {
    let schema = schema(
        r#"{"fields": [{"name": "montant", "type": "number"}, {"name": "montantDemande", "type": "number"}, {"name": "Montant"}]}"#,
    );
    let sheet = sheet("Montant demandé;montant\n100;80\n200;150\n");
    let s = suggest_mapping(&schema, &sheet);
    assert_eq!(s[0].column.as_deref(), Some("montant"));
    assert_eq!(s[0].confidence, Confidence::High);
    assert_eq!(s[1].column.as_deref(), Some("Montant demandé"));
    assert_eq!(s[2].column, None);
    let used: Vec<_> = s.iter().filter_map(|x| x.column.clone()).collect();
    let mut unique = used.clone();
    unique.dedup();
    assert_eq!(used, unique);
}

#[test]
fn incompatible_values_are_not_confident() {
    let schema = schema(r#"{"fields": [{"name": "VOTE_POUR", "type": "integer", "title": "Pour"}]}"#);
    let sheet = sheet("Pour\noui\nnon\noui\n");
    let s = suggest_mapping(&schema, &sheet);
    assert!(s[0].confidence < Confidence::High, "{:?}", s[0]);
    assert!(s[0].reason.contains("attention"), "{}", s[0].reason);
}

#[test]
fn values_alone_do_not_map_a_column() {
    let schema = schema(r#"{"fields": [{"name": "EQUIP_EMAIL", "format": "email", "title": "Adresse email"}]}"#);
    let sheet = sheet("contact\na@b.fr\nc@d.fr\n");
    let s = suggest_mapping(&schema, &sheet);
    assert!(s[0].column.is_none() || s[0].confidence == Confidence::Low, "{:?}", s[0]);
}

#[test]
fn schema_suggestion_ranks_the_matching_schema_first() {
    let subventions = schema(
        r#"{"fields": [{"name": "nomBeneficiaire", "constraints": {"required": true}}, {"name": "montant", "type": "number", "constraints": {"required": true}}]}"#,
    );
    let delibs = deliberations();
    let sheet = sheet("Nom du bénéficiaire;Montant octroyé\nClub;1 000\nAsso;2 500\n");
    let ranked = suggest_schema(&[("scdl/deliberations", &delibs), ("scdl/subventions", &subventions)], &sheet);
    assert_eq!(ranked[0].0, "scdl/subventions");
    assert!(ranked[0].1 > ranked[1].1);
}

#[test]
fn confidence_serializes_in_kebab_case() {
    assert_eq!(serde_json::to_string(&Confidence::Medium).unwrap(), "\"medium\"");
}
