//! The downloads of the last step: the CSV to publish (named after the data.gouv.fr guide), the
//! report, the recipe and the working copies; then what to declare when publishing, with copy buttons.

use super::progress::MakingProgress;
use crate::browser;
use crate::export::Siren;
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use tamis_engine::export::FileKind;

/// The file names' SIREN and data set, the download buttons, and the checklist after a download.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let downloaded = RwSignal::new(false);
    let summary =
        Memo::new(move |_| state.with_editor(|e| (e.report().valid, e.report().issues.len(), e.report().undecided())));
    // The files being made, since when (their progress is shown after half a second): the XLSX copy in
    // its worker, a CSV a slice of rows at a time.
    let making_xlsx = RwSignal::new(None::<f64>);
    let making_csv = RwSignal::new(None::<f64>);
    let save = move |kind: FileKind| match kind {
        FileKind::Xlsx => save_xlsx(state, making_xlsx),
        FileKind::Publication | FileKind::ExcelCsv => save_csv(state, kind, making_csv, downloaded),
        FileKind::Report | FileKind::ReportJson | FileKind::Recipe => {
            if state.download(kind).is_none_or(|file| browser::save(&file.name, &file.blob).is_err()) {
                state.error.set(Some(text::DOWNLOAD_FAILED.to_owned()));
            }
        }
    };
    let siren = state.export_siren;
    let siren_note = move || match siren.get() {
        Siren::FromData(_) => view! { <span class="muted small">{text::SIREN_FROM_DATA}</span> }.into_any(),
        Siren::Typed(_) => ().into_any(),
        Siren::Missing => view! { <span class="warning small" role="status">{text::SIREN_MISSING}</span> }.into_any(),
        Siren::Invalid(why) => view! { <span class="warning small" role="status">{why}</span> }.into_any(),
    };
    let other = move |kind: FileKind, testid: &'static str, label: &'static str| {
        let busy = move || match kind {
            FileKind::Xlsx => making_xlsx.get().is_some(),
            FileKind::ExcelCsv => making_csv.get().is_some(),
            _ => false,
        };
        view! {
            <li>
                <button type="button" class="secondary small" data-testid=testid prop:disabled=busy
                    on:click=move |_| save(kind)>{label}</button>
                " " <code class="small">{move || state.file_name(kind)}</code>
                {(kind == FileKind::Xlsx).then(|| view! {
                    <MakingProgress making=making_xlsx id="xlsx" label=text::XLSX_MAKING
                        cancel_label=text::XLSX_CANCEL_LABEL cancel=|_| { crate::reader::cancel_xlsx(); } />
                })}
            </li>
        }
    };
    move || {
        let (valid, count, undecided) = summary.get()?;
        Some(view! {
            <div class="export" data-testid="export">
                {(!valid).then(|| view! {
                    <p class="notice" role="alert" data-testid="export-warning">{text::export_not_conforming(count, undecided)}</p>
                })}
                <div class="inline wrap">
                    <label>
                        {text::SIREN_LABEL} " "
                        <input type="text" inputmode="numeric" data-testid="siren" size="14"
                            prop:value=move || siren.get().value().map(str::to_owned).unwrap_or_else(|| state.siren.get())
                            prop:disabled=move || matches!(siren.get(), Siren::FromData(_))
                            on:change=move |ev| state.siren.set(event_target_value(&ev)) />
                    </label>
                    {siren_note}
                    <label>
                        {text::DATASET_LABEL} " "
                        <input type="text" data-testid="dataset" prop:value=move || state.dataset_name()
                            on:change=move |ev| state.dataset.set(event_target_value(&ev)) />
                    </label>
                </div>
                <p>
                    <button type="button" class="primary" data-testid="download" prop:disabled=move || making_csv.get().is_some()
                        on:click=move |_| save(FileKind::Publication)>
                        {if valid { text::DOWNLOAD } else { text::DOWNLOAD_INVALID }}
                    </button>
                    " " <code data-testid="file-name">{move || state.file_name(FileKind::Publication)}</code>
                </p>
                // Stopping is the whole cancel: the CSV is written between pauses that ask whether to go on.
                <MakingProgress making=making_csv id="csv" label=text::CSV_MAKING cancel_label=text::CSV_CANCEL_LABEL
                    cancel=|making| making.set(None) />
                <details class="other-files">
                    <summary>{text::OTHER_FILES}</summary>
                    <ul class="plain">
                        {other(FileKind::Report, "download-report", text::DOWNLOAD_REPORT)}
                        {other(FileKind::ReportJson, "download-report-json", text::DOWNLOAD_REPORT_JSON)}
                        {other(FileKind::Recipe, "download-recipe", text::DOWNLOAD_RECIPE)}
                        {other(FileKind::Xlsx, "download-xlsx", text::DOWNLOAD_XLSX)}
                        {other(FileKind::ExcelCsv, "download-excel", text::DOWNLOAD_EXCEL)}
                    </ul>
                    <p class="muted small">{text::EXCEL_NOT_FOR_PUBLICATION}</p>
                </details>
                {move || (downloaded.get() && valid).then(|| view! { <Checklist /> })}
            </div>
        })
    }
}

/// Writes a CSV of the table, a slice of rows at a time, then saves it; says why when it cannot (nothing
/// when cancelled).
fn save_csv(state: AppState, kind: FileKind, making: RwSignal<Option<f64>>, downloaded: RwSignal<bool>) {
    if making.get_untracked().is_some() {
        return;
    }
    let started = js_sys::Date::now();
    making.set(Some(started));
    leptos::task::spawn_local(async move {
        // Cancelled, or the panel gone: this CSV is no longer wanted.
        let wanted = move || making.try_get_untracked() == Some(Some(started));
        let made = state.csv_download(kind, wanted).await;
        if !wanted() {
            return;
        }
        making.try_set(None);
        match made {
            Ok(Some(file)) if browser::save(&file.name, &file.blob).is_ok() => {
                if kind == FileKind::Publication {
                    downloaded.try_set(true);
                }
            }
            _ => state.error.set(Some(text::DOWNLOAD_FAILED.to_owned())),
        }
    });
}

/// Makes the XLSX copy in the worker, then saves it; says why when it cannot (nothing when cancelled).
fn save_xlsx(state: AppState, making: RwSignal<Option<f64>>) {
    if making.get_untracked().is_some() {
        return;
    }
    making.set(Some(js_sys::Date::now()));
    leptos::task::spawn_local(async move {
        let made = state.xlsx_download().await;
        making.try_set(None);
        let error = match made {
            Some(Ok(file)) => browser::save(&file.name, &file.blob).err().map(|_| text::DOWNLOAD_FAILED.to_owned()),
            Some(Err(error)) => error.message().map(str::to_owned),
            None => Some(text::DOWNLOAD_FAILED.to_owned()),
        };
        if let Some(error) = error {
            state.error.set(Some(error));
        }
    });
}

/// What to do with the downloaded file: where to publish it and what to declare, each with a copy
/// button.
#[component]
fn Checklist() -> impl IntoView {
    let state = expect_context::<AppState>();
    let schema = state.schema.get_untracked();
    // The collectivity: as the data names it (COLL_NOM, nomAttribuant…), else as typed in this browser.
    let from_data = schema.as_ref().and_then(|s| {
        let field = tamis_engine::mapping::collectivity_fields(&s.schema).0?;
        state
            .with_editor_untracked(|e| {
                let column = e.column(field).ok()?;
                e.table().rows.iter().filter_map(|r| r.get(column)).find(|v| !v.trim().is_empty()).map(str::to_owned)
            })
            .flatten()
    });
    let collectivity = from_data.unwrap_or_else(|| crate::recipes::collectivity().name);
    let (name, version, title) = schema
        .as_ref()
        .map(|s| {
            (
                s.name.clone(),
                s.version.clone().unwrap_or_default(),
                s.schema.title.clone().unwrap_or_else(|| s.name.clone()),
            )
        })
        .unwrap_or_default();
    let suggested_title = text::dataset_title(&title, &collectivity);
    let description =
        text::dataset_description(&title, &name, &version, &crate::export::today().format("%d/%m/%Y").to_string());
    let lines = vec![
        (text::CHECK_SCHEMA, name),
        (text::CHECK_VERSION, version),
        (text::CHECK_LICENCE, text::LICENCE.to_owned()),
        (text::CHECK_TITLE, suggested_title),
        (text::CHECK_DESCRIPTION, description),
    ];
    view! {
        <section class="checklist" data-testid="checklist" aria-labelledby="checklist-title">
            <h3 id="checklist-title">{text::CHECKLIST_TITLE}</h3>
            <p>{text::CHECK_WHERE} " "
                <a href="https://www.data.gouv.fr/fr/admin/dataset/new/" target="_blank" rel="noopener noreferrer">"data.gouv.fr"</a>
                {text::CHECK_WHERE_ATD}
            </p>
            <dl>
                {lines.into_iter().map(|(label, value)| view! { <CopyLine label=label value=value /> }).collect_view()}
            </dl>
        </section>
    }
}

/// A label, its value (selectable), and a button that copies it.
#[component]
fn CopyLine(label: &'static str, value: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy = {
        let value = value.clone();
        move |_| {
            let value = value.clone();
            leptos::task::spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&value)).await.is_ok();
                copied.set(Some(done));
            });
        }
    };
    view! {
        <dt>{label}</dt>
        <dd>
            <span class="copy-value">{value}</span>
            " "
            <button type="button" class="secondary small" on:click=copy aria-label=format!("{} : {label}", text::COPY)>{text::COPY}</button>
            {move || copied.get().map(|done| view! {
                <span class="muted small" role="status">{if done { text::COPIED } else { text::COPY_FAILED }}</span>
            })}
        </dd>
    }
}
