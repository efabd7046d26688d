use crate::browser;
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::collections::HashMap;

/// How many issues and rows are drawn; the rest is counted. (The fast grid comes with the fix step.)
const MAX_ISSUES: usize = 500;
const MAX_ROWS: usize = 200;

/// Step 4: the verdict, the issues, a preview of the produced table with erroneous cells marked, and
/// the download.
#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    let download = move |_| {
        if let Some((name, bytes, _)) = state.export() {
            if browser::download(&name, &bytes, "text/csv;charset=utf-8").is_err() {
                state.error.set(Some(text::DOWNLOAD_FAILED.to_owned()));
            }
        }
    };
    move || {
        let outcome = state.outcome.get()?;
        let report = outcome.report.clone();
        let table = outcome.table.clone();
        let valid = report.valid;
        // (row, field index) → messages, for marking cells.
        let mut marks: HashMap<(usize, usize), Vec<String>> = HashMap::new();
        for issue in &report.issues {
            if let (Some(row), Some(field)) = (issue.row, &issue.field) {
                if let Some(col) = table.fields.iter().position(|f| f == field) {
                    marks.entry((row, col)).or_default().push(issue.message.clone());
                }
            }
        }
        let counts = report.counts();
        Some(view! {
            <section class="step" aria-labelledby="step-results">
                <h2 id="step-results">{text::STEP_RESULTS}</h2>
                <p class=if valid { "verdict ok" } else { "verdict ko" } data-testid="verdict" role="status">
                    {if valid { text::VALID.to_owned() } else { text::issue_count(report.issues.len()) }}
                </p>
                {(!report.unchecked.is_empty()).then(|| view! {
                    <p class="muted small" data-testid="unchecked">{text::unchecked_note(&report.unchecked)}</p>
                })}
                <button type="button" class="primary" data-testid="download" on:click=download>
                    {if valid { text::DOWNLOAD } else { text::DOWNLOAD_INVALID }}
                </button>
                {(!counts.is_empty()).then(|| view! {
                    <ul class="counts" data-testid="counts">
                        {counts.iter().map(|(code, n)| view! {
                            <li><span class="code">{tamis_engine::fr::code_name(code)}</span> " (" <code>{*code}</code> ") : " {*n}</li>
                        }).collect_view()}
                    </ul>
                })}
                {(!report.issues.is_empty()).then(|| view! {
                    <details class="issues" open>
                        <summary>{text::issue_count(report.issues.len())}</summary>
                        <table data-testid="issues">
                            <thead><tr><th scope="col">{text::ROW}</th><th scope="col">"Champ"</th><th scope="col">"Valeur"</th><th scope="col">"Problème"</th><th scope="col">{text::FIX}</th></tr></thead>
                            <tbody>
                                {report.issues.iter().take(MAX_ISSUES).map(|issue| view! {
                                    <tr>
                                        <td>{issue.row.map(|r| r.to_string()).unwrap_or_default()}</td>
                                        <td><code>{issue.field.clone().unwrap_or_default()}</code></td>
                                        <td class="cell-value">{issue.cell.clone()}</td>
                                        <td class="message">{issue.message.clone()}</td>
                                        <td class="fix">{issue.fix.clone().unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(report.issues.len() > MAX_ISSUES).then(|| view! { <p class="muted">{text::MORE_ISSUES}</p> })}
                    </details>
                })}
                <h3>{text::PREVIEW}</h3>
                <div class="preview">
                    <table data-testid="preview">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                {table.fields.iter().map(|f| view! { <th scope="col">{f.clone()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {table.rows.iter().take(MAX_ROWS).enumerate().map(|(i, cells)| {
                                let row = i + 2;
                                view! {
                                    <tr>
                                        <th scope="row">{row}</th>
                                        {cells.iter().enumerate().map(|(col, value)| {
                                            match marks.get(&(row, col)) {
                                                Some(messages) => view! {
                                                    <td class="error" title=messages.join("\n") data-testid="error-cell">
                                                        <span aria-hidden="true" class="icon">"⚠ "</span>{value.clone()}
                                                    </td>
                                                }.into_any(),
                                                None => view! { <td>{value.clone()}</td> }.into_any(),
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(table.rows.len() > MAX_ROWS).then(|| view! { <p class="muted">{text::PREVIEW_TRUNCATED}</p> })}
            </section>
        })
    }
}
