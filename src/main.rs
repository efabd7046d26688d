fn main() {
    console_error_panic_hook::set_once();
    // Dates written without a year (format `any`) take the current one, as Validata's parser does.
    let today = js_sys::Date::new_0();
    tamis_engine::validate::set_today(today.get_full_year() as i32, today.get_month() + 1, today.get_date());
    leptos::mount::mount_to_body(tamis::App);
}
