//! Issues in plain words: [`Issue::explanation`] says, for a person, what is wrong and what form the
//! field expects, from the schema's field documentation (this module's parent) and, for checks over
//! several columns, the row's cells. Made when shown, never stored: a million issues cost nothing more.
//! The issue's `message` stays Validata's wording (the reports and the protocol keep it).

use super::{list_values, simple_pattern, type_in_french, value_constraints, value_text};
use crate::fr;
use crate::schema::Field;
use crate::table::{row_index, Table};
use crate::validate::{CheckRule, Code, CompiledSchema, Constraint, Issue};

/// What an explanation needs: the schema the issue comes from, and the table validated (for the
/// cells of the issue's row).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub schema: &'a CompiledSchema,
    pub table: &'a Table,
}

/// A valid SIRET and SIREN (DINUM's), the examples when the schema gives none.
const SIRET_EXAMPLE: &str = "13002526500013";
const SIREN_EXAMPLE: &str = "130025265";
/// Longest description quoted as a pattern's expected form.
const DESCRIPTION_MAX: usize = 200;

impl Issue {
    /// One French sentence a person understands: the field, what is wrong, the expected form with an
    /// example where the schema gives one (« Dans DATE, « 15/03/2024 » n'a pas la forme attendue : date
    /// au format aaaa-mm-jj, par exemple 2024-03-15. »).
    pub fn explanation(&self, ctx: &Context<'_>) -> String {
        let name = self.field.as_deref().unwrap_or_default();
        let field = ctx.schema.schema().field(name);
        let cell = self.cell.as_ref();
        let expected = || field.map_or_else(|| fr::doc::TEXT.to_owned(), |f| type_in_french(f).join(", "));
        let example = field.and_then(example);
        let cells: Vec<&str> = self
            .row
            .and_then(row_index)
            .and_then(|i| ctx.table.rows.get(i))
            .map(|row| row.iter().collect())
            .unwrap_or_default();
        let rule = || ctx.schema.check_rule(self, &ctx.table.fields, &cells);
        match self.code {
            Code::TypeError => fr::explain::type_error(name, cell, &expected(), without_repeat(&expected(), &example)),
            Code::ConstraintError => constraint(self, ctx.schema, field, &expected(), example.as_deref()),
            Code::BlankRow => fr::explain::BLANK_ROW.to_owned(),
            Code::UniqueError => fr::explain::unique(name, cell, self.earlier_row()),
            Code::PrimaryKeyError => {
                let key: Vec<&str> = ctx.schema.primary_key().iter().map(String::as_str).collect();
                match self.earlier_row() {
                    Some(row) => fr::explain::primary_key(&key, cell, Some(row)),
                    None if cell.is_empty() => fr::explain::primary_key_empty(&key),
                    None => fr::explain::primary_key(&key, cell, None),
                }
            }
            Code::ExtraCell => fr::explain::extra_cell(cell),
            Code::MissingCell => fr::explain::missing_cell(name),
            Code::MissingRequiredHeader => fr::explain::missing_required_header(name, &expected()),
            Code::BlankLabel => fr::explain::BLANK_LABEL.to_owned(),
            Code::GeneralError => fr::explain::GENERAL_ERROR.to_owned(),
            Code::SchemaError => {
                let key: Vec<&str> = ctx.schema.primary_key().iter().map(String::as_str).collect();
                fr::explain::schema_error(&key)
            }
            Code::FieldError => fr::explain::FIELD_ERROR.to_owned(),
            Code::CheckError => fr::explain::CHECK_ERROR.to_owned(),
            // A file checked as it is that Validata would not read: the message says it plainly.
            Code::SourceError | Code::EncodingError => self.message.to_string(),
            Code::FrenchSiretValue => fr::explain::siret(name, cell, example.as_deref().unwrap_or(SIRET_EXAMPLE)),
            Code::FrenchSirenValue => fr::explain::siren(name, cell, example.as_deref().unwrap_or(SIREN_EXAMPLE)),
            Code::OneOfRequired => match rule() {
                Some(CheckRule::OneOfRequired { column1, column2, absent: true }) => {
                    fr::explain::one_of_required_absent(&column1, &column2)
                }
                Some(CheckRule::OneOfRequired { column1, column2, absent: false }) => {
                    fr::explain::one_of_required(&column1, &column2)
                }
                _ => self.message.to_string(),
            },
            Code::YearIntervalValue => {
                let year_only = matches!(rule(), Some(CheckRule::YearInterval { year_only: true }));
                fr::explain::year_interval(name, cell, year_only)
            }
            Code::CohesiveColumnsValue => match rule() {
                Some(CheckRule::Cohesive { columns }) => {
                    let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
                    fr::explain::cohesive(&names, columns.iter().filter(|(_, filled)| *filled).count())
                }
                _ => self.message.to_string(),
            },
            Code::CompareColumnsValue => match rule() {
                Some(CheckRule::Compare { column, value, relation, column2, value2, comparable: true }) => {
                    fr::explain::compare(&column, &value, relation, &column2, &value2)
                }
                Some(CheckRule::Compare { column, value, column2, value2, .. }) => {
                    fr::explain::not_comparable(&column, &value, &column2, &value2)
                }
                _ => self.message.to_string(),
            },
            Code::SumColumnsValue => match rule() {
                Some(CheckRule::Sum { total, terms }) => {
                    let sum: Option<i128> = terms.iter().map(|(_, v)| integer(v)).sum();
                    let sum = sum.map_or_else(|| "?".to_owned(), |s| s.to_string());
                    let terms: Vec<(&str, &str)> = terms.iter().map(|(c, v)| (c.as_str(), v.as_str())).collect();
                    fr::explain::sum((&total.0, &total.1), &terms, &sum)
                }
                _ => self.message.to_string(),
            },
            Code::NomenclatureActesValue => fr::explain::nomenclature(name, cell),
            Code::FrenchGpsCoordinates => fr::explain::gps(name, cell),
            Code::ReversedFrenchGpsCoordinates => fr::explain::gps_reversed(name, cell),
            Code::PhoneNumberValue => fr::explain::phone(name, cell),
            Code::OpeningHoursValue => fr::explain::opening_hours(name, cell),
            Code::MissingHeaderWarn => fr::explain::missing_header_warn(name),
            Code::ExtraHeaderWarn => fr::explain::extra_header_warn(name),
            Code::DisorderedHeaderWarn => {
                let names: Vec<&str> = ctx.schema.schema().fields.iter().map(|f| f.name.as_str()).collect();
                fr::explain::disordered_header_warn(&names)
            }
            Code::PatternUndecided => {
                let expected = field.map_or_else(expected, |f| pattern_expected(f).0);
                fr::explain::pattern_undecided(name, cell, &expected)
            }
        }
    }
}

/// A `constraint-error`, by the rule it breaks.
fn constraint(
    issue: &Issue,
    schema: &CompiledSchema,
    field: Option<&Field>,
    expected: &str,
    example: Option<&str>,
) -> String {
    let name = issue.field.as_deref().unwrap_or_default();
    let cell = issue.cell.as_ref();
    let (Some(field), Some(broken)) = (field, schema.constraint_broken(issue)) else {
        return fr::explain::constraint(name, &issue.message);
    };
    let c = &field.constraints;
    let temporal = matches!(field.field_type.as_str(), "date" | "datetime" | "time" | "yearmonth");
    let bound = |value: Option<&serde_json::Value>| value.map(value_text).unwrap_or_default();
    match broken {
        Constraint::Required => {
            fr::explain::required(name, expected, without_repeat(expected, &example.map(str::to_owned)))
        }
        Constraint::Enum => {
            let allowed: Vec<String> = c.enumeration.iter().flatten().map(value_text).collect();
            fr::explain::enumeration(name, cell, &list_values(&allowed))
        }
        Constraint::Pattern => {
            let (expected, example) = pattern_expected(field);
            fr::explain::pattern(name, cell, &expected, example.as_deref())
        }
        Constraint::MinLength => fr::explain::min_length(name, cell, c.min_length.unwrap_or_default()),
        Constraint::MaxLength => fr::explain::max_length(name, cell, c.max_length.unwrap_or_default()),
        Constraint::Minimum => fr::explain::minimum(name, cell, &bound(c.minimum.as_ref()), temporal),
        Constraint::Maximum => fr::explain::maximum(name, cell, &bound(c.maximum.as_ref()), temporal),
        Constraint::ArrayItem => {
            let item = field.array_item.as_deref().map_or_else(Vec::new, |item| {
                let mut parts = type_in_french(item);
                parts.extend(value_constraints(item));
                parts
            });
            fr::explain::array_item(name, cell, &item.join(", "))
        }
    }
}

/// The form a pattern asks for, in words: what the pattern says when it is simple, else the field's
/// description (its first sentence when long), else the pattern as written; and the example, unless
/// the words already give one.
fn pattern_expected(field: &Field) -> (String, Option<String>) {
    let pattern = field.constraints.pattern.as_deref().unwrap_or_default();
    let example = example(field);
    let said = super::known_pattern(pattern).map(str::to_owned).or_else(|| simple_pattern(pattern));
    let expected = said
        .or_else(|| field.description.as_deref().and_then(first_sentence))
        .unwrap_or_else(|| fr::doc::pattern(pattern, None));
    let example = without_repeat(&expected, &example).map(str::to_owned);
    (expected, example)
}

/// A description's first paragraph, or its first sentence when that is long; without a final period.
/// The description is Markdown: the sentence is its plain text (a link's text, no emphasis marks).
fn first_sentence(description: &str) -> Option<String> {
    let text = super::markdown_to_text(description);
    let paragraph = text.split("\n\n").next()?.trim();
    let text = if paragraph.chars().count() > DESCRIPTION_MAX {
        paragraph.split_once(". ").map_or(paragraph, |(first, _)| first)
    } else {
        paragraph
    };
    let text = text.trim().trim_end_matches('.').replace('\n', " ");
    (!text.is_empty() && text.chars().count() <= DESCRIPTION_MAX).then_some(text)
}

/// The schema's example of the field, else one for its type when its form is fixed.
fn example(field: &Field) -> Option<String> {
    if let Some(example) = field.example.as_ref().map(value_text).filter(|e| !e.trim().is_empty()) {
        return Some(example);
    }
    let default_format = field.format.as_deref().is_none_or(|f| f.is_empty() || f == "default");
    let example = match field.field_type.as_str() {
        "date" if default_format => "2024-03-15",
        "datetime" if default_format => "2024-03-15T14:30:00",
        "time" if default_format => "14:30:00",
        "year" => "2024",
        "yearmonth" => "2024-03",
        "integer" => "42",
        _ => return None,
    };
    Some(example.to_owned())
}

/// The example, unless the expected form already gives one.
fn without_repeat<'a>(expected: &str, example: &'a Option<String>) -> Option<&'a str> {
    example.as_deref().filter(|_| !expected.contains("par exemple") && !expected.contains("exemple :"))
}

/// A term of a sum as `sum-columns-value` counts it: an integer, a decimal truncated.
fn integer(text: &str) -> Option<i128> {
    let text = text.trim();
    text.parse::<i128>().ok().or_else(|| text.parse::<f64>().ok().filter(|f| f.is_finite()).map(|f| f.trunc() as i128))
}

#[cfg(test)]
mod tests;
