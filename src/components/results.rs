use super::Grid;
use crate::browser;
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// How many issues the list draws; the grid shows them all, in their cells.
const MAX_ISSUES: usize = 500;

/// Step 4: the verdict, the issues, the produced table with erroneous cells marked (the grid and its
/// error panel), and the download.
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
    let place = super::grid::GridPlace::new();
    move || {
        let outcome = state.outcome.get()?;
        let report = outcome.report().clone();
        let valid = report.valid;
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
                <Grid outcome=outcome.clone() place=place />
            </section>
        })
    }
}
