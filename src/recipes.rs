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

/// Saves a recipe, replacing one made for the same schema and columns. When the browser's storage is
/// full, the oldest recipes give way one at a time. Returns how many were dropped for it, or `Err` if
/// even the recipe alone could not be kept (private browsing, storage disabled or full); the store is
/// then left as it was.
pub fn save(recipe: &Recipe) -> Result<usize, ()> {
    let mut all = saved();
    all.retain(|r| !(r.schema == recipe.schema && r.headers == recipe.headers));
    all.insert(0, recipe.clone());
    all.truncate(KEPT);
    let before = all.len();
    while !all.is_empty() {
        if serde_json::to_string(&all).is_ok_and(|text| browser::store(RECIPES, &text)) {
            return Ok(before - all.len());
        }
        if all.len() == 1 {
            break;
        }
        all.pop();
    }
    Err(())
}

/// What this browser keeps of the user's work, for the user to see and forget.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kept {
    pub recipes: usize,
    pub edits: usize,
    pub collectivity: bool,
}

impl Kept {
    pub fn is_empty(&self) -> bool {
        self.recipes == 0 && !self.collectivity
    }
}

pub fn kept() -> Kept {
    let recipes = saved();
    Kept {
        recipes: recipes.len(),
        edits: recipes.iter().map(|r| r.edits.edits.len()).sum(),
        collectivity: browser::stored(COLLECTIVITY).is_some(),
    }
}

/// Removes everything Tamis keeps in this browser. `false` if the browser refused.
pub fn forget() -> bool {
    browser::forget(RECIPES) & browser::forget(COLLECTIVITY)
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
