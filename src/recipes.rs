//! Recipes and the collectivity's identity kept in the browser (local storage, this machine only), so
//! that next month's file with the same columns is mapped without a click.

use crate::browser;
use serde::{Deserialize, Serialize};
use tamis_engine::Recipe;

const RECIPES: &str = "tamis.recipes";
const COLLECTIVITY: &str = "tamis.collectivite";
/// Recipes kept; the oldest go first.
const KEPT: usize = 20;

/// Every saved recipe, most recent first. A damaged store reads as empty.
pub fn saved() -> Vec<Recipe> {
    let Some(text) = browser::stored(RECIPES) else { return Vec::new() };
    let values: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    values.into_iter().filter_map(|value| Recipe::from_value(value).ok()).collect()
}

/// Saves a recipe, replacing one made for the same schema and columns. `false` if the browser refused.
pub fn save(recipe: &Recipe) -> bool {
    let mut all = saved();
    all.retain(|r| !(r.schema == recipe.schema && r.headers == recipe.headers));
    all.insert(0, recipe.clone());
    all.truncate(KEPT);
    serde_json::to_string(&all).is_ok_and(|text| browser::store(RECIPES, &text))
}

/// The saved recipe for a file with these columns: made for the very same columns, or else the most
/// recent one whose columns are all there.
pub fn for_headers(headers: &[String]) -> Option<Recipe> {
    let all = saved();
    let same = all.iter().position(|r| r.headers == headers && r.fits(headers));
    let index = same.or_else(|| all.iter().position(|r| r.fits(headers)))?;
    all.into_iter().nth(index)
}

/// The collectivity the agent works for: typed once, offered for every file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Collectivity {
    pub name: String,
    pub siret: String,
}

pub fn collectivity() -> Collectivity {
    browser::stored(COLLECTIVITY).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

pub fn save_collectivity(collectivity: &Collectivity) -> bool {
    serde_json::to_string(collectivity).is_ok_and(|text| browser::store(COLLECTIVITY, &text))
}
