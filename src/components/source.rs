use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use tamis_engine::read::{DELIMITERS, ENCODINGS};

/// What the reader detected — format, encoding, delimiter, sheet, header row, size — each with a
/// control to override it (changing one re-reads the file), then what it noticed in the data.
#[component]
pub fn SourceSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let sheet = state.sheet.get()?;
        let info = sheet.source.clone();
        let name = state.file.with(|f| f.as_ref().map(|f| f.name.clone()).unwrap_or_default());
        let is_text = info.encoding.is_some();
        let encoding = info.encoding.clone().unwrap_or_default();
        let delimiter = info.delimiter.clone().unwrap_or_default();
        let current_sheet = info.sheet.clone().unwrap_or_default();
        let totals = info.totals_rows.clone();
        let remove_totals = info.totals_removed;
        Some(view! {
            <div class="source" data-testid="source">
                <p class="summary" data-testid="source-summary">
                    <strong>{name}</strong>
                    " — "
                    {text::source_summary(&info)}
                </p>
                <div class="controls">
                    {is_text.then(|| view! {
                        <label>
                            {text::ENCODING}
                            <select data-testid="encoding-select" on:change=move |ev| {
                                let value = event_target_value(&ev);
                                state.change_options(|o| o.encoding = Some(value));
                            }>
                                {ENCODINGS.iter().map(|e| {
                                    view! { <option value=*e selected=*e == encoding>{*e}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label>
                            {text::DELIMITER}
                            <select data-testid="delimiter-select" on:change=move |ev| {
                                let value = event_target_value(&ev).chars().next();
                                state.change_options(|o| o.delimiter = value);
                            }>
                                {DELIMITERS.iter().map(|d| {
                                    let value = d.to_string();
                                    let selected = value == delimiter;
                                    view! { <option value=value selected=selected>{text::delimiter_name(*d)}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    })}
                    {(!info.sheets.is_empty()).then(|| view! {
                        <label>
                            {text::SHEET}
                            <select data-testid="sheet-select" on:change=move |ev| {
                                let value = event_target_value(&ev);
                                state.change_options(|o| o.sheet = Some(value));
                            }>
                                {info.sheets.iter().map(|s| {
                                    let selected = s.name == current_sheet;
                                    let label = text::sheet_label(s);
                                    view! { <option value=s.name.clone() selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    })}
                    <label>
                        {text::HEADER_ROW}
                        <input
                            type="number"
                            min="0"
                            class="narrow"
                            data-testid="header-row"
                            prop:value=info.header_row.to_string()
                            on:change=move |ev| {
                                if let Ok(row) = event_target_value(&ev).trim().parse::<usize>() {
                                    state.change_options(|o| o.header_row = Some(row));
                                }
                            }
                        />
                        <span class="muted small">{text::HEADER_ROW_HINT}</span>
                    </label>
                </div>
                {(!totals.is_empty()).then(|| view! {
                    <p class="note" data-testid="totals">
                        {text::totals_found(&totals)} " "
                        <label>
                            <input
                                type="checkbox"
                                data-testid="remove-totals"
                                prop:checked=remove_totals
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    state.change_options(|o| o.remove_totals = checked);
                                }
                            />
                            " " {text::REMOVE_TOTALS}
                        </label>
                    </p>
                })}
                {(!info.renamed.is_empty()).then(|| view! {
                    <p class="note" data-testid="renamed">{text::renamed(&info.renamed)}</p>
                })}
                {(!info.findings.is_empty()).then(|| view! {
                    <ul class="findings" data-testid="findings">
                        {info.findings.iter().map(|f| view! { <li>{f.message()}</li> }).collect_view()}
                    </ul>
                })}
            </div>
        })
    }
}
