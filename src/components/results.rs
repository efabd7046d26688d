use super::export::ExportPanel;
use super::Grid;
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
    let place = super::grid::GridPlace::new();
    let ready = Memo::new(move |_| state.editor.with(Option::is_some));
    // What the verdict and the counts show, kept apart from the table: an edit that leaves them
    // unchanged draws nothing here.
    let summary = Memo::new(move |_| {
        state.with_editor(|e| {
            let report = e.report();
            (report.valid, report.issues.len(), report.undecided(), report.counts(), report.unchecked.clone())
        })
    });
    let listed = Memo::new(move |_| {
        state
            .with_editor(|e| e.report().issues.iter().take(MAX_ISSUES).cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let total = Memo::new(move |_| state.with_editor(|e| e.report().issues.len()).unwrap_or(0));
    let any = Memo::new(move |_| total.get() > 0);
    let issues = move || {
        any.get().then(|| view! {
            <details class="issues" open>
                <summary>{move || text::issue_count(total.get())}</summary>
                <table data-testid="issues">
                    <thead><tr><th scope="col">{text::ROW}</th><th scope="col">"Champ"</th><th scope="col">"Valeur"</th><th scope="col">"Problème"</th><th scope="col">{text::FIX}</th></tr></thead>
                    <tbody>
                        // Keyed: an edit adds or removes a few lines, the others stay as they are.
                        <For
                            each=move || listed.get()
                            key=|issue| (issue.row, issue.field.clone(), issue.code, issue.message.clone(), issue.cell.clone())
                            children=|issue| view! {
                                <tr>
                                    <td>{issue.row.map(|r| r.to_string()).unwrap_or_default()}</td>
                                    <td><code>{issue.field.unwrap_or_default()}</code></td>
                                    <td class="cell-value">{issue.cell}</td>
                                    <td class="message">{issue.message}</td>
                                    <td class="fix">{issue.fix.unwrap_or_default()}</td>
                                </tr>
                            }
                        />
                    </tbody>
                </table>
                {move || (total.get() > MAX_ISSUES).then(|| view! { <p class="muted">{text::MORE_ISSUES}</p> })}
            </details>
        })
    };
    let verdict = move || {
        let (valid, count, undecided, counts, unchecked) = summary.get()?;
        Some(view! {
            <p class=if valid { "verdict ok" } else { "verdict ko" } data-testid="verdict" role="status">
                {if valid { text::VALID.to_owned() } else { text::problems(count, undecided) }}
            </p>
            {(!unchecked.is_empty()).then(|| view! {
                <p class="muted small" data-testid="unchecked">{text::unchecked_note(&unchecked)}</p>
            })}
            {(!counts.is_empty()).then(|| view! {
                <ul class="counts" data-testid="counts">
                    {counts.iter().map(|(code, n)| view! {
                        <li><span class="code">{code.name()}</span> " (" <code>{code.as_str()}</code> ") : " {*n}</li>
                    }).collect_view()}
                </ul>
            })}
        })
    };
    move || {
        ready.get().then(|| {
            view! {
                <section class="step" aria-labelledby="step-results">
                    <h2 id="step-results">{text::STEP_RESULTS}</h2>
                    {verdict}
                    <ExportPanel />
                    {issues}
                    <h3>{text::PREVIEW}</h3>
                    <Grid place=place />
                </section>
            }
        })
    }
}
