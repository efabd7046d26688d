//! What goes with each field row of the mapping: its transforms, its value table for lists of allowed
//! values, and its documentation.

use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::sync::Arc;
use tamis_engine::describe;
use tamis_engine::transform::{self, Outcome, Transform};
use tamis_engine::{mapping, Field, Sheet, Source};

/// The transforms of a field filled from a column: those applied (each removable), those suggested
/// for the column's values, any other of the field's type; with before → after samples.
#[component]
pub fn FieldTransforms(field: Field, sheet: Arc<Sheet>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = StoredValue::new(field.name.clone());
    let source = Memo::new(move |_| state.recipe.with(|r| name.with_value(|n| r.source(n).cloned())));
    // The transforms applied to the column's values, each removable, with before → after samples.
    let transforms = Memo::new(move |_| state.recipe.with(|r| name.with_value(|n| r.transforms_of(n).to_vec())));
    let suggested_again = {
        let sheet = sheet.clone();
        let field = field.clone();
        move || state.recipe.with(|r| r.suggest_transforms(&field, &sheet))
    };
    let transforms_view = {
        let sheet = sheet.clone();
        let manual_field = field.clone();
        move || {
            let applied = transforms.get();
            let label = match source.get() {
                Some(Source::Column(label)) => label,
                _ => return None,
            };
            let missing: Vec<Transform> = suggested_again().into_iter().filter(|t| !applied.contains(t)).collect();
            // Any other transform of the field's type, for the person who knows better than the suggestion.
            let others: Vec<Transform> = transform::manual_transforms(&manual_field)
                .into_iter()
                .filter(|t| !applied.contains(t) && !missing.contains(t))
                .collect();
            let values = mapping::column_sample(&sheet, &label, 500);
            let samples = transform::preview(&applied, &values, 3)
                .into_iter()
                .filter(|(_, outcome)| !matches!(outcome, Outcome::Unchanged))
                .map(|(before, outcome)| match outcome {
                    Outcome::Changed(after) => {
                        view! { <li>{format!("« {} » → « {} »", shorten(&before), shorten(&after))}</li> }.into_any()
                    }
                    Outcome::Unrecoverable(reason) => {
                        view! { <li class="unrecoverable">{format!("⚠ {reason}")}</li> }.into_any()
                    }
                    Outcome::Unchanged => ().into_any(),
                })
                .collect_view();
            let items = applied
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let remove = move |_| {
                        let mut kept = transforms.get_untracked();
                        if i < kept.len() {
                            kept.remove(i);
                        }
                        name.with_value(|n| state.set_transforms(n, kept));
                    };
                    view! {
                        <li>
                            {t.describe()} " "
                            <button type="button" class="secondary small" on:click=remove>{text::TRANSFORM_REMOVE}</button>
                        </li>
                    }
                })
                .collect_view();
            let offers = missing
                .into_iter()
                .map(|t| {
                    let description = t.describe();
                    let add = move |_| {
                        let mut all = transforms.get_untracked();
                        all.push(t.clone());
                        name.with_value(|n| state.set_transforms(n, all));
                    };
                    view! {
                        <li>
                            <button type="button" class="secondary small" on:click=add>{text::TRANSFORM_ADD}</button>
                            " " {description}
                        </li>
                    }
                })
                .collect_view();
            let choose = {
                let others = others.clone();
                move |ev: leptos::ev::Event| {
                    let chosen = event_target_value(&ev).parse::<usize>().ok().and_then(|i| others.get(i).cloned());
                    if let Some(t) = chosen {
                        let mut all = transforms.get_untracked();
                        all.push(t);
                        name.with_value(|n| state.set_transforms(n, all));
                    }
                }
            };
            let label = format!("{} {}", text::TRANSFORM_CHOOSE, name.get_value());
            Some(view! {
                <div class="transforms small" data-testid="transforms">
                    <ul class="applied">{items}{offers}</ul>
                    <ul class="preview-values muted">{samples}</ul>
                    <select class="small" aria-label=label on:change=choose>
                        <option value="" selected=true>{text::TRANSFORM_CHOOSE}</option>
                        {others.iter().enumerate().map(|(i, t)| view! { <option value=i.to_string()>{t.describe()}</option> }).collect_view()}
                    </select>
                </div>
            })
        }
    };
    transforms_view
}

/// A value cut to a readable length for a before → after sample (its ends are what transforms change).
fn shorten(value: &str) -> String {
    const KEEP: usize = 24;
    let count = value.chars().count();
    if count <= 2 * KEEP + 1 {
        return value.to_owned();
    }
    let head: String = value.chars().take(KEEP).collect();
    let tail: String = value.chars().skip(count - KEEP).collect();
    format!("{head}…{tail}")
}

/// What the schema says of a field: its rules in plain French, its description (Markdown, rendered
/// safely: raw HTML is shown as text, links only to web and mail addresses) and its example.
#[component]
pub fn FieldDoc(field: Field) -> impl IntoView {
    let rules = describe::constraints_in_french(&field);
    let description = field.description.as_deref().map(describe::markdown_to_html).filter(|h| !h.trim().is_empty());
    let example = field.example.as_ref().map(|e| match e {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    view! {
        <details class="field-doc small">
            <summary>{text::FIELD_DOC}</summary>
            <ul class="rules">{rules.into_iter().map(|rule| view! { <li>{rule}</li> }).collect_view()}</ul>
            {description.map(|html| view! { <div class="description" inner_html=html></div> })}
            {example.map(|e| view! { <p>{text::FIELD_EXAMPLE} " " <code>{e}</code></p> })}
        </details>
    }
}

/// For a field with a list of allowed values: the column's distinct values that are not allowed, each
/// with the allowed value to write instead (Tamis's suggestion one click away; the agent decides).
#[component]
pub fn EnumMapTable(field: Field, sheet: Arc<Sheet>) -> Option<AnyView> {
    let state = expect_context::<AppState>();
    let allowed = transform::enum_values(&field)?;
    let name = StoredValue::new(field.name.clone());
    let allowed = StoredValue::new(allowed);
    // The current value map (the recipe's enum-map transform of this field), empty when none.
    let current = Memo::new(move |_| {
        state
            .recipe
            .with(|r| {
                name.with_value(|n| {
                    r.transforms_of(n).iter().find_map(|t| match t {
                        Transform::EnumMap { map } => Some(map.clone()),
                        _ => None,
                    })
                })
            })
            .unwrap_or_default()
    });
    let set_map = move |map: std::collections::BTreeMap<String, String>| {
        let mut all: Vec<Transform> = state.recipe.with_untracked(|r| name.with_value(|n| r.transforms_of(n).to_vec()));
        all.retain(|t| !matches!(t, Transform::EnumMap { .. }));
        if !map.is_empty() {
            all.push(Transform::EnumMap { map });
        }
        name.with_value(|n| state.set_transforms(n, all));
    };
    let view = move || {
        let Some(Source::Column(label)) = state.recipe.with(|r| name.with_value(|n| r.source(n).cloned())) else {
            return None;
        };
        let mut values: Vec<String> = mapping::column_sample(&sheet, &label, 5000)
            .into_iter()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty() && !allowed.with_value(|a| a.contains(v)))
            .collect();
        values.sort();
        values.dedup();
        if values.is_empty() {
            return None;
        }
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let suggestions = allowed.with_value(|a| transform::suggest_enum_map(&refs, a));
        let map = current.get();
        let confident: std::collections::BTreeMap<String, String> = suggestions
            .iter()
            .filter(|(_, s, score)| s.is_some() && *score >= transform::ENUM_CONFIDENT)
            .filter_map(|(v, s, _)| Some((v.clone(), s.clone()?)))
            .collect();
        let accept_all = {
            let confident = confident.clone();
            move |_| {
                let mut map = current.get_untracked();
                map.extend(confident.clone());
                set_map(map);
            }
        };
        let rows = suggestions
            .into_iter()
            .map(|(value, suggested, _)| {
                let chosen = map.get(&value).cloned();
                let key = value.clone();
                let on_change = move |ev: leptos::ev::Event| {
                    let mut map = current.get_untracked();
                    match event_target_value(&ev).as_str() {
                        "" => map.remove(&key),
                        target => map.insert(key.clone(), target.to_owned()),
                    };
                    set_map(map);
                };
                let hint = suggested.map(|s| format!("{} {s}", text::ENUM_SUGGESTED));
                let options = allowed.with_value(|a| {
                    a.iter()
                        .map(|v| {
                            let selected = chosen.as_deref() == Some(v.as_str());
                            view! { <option value=v.clone() selected=selected>{v.clone()}</option> }
                        })
                        .collect_view()
                });
                let label = format!("{} {value}", text::ENUM_REPLACE);
                view! {
                    <tr>
                        <td><code>{value.clone()}</code></td>
                        <td>
                            <select class="small" aria-label=label on:change=on_change>
                                <option value="" selected=chosen.is_none()>{text::ENUM_KEEP}</option>
                                {options}
                            </select>
                        </td>
                        <td class="muted">{hint}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <details class="enum-map small" data-testid="enum-map">
                <summary>{format!("{} ({})", text::ENUM_OUTSIDE, values.len())}</summary>
                {(!confident.is_empty()).then(|| view! {
                    <button type="button" class="secondary small" on:click=accept_all>{text::ENUM_ACCEPT}</button>
                })}
                <table>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        })
    };
    Some(view.into_any())
}
